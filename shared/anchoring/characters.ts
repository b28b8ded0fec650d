import { utf16, type Utf16Offset } from '../offsets.js';
import type { TextRange } from './match.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * How far either side of an offset its character is looked for. A character
 * is a few code points (a family emoji is 5, a flag 2); a line break always
 * ends one, so the search never goes past the line.
 */
const REACH = 128;

/** Below U+0300 (where combining marks begin) every character stands alone, except CR before LF. */
const SIMPLE_BELOW = 0x300;

/**
 * The range widened to whole characters as the reader sees them (grapheme
 * clusters): an emoji with its skin tone and joiners, a flag, a letter with
 * its combining marks, and never half of a surrogate pair. A search over
 * UTF-16 units (a fuzzy match, a diff) may end inside one; a passage must
 * not, or its quote would hold half a character and its code-point position
 * would name another text than the quote.
 */
export function wholeCharacters(text: string, range: TextRange): TextRange {
  return { start: characterBoundary(text, range.start, 'before'), end: characterBoundary(text, range.end, 'after') };
}

/** `at` when a character starts there; else the start (`before`) or end (`after`) of the one it is inside. */
function characterBoundary(text: string, at: Utf16Offset, side: 'before' | 'after'): Utf16Offset {
  if (at <= 0 || at >= text.length) return at;
  const previous = text.charCodeAt(at - 1);
  if (previous < SIMPLE_BELOW && previous !== 0x0d && text.charCodeAt(at) < SIMPLE_BELOW) return at;
  const from = Math.max(text.lastIndexOf('\n', at - 1) + 1, at - REACH);
  const lineEnd = text.indexOf('\n', at);
  const to = Math.min(lineEnd === -1 ? text.length : lineEnd, at + REACH);
  for (const { index, segment } of graphemes.segment(text.slice(from, to))) {
    const start = from + index;
    const end = start + segment.length;
    if (start === at || end === at) return at;
    if (start < at && at < end) return utf16(side === 'before' ? start : end);
  }
  return at;
}
