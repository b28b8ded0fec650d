import type { ImportResponse } from './contract/schemas.js';

/** What the reader is told after an import, in one sentence (warnings follow as they are). */
export function importMessage({ summary, newVersion }: ImportResponse): string {
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
