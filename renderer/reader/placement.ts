import type { Node as PMNode } from 'prosemirror-model';
import { anchor, TextIndex } from '../../shared/anchoring/index.js';
import { articleText, type ArticleText } from '../../shared/article-text.js';
import type { Highlight } from '../../shared/model.js';
import type { Utf16Offset } from '../../shared/offsets.js';

/** A highlight found in the document, with its document positions. */
export interface PlacedHighlight {
  highlight: Highlight;
  /** Document positions of the passage. */
  from: number;
  to: number;
  /** UTF-16 offset of the passage in the article text, for document order. */
  start: Utf16Offset;
}

/** Where each highlight of an article sits, in document order, and which could not be placed. */
export interface Placement {
  /** The document the highlights were placed in. */
  doc: PMNode | null;
  placed: PlacedHighlight[];
  orphaned: Highlight[];
  /** Each placed highlight by id. */
  byId: ReadonlyMap<string, PlacedHighlight>;
}

/** What changed from one placement to the next: the ids of highlights added, changed or removed. */
export type PlacementChange = { all: true } | { all: false; ids: ReadonlySet<string> };

export const EMPTY_PLACEMENT: Placement = { doc: null, placed: [], orphaned: [], byId: new Map() };

const texts = new WeakMap<PMNode, ArticleText>();
const indexes = new WeakMap<PMNode, TextIndex>();

/** The article text of a document, read once per document. */
export function textOf(doc: PMNode): ArticleText {
  let text = texts.get(doc);
  if (!text) {
    text = articleText(doc);
    texts.set(doc, text);
  }
  return text;
}

/** The document's text indexed for code-point offsets, built once per document. */
export function indexOf(doc: PMNode): TextIndex {
  let index = indexes.get(doc);
  if (!index) {
    index = new TextIndex(textOf(doc).text);
    indexes.set(doc, index);
  }
  return index;
}

/** Whether two highlights point at the same passage (a new colour, note or tags moves nothing). */
const sameTarget = (a: Highlight, b: Highlight): boolean =>
  a === b ||
  (a.orphaned === b.orphaned &&
    a.target.position.start === b.target.position.start &&
    a.target.position.end === b.target.position.end &&
    a.target.quote.exact === b.target.quote.exact &&
    a.target.quote.prefix === b.target.quote.prefix &&
    a.target.quote.suffix === b.target.quote.suffix);

/**
 * Anchors every highlight over the document's text; never guesses a place
 * for an orphan. Given the previous placement in the same document, only
 * highlights whose passage changed are anchored again: a new colour, note or
 * tag costs one comparison, not one anchoring per highlight.
 */
export function placeHighlights(doc: PMNode, highlights: readonly Highlight[], previous: Placement = EMPTY_PLACEMENT): Placement {
  const text = textOf(doc);
  // One index of the text for all highlights: one pass, not one per highlight.
  const index = indexOf(doc);
  const reuse = previous.doc === doc ? previous.byId : new Map<string, PlacedHighlight>();
  const placed: PlacedHighlight[] = [];
  const orphaned: Highlight[] = [];
  for (const highlight of highlights) {
    const before = reuse.get(highlight.id);
    if (before && sameTarget(before.highlight, highlight)) {
      placed.push(before.highlight === highlight ? before : { ...before, highlight });
      continue;
    }
    // A new version of the article lost its passage: it stays orphaned until re-attached.
    if (highlight.orphaned) {
      orphaned.push(highlight);
      continue;
    }
    const found = anchor(index, highlight.target);
    if (found.status === 'orphaned') {
      orphaned.push(highlight);
      continue;
    }
    const from = text.posAt(found.start, 'start');
    const to = text.posAt(found.end, 'end');
    if (to <= from) orphaned.push(highlight);
    else placed.push({ highlight, from, to, start: found.start });
  }
  placed.sort(inDocumentOrder);
  return { doc, placed, orphaned, byId: new Map(placed.map((p) => [p.highlight.id, p])) };
}

/** Document order: by start, then the shorter passage first where two start together. */
export const inDocumentOrder = (a: PlacedHighlight, b: PlacedHighlight): number => a.start - b.start || a.from - b.from || a.to - b.to;

/** The ids whose highlight was added, changed (any field) or removed between two placements. */
export function changeBetween(before: Placement, after: Placement): PlacementChange {
  if (before.doc !== after.doc) return { all: true };
  const ids = new Set<string>();
  for (const p of after.placed) if (before.byId.get(p.highlight.id)?.highlight !== p.highlight) ids.add(p.highlight.id);
  for (const p of before.placed) if (!after.byId.has(p.highlight.id)) ids.add(p.highlight.id);
  const orphansBefore = new Map(before.orphaned.map((h) => [h.id, h]));
  for (const h of after.orphaned) if (orphansBefore.get(h.id) !== h) ids.add(h.id);
  const orphansAfter = new Set(after.orphaned);
  for (const h of before.orphaned) if (!orphansAfter.has(h)) ids.add(h.id);
  return { all: false, ids };
}

/**
 * Where the textblock (paragraph, heading, list item's paragraph…) holding a
 * document position starts: which paragraph a passage begins in, so that the
 * margin can tell one paragraph's notes from the next one's.
 */
export function paragraphStart(doc: PMNode, pos: number): number {
  const $pos = doc.resolve(Math.max(0, Math.min(pos, doc.content.size)));
  return $pos.parent.isTextblock ? $pos.start() : pos;
}

/**
 * Where the block that a passage's notes go under starts, counted as
 * paragraphStart counts (inside the block): the passage's textblock, or the
 * outermost table holding it, since a note under one cell would lie over
 * the cells beside it. Where the window has no room for a margin, the notes
 * lie under these blocks.
 */
export function notesBlockStart(doc: PMNode, pos: number): number {
  const $pos = doc.resolve(Math.max(0, Math.min(pos, doc.content.size)));
  for (let depth = 1; depth <= $pos.depth; depth++) if ($pos.node(depth).type.name === 'table') return $pos.start(depth);
  return $pos.parent.isTextblock ? $pos.start() : pos;
}
