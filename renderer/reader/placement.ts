import type { Node as PMNode } from 'prosemirror-model';
import { anchor, TextIndex } from '../../shared/anchoring/index.js';
import { articleText, type ArticleText } from '../../shared/article-text.js';
import type { Highlight } from '../../shared/model.js';

/** A highlight found in the document, with its document positions. */
export interface PlacedHighlight {
  highlight: Highlight;
  /** Document positions of the passage. */
  from: number;
  to: number;
  /** UTF-16 offset of the passage in the article text, for document order. */
  start: number;
}

/** Where each highlight of an article sits, in document order, and which could not be placed. */
export interface Placement {
  placed: PlacedHighlight[];
  orphaned: Highlight[];
}

export const EMPTY_PLACEMENT: Placement = { placed: [], orphaned: [] };

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

/** Anchors every highlight over the document's text; never guesses a place for an orphan. */
export function placeHighlights(doc: PMNode, highlights: readonly Highlight[]): Placement {
  const text = textOf(doc);
  // One index of the text for all highlights: one pass, not one per highlight.
  const index = indexOf(doc);
  const placed: PlacedHighlight[] = [];
  const orphaned: Highlight[] = [];
  for (const highlight of highlights) {
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
  placed.sort((a, b) => a.start - b.start || a.from - b.from || a.to - b.to);
  return { placed, orphaned };
}
