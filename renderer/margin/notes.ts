import type { Highlight } from '../../shared/model.js';
import type { ReaderState, Store } from '../app/store.js';
import { inDocumentOrder, paragraphStart, type PlacedHighlight } from '../reader/placement.js';
import type { Reader } from '../reader/view.js';
import { blockRoom } from './block-room.js';
import { COUNT_HEIGHT, marginCounts } from './counts.js';
import { createCard, staticChips, type Card } from './card.js';
import { createNoteEditor } from './note-editor.js';
import { noteView } from './note-view.js';
import { noteConflictsView } from './note-conflicts.js';
import { bringOnScreen } from './on-screen.js';
import { stackCards, type CardRequest, type MarginLayout, type StackOptions } from './stack.js';
import { createTagInput } from './tag-input.js';
import { layoutUnderParagraphs, notesPlaceFor, type NotesPlace } from './under-paragraphs.js';

/** Vertical space between two margin cards, in pixels. */
const CARD_GAP = 10;

/**
 * How far below a paragraph's first passage its cards may reach, as a share
 * of the reading area's height, before the rest collapse into a count: the
 * paragraph's notes stay beside it, with room on screen for the next ones.
 */
const ROOM_SHARE = 0.5;

/** What the margin asks of the rest of the reader. */
export interface MarginActions {
  activate(highlightId: string): void;
  editNote(highlightId: string): void;
  closeEditor(): void;
  saveNote(highlightId: string, note: string): void;
  saveTags(highlightId: string, tags: string[]): void;
  knownTags(): Promise<string[]>;
  /** Shows the articles carrying a tag: what clicking a tag chip does. */
  showTag(tag: string): void;
  /**
   * Opens the address of a link in a note, after asking the reader, exactly
   * as a link in the article is opened (actions.openLink). Without it a
   * note's links stay inert.
   */
  openLink?(href: string): void;
}

/**
 * How far above and below the screen cards are kept: about where the
 * browser lays out the article's parts anyway, so measuring a card's passage
 * forces no extra layout.
 */
const WINDOW_MARGIN = 0.5;

/**
 * The right-hand margin: each highlight with a note or tags gets a card
 * beside its passage, stacked so cards never overlap; the note is shown as
 * the Markdown it is written in. Where a paragraph has more cards than fit
 * before the next paragraph's, the rest collapse into a "+N more notes"
 * count. The active highlight's card always shows, and is brought on screen
 * when it becomes active. The note editor (the Markdown source) and the tag
 * input open in the card. Where the reading area has no room for the margin
 * beside a column of about 45 characters (layout.css names the widths), the
 * cards lie under their paragraphs instead, over the text column, each
 * paragraph keeping room for its cards so none covers the text; the same
 * stacking and folding rules apply. Returns its disposer.
 *
 * Only the cards of passages on or near the screen exist (a book can have
 * hundreds of notes); they are placed when the part of the article they sit
 * in comes near, and a change rebuilds only the cards it changed.
 */
export function mountMargin(margin: HTMLElement, reader: Reader, store: Store, actions: MarginActions): () => void {
  const cards = new Map<string, Card>();
  const scroller = margin.closest<HTMLElement>('.reader-scroll') ?? document.scrollingElement as HTMLElement;
  let shownRange = { from: -1, to: -1 };
  let editingId: string | null = null;

  /** Paragraphs whose count the reader opened, in the open article. */
  let expanded = new Set<number>();
  let expandedIn: string | null = null;
  /** The card to bring on screen once it is laid out: the highlight that just became active. */
  let revealing: string | null = null;
  let place: NotesPlace = 'beside';
  /** The room kept under paragraphs for their cards, when they lie there. */
  const rooms = blockRoom(reader.view);
  /** A card that grows or shrinks (an editor opened in it, resized) moves the cards below it, or its paragraph's room. */
  const cardSizes = new ResizeObserver(() => queueLayout());
  const counts = marginCounts(margin, (paragraph) => {
    if (!expanded.delete(paragraph)) expanded.add(paragraph);
    layout();
  });

  const cardActions = {
    activate: (id: string) => actions.activate(id),
    editNote: (id: string) => actions.editNote(id),
    openLink: (href: string) => actions.openLink?.(href),
  };

  const updateCard = (card: Card, highlight: Highlight, state: ReaderState) => {
    const editing = state.editing?.highlightId === highlight.id ? state.editing.kind : null;
    const active = highlight.id === state.activeHighlightId;
    card.element.className = `note-card note-${highlight.color}${active ? ' is-active' : ''}`;

    if (editing === 'note' && !card.noteEditing) {
      const editor = createNoteEditor(highlight.note, (outcome) => {
        if (outcome.saved && outcome.note !== highlight.note) actions.saveNote(highlight.id, outcome.note);
        actions.closeEditor();
      });
      card.noteSlot.replaceChildren(editor);
      card.noteEditing = true;
      editor.focus();
      editor.setSelectionRange(editor.value.length, editor.value.length);
    } else if (editing !== 'note') {
      card.noteEditing = false;
      const conflicts = noteConflictsView(highlight, (note) => actions.saveNote(highlight.id, note));
      card.noteSlot.replaceChildren(...(highlight.note.trim() ? [noteView(highlight.note)] : []), ...(conflicts ? [conflicts] : []));
    }

    if (editing === 'tags' && !card.tagsEditing) {
      const input = createTagInput({
        tags: highlight.tags,
        knownTags: actions.knownTags,
        onChange: (tags) => actions.saveTags(highlight.id, tags),
        onClose: () => actions.closeEditor(),
      });
      card.tagsSlot.replaceChildren(input.element);
      card.tagsEditing = true;
      input.focus();
    } else if (editing !== 'tags') {
      card.tagsEditing = false;
      card.tagsSlot.replaceChildren(...(highlight.tags.length ? [staticChips(highlight.tags, actions.showTag)] : []));
    }
  };

  /** The cards with a passage in the page, with their passages, in document order. */
  const cardsInPage = () => {
    const doc = reader.view.state.doc;
    const placement = reader.placement();
    const found: { id: string; card: Card; placed: PlacedHighlight }[] = [];
    for (const [id, card] of cards) {
      const placed = placement.byId.get(id);
      if (placed && placed.to <= doc.content.size) found.push({ id, card, placed });
    }
    return found.sort((a, b) => inDocumentOrder(a.placed, b.placed));
  };

  /** Beside the text: each card level with its passage, or below the card above. */
  const layoutBeside = (stacking: StackOptions): MarginLayout => {
    // Every measurement first, then every write: one layout, not one per card.
    const origin = margin.getBoundingClientRect().top;
    const doc = reader.view.state.doc;
    const requests: CardRequest[] = [];
    for (const { id, card, placed } of cardsInPage()) {
      const box = reader.boxOf(id);
      if (box) requests.push({ id, top: box.top - origin, height: card.element.offsetHeight, paragraph: paragraphStart(doc, placed.from) });
    }
    return stackCards(requests, stacking);
  };

  /** Under the paragraphs, each keeping room for its cards (see under-paragraphs.ts). */
  const layoutBelow = (stacking: StackOptions): MarginLayout => {
    const under = cardsInPage().map(({ id, card, placed }) => ({ id, element: card.element, from: placed.from }));
    return layoutUnderParagraphs(reader.view, margin, under, stacking, rooms, shownRange);
  };

  const layout = () => {
    // No cards: nothing to measure, so opening an article does not force a layout here.
    if (cards.size === 0) {
      counts.show([]);
      margin.style.minHeight = '';
      if (place === 'below') rooms.update(new Map(), shownRange);
      return;
    }
    const state = store.get();
    const articleId = state.article?.id ?? null;
    if (articleId !== expandedIn) {
      expanded = new Set();
      expandedIn = articleId;
    }
    const stacking: StackOptions = {
      gap: CARD_GAP,
      countHeight: COUNT_HEIGHT,
      maxRoom: scroller.clientHeight * ROOM_SHARE,
      expanded,
      pinned: new Set([state.activeHighlightId, state.editing?.highlightId].filter((id): id is string => !!id)),
    };
    const placed = place === 'below' ? layoutBelow(stacking) : layoutBeside(stacking);
    const collapsedAt = new Map<string, number>();
    for (const count of placed.counts) if (!count.expanded) for (const id of count.hidden) collapsedAt.set(id, count.top);
    for (const [id, card] of cards) {
      const top = placed.tops.get(id) ?? collapsedAt.get(id);
      card.element.hidden = top === undefined;
      // A collapsed card keeps its size (it is measured again next time) but is neither seen nor reached.
      const collapsed = collapsedAt.has(id);
      card.element.classList.toggle('is-collapsed', collapsed);
      card.element.inert = collapsed;
      if (top !== undefined) card.element.style.top = `${Math.round(top)}px`;
    }
    counts.show(placed.counts);
    // Beside the text the margin is as tall as its cards; under the paragraphs the text makes room for them.
    margin.style.minHeight = place === 'below' ? '' : `${Math.ceil(placed.bottom + CARD_GAP)}px`;
    const reveal = revealing && placed.tops.has(revealing) ? cards.get(revealing) : undefined;
    if (reveal) {
      revealing = null;
      // After this turn's own scrolling (a click in the list scrolls to the passage first).
      requestAnimationFrame(() => {
        if (reveal.element.isConnected && !reveal.element.hidden) bringOnScreen(reveal.element, scroller);
      });
    }
  };

  /**
   * Puts the cards beside the text or under the paragraphs, as the reading
   * area's width says; a change empties the rooms kept under paragraphs
   * (leaving) or makes them (at the next layout).
   */
  const choosePlace = () => {
    const next = notesPlaceFor(scroller);
    if (next === place) return;
    place = next;
    if (place === 'below') scroller.dataset.notes = 'below';
    else {
      delete scroller.dataset.notes;
      rooms.clear();
    }
  };

  const relayout = () => {
    choosePlace();
    layout();
  };

  /**
   * A layout in the next frame, once however often asked: for changes seen
   * while the browser reports sizes (made then, changes of size would be
   * reported again in the same frame, which the browser refuses).
   */
  let layoutQueued = false;
  const queueLayout = () => {
    if (layoutQueued) return;
    layoutQueued = true;
    requestAnimationFrame(() => {
      layoutQueued = false;
      relayout();
    });
  };

  /** The cards that should exist: passages with a note or tags near the screen or active, and the one being edited. */
  const wanted = (range: { from: number; to: number }): Map<string, Highlight> => {
    const state = store.get();
    const found = new Map<string, Highlight>();
    for (const { highlight, from, to } of reader.placement().placed) {
      const editing = state.editing?.highlightId === highlight.id;
      // The active highlight's card exists wherever its passage is, so that it can be brought on screen.
      const near = (from < range.to && to > range.from) || highlight.id === state.activeHighlightId;
      if (editing || (near && (highlight.note || highlight.tags.length > 0 || highlight.noteConflicts?.length))) found.set(highlight.id, highlight);
    }
    return found;
  };

  /** Builds and places the cards; those of `changed` (or all) are rebuilt where they exist. */
  const render = (changed: ReadonlySet<string> | 'all') => {
    const state = store.get();
    shownRange = reader.visibleRange(scroller.clientHeight * WINDOW_MARGIN);
    const want = wanted(shownRange);
    for (const [id, card] of cards) {
      if (want.has(id)) continue;
      cards.delete(id);
      cardSizes.unobserve(card.element);
      card.element.remove();
    }
    for (const [id, highlight] of want) {
      let card = cards.get(id);
      const fresh = !card;
      if (!card) {
        card = createCard(margin, id, cardActions);
        cards.set(id, card);
        cardSizes.observe(card.element);
      }
      if (fresh || changed === 'all' || changed.has(id)) updateCard(card, highlight, state);
    }
    layout();
  };

  /** After a scroll: rebuilds only when other parts of the article came near the screen. */
  let scrollQueued = false;
  const onScroll = () => {
    if (scrollQueued) return;
    scrollQueued = true;
    requestAnimationFrame(() => {
      scrollQueued = false;
      const range = reader.visibleRange(scroller.clientHeight * WINDOW_MARGIN);
      if (range.from !== shownRange.from || range.to !== shownRange.to) render(new Set());
    });
  };

  const stopPlaced = reader.onPlaced((_, change) => {
    // Another article: the room kept under the last one's paragraphs goes with it.
    if (change.all) rooms.clear();
    render(change.all ? 'all' : change.ids);
  });
  const stopLoaded = reader.onLoaded(onScroll);
  const stopStore = store.subscribe((state, previous) => {
    const active = state.activeHighlightId !== previous.activeHighlightId;
    if (state.editing === previous.editing && !active) return;
    if (active) revealing = state.activeHighlightId;
    // The cards whose editor opened or closed, or that became or stopped being the active one.
    const touched = new Set([editingId, state.editing?.highlightId, previous.activeHighlightId, state.activeHighlightId].filter((id): id is string => !!id));
    editingId = state.editing?.highlightId ?? null;
    render(touched);
  });
  // The text laid out anew, or the reading area resized (the sidebar became a drawer or came back).
  const resizes = new ResizeObserver(() => {
    if (place === 'beside' && notesPlaceFor(scroller) === 'beside') layout();
    else queueLayout();
  });
  resizes.observe(reader.view.dom);
  resizes.observe(scroller);
  // The reader's text size and width (set on the root: settings/apply.ts) change the widths that decide.
  const settings = new MutationObserver(relayout);
  settings.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  scroller.addEventListener('scroll', onScroll, { passive: true });
  window.addEventListener('resize', relayout);
  void document.fonts?.ready.then(layout);
  choosePlace();
  return () => {
    stopPlaced();
    stopLoaded();
    stopStore();
    resizes.disconnect();
    cardSizes.disconnect();
    settings.disconnect();
    scroller.removeEventListener('scroll', onScroll);
    window.removeEventListener('resize', relayout);
    for (const card of cards.values()) card.element.remove();
    cards.clear();
    counts.dispose();
    rooms.clear();
    rooms.dispose();
    delete scroller.dataset.notes;
  };
}
