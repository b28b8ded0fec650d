import type { ImportResponse } from './contract/schemas.js';

/** What the reader is told after an import, in one sentence (warnings follow as they are). */
export function importMessage({ summary, newVersion, clippings }: ImportResponse): string {
  if (clippings) return clippingsMessage(clippings);
  const title = `"${summary.title}"`;
  if (!newVersion) return `Imported ${title}.`;
  if (newVersion.unchanged) return `${title} is already in your library, unchanged.`;
  const { version, anchored, orphaned } = newVersion;
  const moved = `${anchored} ${anchored === 1 ? 'highlight' : 'highlights'} kept`;
  const lost = orphaned === 0 ? '' : `, ${orphaned} orphaned (their passage is gone; see Orphaned to re-attach them)`;
  return `Imported version ${version} of ${title}: ${moved}${lost}.`;
}

/** Where an import by address was redirected, as one line ("Redirected: a → b → c"), or '' when it was not. */
export function redirectMessage(url: string, redirects: readonly string[]): string {
  return redirects.length === 0 ? '' : `Redirected: ${[url, ...redirects].join(' → ')}.`;
}

/** `Imported 553 highlights from 11 books (91 re-highlights folded, 2 bookmarks skipped).`, with what was already there and where they went. */
function clippingsMessage(c: NonNullable<ImportResponse['clippings']>): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const aside = [`${count(c.folded, 're-highlight', 're-highlights')} folded`, `${count(c.skipped, 'bookmark or unreadable entry', 'bookmarks and unreadable entries')} skipped`];
  const there = c.alreadyImported > 0 ? ` ${count(c.alreadyImported, 'highlight was', 'highlights were')} already in your library.` : '';
  const onBooks = c.onBooks > 0 ? ` ${c.onBooks} went onto books in your library${c.orphaned > 0 ? `, ${c.orphaned} of them not found in the text (see Orphaned)` : ''}.` : '';
  return `Imported ${count(c.added, 'highlight', 'highlights')} from ${count(c.books, 'book', 'books')} (${aside.join(', ')}).${there}${onBooks}`;
}
