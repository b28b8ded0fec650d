import search from 'approx-string-match';
import { utf16 } from '../offsets.js';
import type { TextRange } from './match.js';

/** How much of `b` agrees with `a`, from 0 to 1 (1 − edit distance / length of b). */
export function similarity(a: string, b: string): number {
  if (b.length === 0) return 1;
  if (a.length === 0) return 0;
  const [match] = search(a, b, b.length);
  // search finds b inside a; when a is shorter than b, count the missing characters too.
  const errors = match ? match.errors + Math.max(0, b.length - a.length) : b.length;
  return Math.max(0, 1 - errors / b.length);
}

/** A place where the quote is found with at most `errors` edits (UTF-16 offsets: it may cut a character, see wholeCharacters). */
export interface Candidate extends TextRange {
  errors: number;
}

/**
 * Places in text[from, to) where `quote` occurs with at most `maxErrors`
 * edits (Myers' bit-parallel algorithm, from approx-string-match), offsets
 * in the whole text. Only the best candidate per end position is returned.
 */
export function approximateMatches(text: string, quote: string, maxErrors: number, from = 0, to = text.length): Candidate[] {
  const window = text.slice(from, to);
  return search(window, quote, maxErrors).map((m) => ({ start: utf16(m.start + from), end: utf16(m.end + from), errors: m.errors }));
}

const TOKEN = /[\p{L}\p{N}_'’-]+|[^\s\p{L}\p{N}_'’-]/gu;

/**
 * How close two passages are word for word, from 0 to 1: 1 − (words and
 * punctuation marks inserted, deleted or replaced) / the longer one's count.
 * Unlike `similarity`, it is symmetric and a word more at either edge costs a
 * whole word, so two readings of an edited passage's bounds compare fairly:
 * "compass for the three anchor" is further from "for the three hundredth"
 * than "for the three anchor" is.
 */
export function wordCloseness(a: string, b: string): number {
  const x = a.match(TOKEN) ?? [];
  const y = b.match(TOKEN) ?? [];
  if (x.length === 0 && y.length === 0) return 1;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = row;
  }
  return 1 - previous[y.length]! / Math.max(x.length, y.length);
}
