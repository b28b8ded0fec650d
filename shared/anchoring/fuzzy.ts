import search from 'approx-string-match';

/** How much of `b` agrees with `a`, from 0 to 1 (1 − edit distance / length of b). */
export function similarity(a: string, b: string): number {
  if (b.length === 0) return 1;
  if (a.length === 0) return 0;
  const [match] = search(a, b, b.length);
  // search finds b inside a; when a is shorter than b, count the missing characters too.
  const errors = match ? match.errors + Math.max(0, b.length - a.length) : b.length;
  return Math.max(0, 1 - errors / b.length);
}

/** A place where the quote is found with at most `errors` edits. */
export interface Candidate {
  start: number;
  end: number;
  errors: number;
}

/**
 * Places in text[from, to) where `quote` occurs with at most `maxErrors`
 * edits (Myers' bit-parallel algorithm, from approx-string-match), offsets
 * in the whole text. Only the best candidate per end position is returned.
 */
export function approximateMatches(text: string, quote: string, maxErrors: number, from = 0, to = text.length): Candidate[] {
  const window = text.slice(from, to);
  return search(window, quote, maxErrors).map((m) => ({ start: m.start + from, end: m.end + from, errors: m.errors }));
}
