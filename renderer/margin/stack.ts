/** A margin card that wants to sit at `top` and is `height` tall, beside a passage in paragraph `paragraph`. */
export interface CardRequest {
  id: string;
  top: number;
  height: number;
  /** Which paragraph the passage starts in (any key the same for the same paragraph). */
  paragraph: number;
}

/** What decides how the cards are laid out besides their own places and sizes. */
export interface StackOptions {
  /** Space between two cards (and between a card and a count). */
  gap: number;
  /** The height of a paragraph's "+N more notes" count. */
  countHeight: number;
  /** How far below a paragraph's first passage its cards may reach before the rest collapse into a count. */
  maxRoom: number;
  /** Paragraphs whose count the reader opened: all their cards show. */
  expanded: ReadonlySet<number>;
  /** Cards that always show (the active highlight's, the one being edited). */
  pinned: ReadonlySet<string>;
}

/** A paragraph's count: the cards it stands for, or (opened) the control that folds them again. */
export interface CardCount {
  paragraph: number;
  top: number;
  /** The cards not shown (opened: the cards that fold away again). */
  hidden: string[];
  expanded: boolean;
}

/** Where each shown card goes, and each paragraph's count. */
export interface MarginLayout {
  tops: Map<string, number>;
  counts: CardCount[];
  /** The lowest edge of anything placed. */
  bottom: number;
}

/**
 * A count stands for at least this many cards: hiding a single card behind a
 * button saves little room and costs a click.
 */
const FEWEST_HIDDEN = 2;

/**
 * Places cards as close to their passages as possible without overlapping:
 * in order of wanted position, each card goes at its wanted top or just
 * below the card above, whichever is lower. A paragraph's cards have room
 * down to the next paragraph's cards (and at most `maxRoom`); when more
 * crowd there than fit, the first ones that fit show (and the pinned ones,
 * always) and the rest collapse into one count, unless the reader opened it.
 */
export function stackCards(cards: readonly CardRequest[], options: StackOptions): MarginLayout {
  const { gap, countHeight } = options;
  const tops = new Map<string, number>();
  const counts: CardCount[] = [];
  const paragraphs = paragraphsOf(cards);
  let nextFree = -Infinity;
  let bottom = 0;
  for (const [k, group] of paragraphs.entries()) {
    const wanted = group[0]!.top;
    const next = paragraphs[k + 1]?.[0]!.top ?? Infinity;
    const limit = Math.min(next, wanted + options.maxRoom);
    const start = Math.max(wanted, nextFree);
    const paragraph = group[0]!.paragraph;
    const expanded = options.expanded.has(paragraph);
    const shown = shownCards(group, start, limit, options);
    const hidden = group.filter((card) => !shown.has(card));
    let at = start;
    for (const card of group) {
      if (!expanded && hidden.length > 0 && !shown.has(card)) continue;
      // A card never sits above its own passage.
      at = Math.max(at, card.top);
      tops.set(card.id, at);
      at += card.height + gap;
    }
    if (hidden.length > 0) {
      counts.push({ paragraph, top: at, hidden: hidden.map((card) => card.id), expanded });
      at += countHeight + gap;
    }
    nextFree = at;
    bottom = Math.max(bottom, at - gap);
  }
  return { tops, counts, bottom };
}

/** Cards by paragraph, in order of wanted position (cards at the same height keep their given order). */
function paragraphsOf(cards: readonly CardRequest[]): CardRequest[][] {
  const byParagraph = new Map<number, CardRequest[]>();
  for (const card of [...cards].sort((a, b) => a.top - b.top)) {
    const group = byParagraph.get(card.paragraph);
    if (group) group.push(card);
    else byParagraph.set(card.paragraph, [card]);
  }
  return [...byParagraph.values()];
}

/**
 * Which of a paragraph's cards show when, stacked from `start`, they must end
 * by `limit` with a count below them: all when they fit, or when a count
 * would stand for too few; else the first that fit, and every pinned card
 * (for which the last unpinned ones make way). Never none.
 */
function shownCards(group: readonly CardRequest[], start: number, limit: number, options: StackOptions): Set<CardRequest> {
  const { gap, countHeight, pinned } = options;
  /** Where the last of these cards ends, stacked in order from `start`. */
  const bottomOf = (cards: Iterable<CardRequest>) => {
    let at = start;
    for (const card of cards) at = Math.max(at, card.top) + card.height + gap;
    return at - gap;
  };
  const all = new Set(group);
  if (bottomOf(group) <= limit) return all;
  const inOrder = (cards: Set<CardRequest>) => group.filter((card) => cards.has(card));
  const fits = (cards: Set<CardRequest>) => bottomOf(inOrder(cards)) + gap + countHeight <= limit;
  const shown = new Set<CardRequest>();
  for (const card of group) {
    shown.add(card);
    if (fits(shown)) continue;
    shown.delete(card);
    break;
  }
  for (const card of group) if (pinned.has(card.id)) shown.add(card);
  const unpinned = inOrder(shown).filter((card) => !pinned.has(card.id));
  while (!fits(shown) && unpinned.length > 0 && shown.size > 1) shown.delete(unpinned.pop()!);
  if (shown.size === 0) shown.add(group[0]!);
  return group.length - shown.size < FEWEST_HIDDEN ? all : shown;
}
