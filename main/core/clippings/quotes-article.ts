import { createHash } from 'node:crypto';
import { describe, TextIndex } from '../../../shared/anchoring/index.js';
import { documentFromJSON } from '../../../shared/article-schema.js';
import { articleText } from '../../../shared/article-text.js';
import type { DocumentJSON, HighlightTarget } from '../../../shared/model.js';
import { utf16 } from '../../../shared/offsets.js';
import { noteLabel, passageLabel, type KindleOrigin } from './origin.js';

/** One passage of a quotes-only article: the Kindle's words ('' for a note made without a highlight) and where it was made. */
export interface Quote {
  text: string;
  origin: KindleOrigin;
}

/** A quotes-only article's document and text, and the target of each quote's highlight. */
export interface QuotesDocument {
  document: DocumentJSON;
  text: string;
  contentHash: string;
  targets: HighlightTarget[];
}

/** The longest title an article keeps (ArticleSchema). */
const MAX_TITLE_CHARS = 1000;

/**
 * The document of a book the library does not hold, made of its Kindle
 * passages in the order given (the book's): for each, a line saying where
 * and when it was made (`Location 55–56 · 23 Feb 2020`), then the passage as
 * a paragraph, highlighted. A note made without a highlight has only its
 * line (`Note · Location 1240 · …`), which its highlight covers.
 */
export function quotesDocument(title: string, quotes: readonly Quote[]): QuotesDocument {
  const paragraph = (text: string): DocumentJSON => ({ type: 'paragraph', content: [{ type: 'text', text }] });
  const blocks: DocumentJSON[] = [{ type: 'title', content: [{ type: 'text', text: title.slice(0, MAX_TITLE_CHARS) }] }];
  // Where each quote's highlighted block is, counted in blocks (article text joins blocks with one "\n").
  const highlighted: number[] = [];
  for (const quote of quotes) {
    blocks.push(paragraph(quote.text ? passageLabel(quote.origin) : noteLabel(quote.origin)));
    if (quote.text) blocks.push(paragraph(quote.text));
    highlighted.push(blocks.length - 1);
  }
  const document: DocumentJSON = { type: 'doc', content: blocks };
  const text = articleText(documentFromJSON(document)).text;
  const starts: number[] = [];
  let offset = 0;
  for (const block of blocks) {
    starts.push(offset);
    offset += block.content![0]!.text!.length + 1;
  }
  const index = new TextIndex(text);
  const targets = highlighted.map((b) => describe(index, utf16(starts[b]!), utf16(starts[b]! + blocks[b]!.content![0]!.text!.length)));
  return { document, text, contentHash: createHash('sha256').update(text).digest('hex'), targets };
}
