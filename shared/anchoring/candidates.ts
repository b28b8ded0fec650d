import type { Candidate } from './choice.js';
import { approximateMatches, similarity } from './fuzzy.js';

/** A selector looked for in a text, all with typography set aside (normalised offsets throughout). */
export interface Search {
  text: string;
  quote: string;
  prefix: string;
  suffix: string;
  /** Where the stored position puts the quote. */
  expected: number;
}

/** Context shorter than this on a side cannot frame a passage by itself (it occurs by chance). */
const FRAMING_CONTEXT = 16;
/** The words between a prefix and a suffix are compared character by character up to this length. */
const FRAMED_QUOTE_LIMIT = 600;

/** A candidate at [start, end), with the agreement of the context found around it. */
function candidate(s: Search, start: number, end: number, quote: number, exact: boolean): Candidate {
  const prefix = s.prefix ? similarity(s.text.slice(Math.max(0, start - s.prefix.length), start), s.prefix) : null;
  const suffix = s.suffix ? similarity(s.text.slice(end, end + s.suffix.length), s.suffix) : null;
  return { start, end, quote, prefix, suffix, exact, distance: Math.abs(start - s.expected) };
}

/** Every place the quote occurs word for word. */
export function exactCandidates(s: Search): Candidate[] {
  const found: Candidate[] = [];
  for (let at = s.text.indexOf(s.quote); at !== -1; at = s.text.indexOf(s.quote, at + 1)) {
    found.push(candidate(s, at, at + s.quote.length, 1, true));
  }
  return found;
}

/**
 * The words between the prefix and the suffix, where both are found word
 * for word with at most about the quote's length again between them: the
 * passage as it now reads, however its own words were edited.
 */
export function framedCandidates(s: Search): Candidate[] {
  if (s.prefix.length < FRAMING_CONTEXT || s.suffix.length < FRAMING_CONTEXT || s.quote.length > FRAMED_QUOTE_LIMIT) return [];
  const found: Candidate[] = [];
  const reach = s.quote.length * 2 + FRAMING_CONTEXT;
  for (let at = s.text.indexOf(s.prefix); at !== -1; at = s.text.indexOf(s.prefix, at + 1)) {
    const start = at + s.prefix.length;
    const end = s.text.indexOf(s.suffix, start + 1);
    if (end === -1) break; // no suffix after this prefix, nor after any later one
    if (end - start > reach) continue;
    found.push(candidate(s, start, end, closeness(s.text.slice(start, end), s.quote), false));
  }
  return found;
}

/** Fuzzy matches of the quote in text[from, to) with at most `maxErrors` edits. */
export function fuzzyCandidates(s: Search, maxErrors: number, from: number, to: number): Candidate[] {
  return approximateMatches(s.text, s.quote, maxErrors, from, to).map((m) => candidate(s, m.start, m.end, 1 - m.errors / s.quote.length, m.errors === 0));
}

/** 1 − edit distance / the longer length: how close two strings are, whole (symmetric, unlike `similarity`). */
export function closeness(a: string, b: string): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  let previous = new Uint16Array(b.length + 1).map((_, j) => j);
  let row = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1));
    }
    [previous, row] = [row, previous];
  }
  return 1 - previous[b.length]! / longer;
}
