import { codePoints, utf16, type CodePointOffset, type Utf16Offset } from '../offsets.js';
import type { TextIndex } from './text-index.js';

/** A range of the text in UTF-16 offsets, [start, end). */
export interface TextRange {
  start: Utf16Offset;
  end: Utf16Offset;
}

/** A quote to find: the exact text, with what must come right before and after it. */
export interface QuoteSelector {
  exact: string;
  prefix?: string;
  suffix?: string;
}

/**
 * Every place where `prefix + exact + suffix` occurs in the text (inside
 * `scope`, when given: the whole pattern must fit in it), as the range of
 * `exact`. Overlapping occurrences are all found. An empty `exact` matches
 * between characters.
 */
export function matchQuote(text: string, selector: QuoteSelector, scope?: TextRange): TextRange[] {
  const prefix = selector.prefix ?? '';
  const suffix = selector.suffix ?? '';
  const from = scope?.start ?? 0;
  const to = scope?.end ?? text.length;
  const pattern = prefix + selector.exact + suffix;
  const matches: TextRange[] = [];
  if (to - from < pattern.length) return matches;
  const haystack = scope ? text.slice(from, to) : text;
  for (let at = haystack.indexOf(pattern); at !== -1; at = haystack.indexOf(pattern, at + 1)) {
    const start = from + at + prefix.length;
    matches.push({ start: utf16(start), end: utf16(start + selector.exact.length) });
    if (at + 1 > haystack.length) break;
  }
  return matches;
}

/**
 * The range a W3C TextPositionSelector (code points, relative to the start
 * of `scope` when given) names, or null when it lies outside.
 */
export function matchPosition(
  index: TextIndex,
  selector: { start: CodePointOffset; end: CodePointOffset },
  scope?: TextRange,
): TextRange | null {
  const base = scope ? index.toCodePoint(scope.start) : 0;
  const limit = scope ? index.toCodePoint(scope.end) : index.codePointLength;
  const startCp = codePoints(base + selector.start);
  const endCp = codePoints(base + selector.end);
  if (selector.start < 0 || selector.end < selector.start || endCp > limit) return null;
  return { start: index.toUtf16(startCp), end: index.toUtf16(endCp) };
}
