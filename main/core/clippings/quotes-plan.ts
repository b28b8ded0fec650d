import type { Highlight } from '../../../shared/model.js';
import { moveHighlights } from '../new-version.js';
import type { BookChange, BookClippings } from './book-plan.js';
import { newHighlight, orphanTarget, replace } from './book-plan.js';
import { findEarlier, widerOrigin, withNote } from './existing.js';
import { noteLabel, spanOfOrigin } from './origin.js';
import { quotesDocument, type QuotesDocument } from './quotes-article.js';

/** A quotes-only article's change: its highlights, and its document as it will be. */
export interface QuotesChange extends BookChange {
  document: QuotesDocument;
}

/**
 * A book's clippings as the quotes-only article of that book: the passages
 * an earlier import of clippings put there and the new ones, in the book's
 * order, each highlighted over its paragraph (see quotesDocument). Passages
 * already there are not added again; a longer re-highlight lengthens its
 * paragraph and highlight. Highlights the reader made on the article
 * themselves are moved to its new text as for any new version.
 */
export function changeQuotesOnly(clippings: BookClippings, title: string, articleId: string, current: readonly Highlight[], oldText: string, at: string): QuotesChange {
  const highlights = [...current];
  const before = new Set(current.map((h) => h.id));
  // The Kindle's words of each highlight from earlier imports, lengthened here when the file has a longer cut.
  const words = new Map<string, string>();
  const counts = { added: 0, orphaned: 0, alreadyImported: 0, lengthened: 0 };
  for (const passage of clippings.passages) {
    const earlier = findEarlier(highlights.filter((h) => before.has(h.id)), passage);
    if (earlier.found === 'none') {
      // Its target is set below, once the document is made.
      highlights.push(newHighlight(passage, articleId, placeholderTarget, at));
      words.set(highlights.at(-1)!.id, passage.kind === 'note' ? '' : passage.text);
      counts.added++;
      continue;
    }
    const old = earlier.highlight;
    const origin = earlier.found === 'shorter' ? widerOrigin(old.origin!, passage) : old.origin;
    replace(highlights, old, { ...old, note: withNote(old.note, passage.note), ...(origin && { origin }) }, at);
    if (earlier.found === 'shorter') {
      words.set(old.id, earlier.text);
      counts.lengthened++;
    } else counts.alreadyImported++;
  }
  const kindle = highlights.filter((h) => h.origin).sort(byPlace);
  const quotes = kindle.map((h) => ({ text: words.get(h.id) ?? (h.target.quote.exact === noteLabel(h.origin!) ? '' : h.target.quote.exact), origin: h.origin! }));
  const document = quotesDocument(title, quotes);
  const placed = new Map(kindle.map((h, i) => [h.id, document.targets[i]!]));
  const own = moveHighlights(oldText, document.text, highlights.filter((h) => !h.origin), at).highlights;
  const next = highlights.map((h) => {
    if (!h.origin) return own.shift()!;
    const target = placed.get(h.id)!;
    return JSON.stringify(target) === JSON.stringify(h.target) ? h : { ...h, target, updatedAt: at };
  });
  const changed = counts.added + counts.lengthened > 0 || next.some((h, i) => h !== current[i]);
  return { highlights: next, document, ...counts, changed };
}

/** Where a new highlight points until its article's document is made. */
const placeholderTarget = orphanTarget('…');

/** By location (or page), then by when they were made. */
function byPlace(a: Highlight, b: Highlight): number {
  const at = (h: Highlight) => spanOfOrigin(h.origin!)?.start ?? Number.MAX_SAFE_INTEGER;
  return at(a) - at(b) || (a.origin!.addedAt ?? '').localeCompare(b.origin!.addedAt ?? '');
}
