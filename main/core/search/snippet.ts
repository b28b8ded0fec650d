import { fold, wordRanges } from './fold.js';

/** A short excerpt of a text with the words a search matched marked: data for the UI to render, never HTML. */
export interface Snippet {
  /** The excerpt, cut between words. */
  text: string;
  /** The matched words, as [start, end) UTF-16 offsets into `text`, in order. */
  marks: [number, number][];
  /** Where the excerpt lies in the text it was taken from (UTF-16, end exclusive): the UI shows "…" where it was cut. */
  start: number;
  end: number;
}

/** The text folded one character at a time, with where each folded unit came from. */
function foldWithOrigins(text: string): { folded: string; from: number[]; to: number[] } {
  const parts: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const folded = code < 0x80 ? String.fromCharCode(code >= 65 && code <= 90 ? code + 32 : code) : fold(text.slice(i, i + width));
    if (folded.length === 0 && to.length > 0) to[to.length - 1] = i + width; // a combining mark belongs to the letter before it
    for (let k = 0; k < folded.length; k++) {
      from.push(i);
      to.push(i + width);
    }
    parts.push(folded);
    i += width;
  }
  return { folded: parts.join(''), from, to };
}

/** The [start, end) ranges of `text` (UTF-16) whose folded words are among `words` (folded, as `SearchResults.terms`). */
export function matchedRanges(text: string, words: readonly string[]): [number, number][] {
  const wanted = new Set(words);
  const { folded, from, to } = foldWithOrigins(text);
  const ranges: [number, number][] = [];
  for (const { word, start, end } of wordRanges(folded)) if (wanted.has(word)) ranges.push([from[start]!, to[end - 1]!]);
  return ranges;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/**
 * An excerpt of `text` around the place where the matched `words` are
 * densest, with `around` characters (UTF-16) of context each side, cut
 * between words; the beginning of the text when no word matches.
 */
export function snippet(text: string, words: readonly string[], around = 80): Snippet {
  const ranges = matchedRanges(text, words);
  let start = 0;
  let end = Math.min(text.length, 2 * around);
  let firstMark = end;
  let lastMark = 0;
  if (ranges.length > 0) {
    // The mark with the most other marks within 2 × around after it.
    let best = 0;
    let bestCount = 0;
    for (let i = 0, j = 0; i < ranges.length; i++) {
      while (j < ranges.length && ranges[j]![0] < ranges[i]![0] + 2 * around) j++;
      if (j - i > bestCount) [best, bestCount] = [i, j - i];
    }
    firstMark = ranges[best]![0];
    lastMark = ranges[best + bestCount - 1]![1];
    start = Math.max(0, firstMark - around);
    end = Math.min(text.length, Math.max(lastMark, firstMark + around) + around);
  }
  // Cut between words: move each end inwards to a space, never past a mark.
  if (start > 0 && !isSpace(text[start - 1])) {
    let s = start;
    while (s < firstMark && !isSpace(text[s - 1])) s++;
    start = isSpace(text[s - 1]) ? s : start;
  }
  if (end < text.length && !isSpace(text[end])) {
    let e = end;
    while (e > lastMark && !isSpace(text[e])) e--;
    end = isSpace(text[e]) ? e : end;
  }
  // Never split a surrogate pair.
  if (start > 0 && /[\udc00-\udfff]/.test(text[start]!)) start--;
  if (end < text.length && /[\udc00-\udfff]/.test(text[end]!)) end++;
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  const marks = ranges.filter(([s, e]) => s >= start && e <= end).map(([s, e]): [number, number] => [s - start, e - start]);
  return { text: text.slice(start, end), marks, start, end };
}
