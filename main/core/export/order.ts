import type { Highlight } from '../../../shared/model.js';

/**
 * Whether a highlight is orphaned: a new version of its article no longer has
 * the passage, so its stored position points at text that is not the quote.
 */
export const isOrphaned = (highlight: Highlight): boolean => highlight.orphaned === true;

const byId = (a: Highlight, b: Highlight): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The order every export and the CLI list an article's highlights in (the one
 * place it is decided): placed highlights in document order (start, then end,
 * then id, so ties are stable); then the orphaned ones, whose stored position
 * no longer exists, oldest first (creation time, then id).
 */
export function placedOrder(highlights: readonly Highlight[]): Highlight[] {
  const placed: Highlight[] = [];
  const orphaned: Highlight[] = [];
  for (const h of highlights) (isOrphaned(h) ? orphaned : placed).push(h);
  placed.sort((a, b) => a.target.position.start - b.target.position.start || a.target.position.end - b.target.position.end || byId(a, b));
  // As instants, not strings: '…00Z' and '…00.500Z' do not sort as text.
  orphaned.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || byId(a, b));
  return [...placed, ...orphaned];
}
