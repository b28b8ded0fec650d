import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { findAll, firstMatchAfter, foldedOffset, foldText, matchEnd, matchStart, originalEnd, originalStart, type FoldedText, type TextMatches } from './find-text.js';
import { textOf } from './placement.js';

/** A stretch of document positions. */
export interface PositionRange {
  from: number;
  to: number;
}

/** The occurrences of a query in an article (case and diacritics not counting), in document order. */
export interface ArticleMatches {
  readonly article: PMNode;
  readonly count: number;
  /** The document positions of match `i`. */
  range(i: number): PositionRange;
  /** The index of the first match ending after document position `pos` (`count` when none does). */
  firstAfter(pos: number): number;
  /** The indices [first, end) of the matches that lie within the positions [from, to). */
  within(range: PositionRange): [number, number];
}

const foldedArticles = new WeakMap<PMNode, FoldedText>();

/** The article's text folded for finding, once per article. */
function foldedArticle(article: PMNode): FoldedText {
  let folded = foldedArticles.get(article);
  if (!folded) {
    folded = foldText(textOf(article).text);
    foldedArticles.set(article, folded);
  }
  return folded;
}

/**
 * Finds a folded query in the article's text (the text selectors refer to,
 * blocks joined by "\n", so a match never spans two blocks). The work is one
 * pass over the text, never over the page; positions are worked out only for
 * the matches asked for.
 */
export function findInArticle(article: PMNode, foldedQuery: string): ArticleMatches {
  const text = textOf(article);
  const folded = foldedArticle(article);
  const matches: TextMatches = findAll(folded, foldedQuery);
  const foldedAt = (pos: number) => foldedOffset(folded, text.offsetAt(pos));
  return {
    article,
    count: matches.count,
    range: (i) => ({
      from: text.posAt(originalStart(folded, matchStart(matches, i)), 'start'),
      to: text.posAt(originalEnd(folded, matchEnd(matches, i)), 'end'),
    }),
    firstAfter: (pos) => firstMatchAfter(matches, foldedAt(pos)),
    within({ from, to }) {
      const first = firstMatchAfter(matches, foldedAt(from));
      let end = first;
      const last = foldedAt(to);
      while (end < matches.count && matchStart(matches, end) < last) end++;
      return [first, end];
    },
  };
}

/** What the find plugin shows: the matches, the current one, and the stretch of the article painted. */
export interface FindState {
  matches: ArticleMatches | null;
  /** The index of the current match, or -1. */
  current: number;
  /** Where matches are painted (about the screen): a book's other matches have no decoration. */
  painted: PositionRange | null;
  decorations: DecorationSet;
}

type FindMeta = Omit<FindState, 'decorations'>;

export const findKey = new PluginKey<FindState>('find');

const EMPTY: FindState = { matches: null, current: -1, painted: null, decorations: DecorationSet.empty };

/**
 * Paints the matches of the reader's find as inline decorations: the article
 * is never edited. Only the matches within `painted` (the screen and a
 * margin, as the find bar keeps it) and the current match are decorated, so
 * a word found 30,000 times in a book costs the decorations of one screen.
 */
export function findPlugin(): Plugin<FindState> {
  return new Plugin<FindState>({
    key: findKey,
    state: {
      init: () => EMPTY,
      apply(tr, value) {
        const meta = tr.getMeta(findKey) as FindMeta | undefined;
        if (meta) return meta.matches ? { ...meta, decorations: decorate(tr.doc, meta) } : EMPTY;
        if (!tr.docChanged || !value.matches) return value;
        // More of the article arrived (loading.ts only ever adds parts at the end, so no position
        // moves): decorations are made again only when some that were wanted were not in the page yet.
        const before = tr.before.content.size;
        const current = value.current >= 0 ? value.matches.range(value.current) : null;
        const missing = (value.painted && value.painted.to > before) || (current && current.to > before);
        return missing ? { ...value, decorations: decorate(tr.doc, value) } : value;
      },
    },
    props: {
      decorations: (state) => findKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
  });
}

function decorate(doc: PMNode, { matches, current, painted }: FindMeta): DecorationSet {
  if (!matches) return DecorationSet.empty;
  const size = doc.content.size;
  const decorations: Decoration[] = [];
  const add = (i: number) => {
    const { from, to } = matches.range(i);
    if (to > size || to <= from) return;
    decorations.push(Decoration.inline(from, to, { class: i === current ? 'find-hit find-hit-current' : 'find-hit' }));
  };
  const [first, end] = painted ? matches.within(painted) : [0, 0];
  if (current >= 0 && current < first) add(current);
  for (let i = first; i < end; i++) add(i);
  if (current >= end) add(current);
  return DecorationSet.create(doc, decorations);
}

/** A transaction that shows these matches (null: none), the current one, painted within `painted`. */
export function showMatches(tr: Transaction, matches: ArticleMatches | null, current: number, painted: PositionRange | null): Transaction {
  return tr.setMeta(findKey, { matches, current, painted } satisfies FindMeta);
}
