/**
 * Finding words in a text the way a reader means them: case and diacritics
 * do not count ("natasha" finds "Natásha", "ECOLE" finds "école"). Both the
 * text and the query are *folded* (NFKD, combining marks removed,
 * lowercase), and the folded text keeps a map back to the original, so a
 * match is always reported in offsets of the text it was found in.
 *
 * Pure: strings in, numbers out; the reader maps the offsets to document
 * positions (see find-plugin.ts).
 */
import { foldCharacter } from '../../shared/fold.js';

/** Offsets in the folded text (UTF-16 units); never mixed with offsets of the original. */
export type FoldedOffset = number & { readonly __folded: unique symbol };

/**
 * A text folded for finding. Most characters fold to a character of the same
 * length (a → a, á → a, A → a), so folded and original offsets move together;
 * only where a character folds to a different length (a combining mark to
 * nothing, ﬁ to "fi", 𝐀 to "a") is there a *shift*, kept in these arrays in
 * text order. A book with a few accents has a few entries, not one per character.
 */
export interface FoldedText {
  /** The folded text. */
  readonly text: string;
  /** Where each shift starts and ends, in the folded text. */
  readonly foldedStarts: readonly number[];
  readonly foldedEnds: readonly number[];
  /** Where each shift starts and ends, in the original text. */
  readonly originalStarts: readonly number[];
  readonly originalEnds: readonly number[];
}

/** A run of characters that are not ASCII, folded; `shifts` are its characters that fold to another length. */
interface FoldedRun {
  folded: string;
  shifts: { folded: number; foldedLength: number; original: number; originalLength: number }[];
}

/** Runs repeat (quotes, dashes, the accents of a book's names): each is folded once. */
const foldedRuns = new Map<string, FoldedRun>();

function foldRun(run: string): FoldedRun {
  let found = foldedRuns.get(run);
  if (!found) {
    const shifts: FoldedRun['shifts'] = [];
    let folded = '';
    let original = 0;
    for (const char of run) {
      const piece = foldCharacter(char);
      if (piece.length !== char.length) shifts.push({ folded: folded.length, foldedLength: piece.length, original, originalLength: char.length });
      folded += piece;
      original += char.length;
    }
    found = { folded, shifts };
    if (foldedRuns.size < MAX_CACHED_RUNS) foldedRuns.set(run, found);
  }
  return found;
}

/** Enough for a book's distinct runs of accents and punctuation; a text of unending distinct runs (CJK) is folded without keeping them. */
const MAX_CACHED_RUNS = 10_000;

/** Runs of characters that are not ASCII: everything else folds by lowercasing, one unit to one unit. */
const NOT_ASCII = /[^\u0000-\u007f]+/g;

/** Folds a text, keeping the map from folded offsets back to the original. */
export function foldText(original: string): FoldedText {
  const pieces: string[] = [];
  const foldedStarts: number[] = [];
  const foldedEnds: number[] = [];
  const originalStarts: number[] = [];
  const originalEnds: number[] = [];
  let length = 0;
  let copied = 0;
  for (const match of original.matchAll(NOT_ASCII)) {
    const ascii = original.slice(copied, match.index).toLowerCase();
    pieces.push(ascii);
    length += ascii.length;
    const run = foldRun(match[0]);
    for (const shift of run.shifts) {
      foldedStarts.push(length + shift.folded);
      foldedEnds.push(length + shift.folded + shift.foldedLength);
      originalStarts.push(match.index + shift.original);
      originalEnds.push(match.index + shift.original + shift.originalLength);
    }
    pieces.push(run.folded);
    length += run.folded.length;
    copied = match.index + match[0].length;
  }
  pieces.push(original.slice(copied).toLowerCase());
  return { text: pieces.join(''), foldedStarts, foldedEnds, originalStarts, originalEnds };
}

/** What a typed query looks for: its folded text ('' finds nothing). */
export const foldQuery = (query: string): string => foldText(query).text;

/** The index of the last entry of `sorted` that is at most `value`, or -1. */
function lastAtMost(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The original offset where a match starting at folded offset `start`
 * starts: inside a character that folded to several (ﬁ), its start.
 */
export function originalStart(folded: FoldedText, start: FoldedOffset): number {
  const k = lastAtMost(folded.foldedStarts, start);
  if (k < 0) return start;
  if (folded.foldedEnds[k]! > start) return folded.originalStarts[k]!;
  return start + folded.originalEnds[k]! - folded.foldedEnds[k]!;
}

/**
 * The original offset where a match ending at folded offset `end`
 * (exclusive) ends: inside a character that folded to several, its end;
 * combining marks right after the match are taken in ("cafe" in a
 * decomposed "café" covers the accent).
 */
export function originalEnd(folded: FoldedText, end: FoldedOffset): number {
  let k = lastAtMost(folded.foldedStarts, end);
  // A character starting right at the end is not part of the match (a mark, folding to nothing, is).
  while (k >= 0 && folded.foldedStarts[k] === end && folded.foldedEnds[k]! > end) k--;
  if (k < 0) return end;
  if (folded.foldedEnds[k]! > end) return folded.originalEnds[k]!;
  return end + folded.originalEnds[k]! - folded.foldedEnds[k]!;
}

/** The folded offset of an original offset (inside a character that folded to another length: where its fold starts). */
export function foldedOffset(folded: FoldedText, original: number): FoldedOffset {
  const k = lastAtMost(folded.originalStarts, original);
  if (k < 0) return original as FoldedOffset;
  if (folded.originalEnds[k]! > original) return folded.foldedStarts[k]! as FoldedOffset;
  return (original - folded.originalEnds[k]! + folded.foldedEnds[k]!) as FoldedOffset;
}

/** Every occurrence of a query in a folded text, in text order, none overlapping. */
export interface TextMatches {
  /** The folded query. */
  readonly query: string;
  /** Where each occurrence starts in the folded text; each is `query.length` long. */
  readonly starts: Int32Array;
  readonly count: number;
}

const NO_STARTS = new Int32Array(0);

/** Finds every occurrence of `query` (already folded) in `folded`: one pass of indexOf over the text. */
export function findAll(folded: FoldedText, query: string): TextMatches {
  if (query.length === 0) return { query, starts: NO_STARTS, count: 0 };
  let starts = new Int32Array(64);
  let count = 0;
  for (let at = folded.text.indexOf(query); at >= 0; at = folded.text.indexOf(query, at + query.length)) {
    if (count === starts.length) {
      const grown = new Int32Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[count++] = at;
  }
  return { query, starts: starts.subarray(0, count), count };
}

/** Where match `i` starts and ends in the folded text. */
export const matchStart = (matches: TextMatches, i: number): FoldedOffset => matches.starts[i]! as FoldedOffset;
export const matchEnd = (matches: TextMatches, i: number): FoldedOffset => (matches.starts[i]! + matches.query.length) as FoldedOffset;

/** The index of the first match that ends after folded offset `at` (`count` when none does). */
export function firstMatchAfter(matches: TextMatches, at: FoldedOffset): number {
  let lo = 0;
  let hi = matches.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (matches.starts[mid]! + matches.query.length <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
