import type { HighlightTarget } from './model.js';
import { codePointIndex } from './code-points.js';

/** Characters of context kept on each side of a quote. */
export const CONTEXT_LENGTH = 32;

/** Describes the text range [start, end) (UTF-16 offsets) with both W3C selectors. */
export function describe(text: string, start: number, end: number): HighlightTarget {
  if (!(start >= 0 && end <= text.length && end > start)) {
    throw new RangeError(`range ${start}–${end} is outside the text (length ${text.length})`);
  }
  const cps = codePointIndex(text);
  return {
    position: { type: 'TextPositionSelector', start: cps.toCodePoint(start), end: cps.toCodePoint(end) },
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: sliceCodePoints(text, start - CONTEXT_LENGTH * 2, start, CONTEXT_LENGTH, 'tail'),
      suffix: sliceCodePoints(text, end, end + CONTEXT_LENGTH * 2, CONTEXT_LENGTH, 'head'),
    },
  };
}

/** Up to `count` whole code points from the head or tail of text[from, to). */
function sliceCodePoints(text: string, from: number, to: number, count: number, side: 'head' | 'tail'): string {
  const chars = Array.from(text.slice(Math.max(0, from), Math.min(text.length, to)));
  return (side === 'head' ? chars.slice(0, count) : chars.slice(-count)).join('');
}

/** How an anchor was found, cheapest first. */
export type AnchorMethod = 'position' | 'quote';

export type Anchor =
  | { status: 'anchored'; start: number; end: number; method: AnchorMethod }
  | { status: 'orphaned' };

/**
 * Places a target in the text (UTF-16 offsets in the result). Cheapest first:
 * the stored position when the quote is still there, then the quote with the
 * best-matching context. A target that cannot be placed with the exact quote
 * is orphaned, never put somewhere else.
 */
export function anchor(text: string, target: HighlightTarget): Anchor {
  const { exact, prefix, suffix } = target.quote;
  const cps = codePointIndex(text);
  const start = cps.toUtf16(target.position.start);
  const end = cps.toUtf16(target.position.end);
  if (text.slice(start, end) === exact) return { status: 'anchored', start, end, method: 'position' };

  let best = -1;
  let bestScore = -1;
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    const score =
      commonSuffixLength(text.slice(Math.max(0, at - prefix.length), at), prefix) +
      commonPrefixLength(text.slice(at + exact.length, at + exact.length + suffix.length), suffix) -
      Math.abs(at - start) / (text.length + 1); // tie-break: nearest to the old position
    if (score > bestScore) {
      bestScore = score;
      best = at;
    }
  }
  if (best === -1) return { status: 'orphaned' };
  return { status: 'anchored', start: best, end: best + exact.length, method: 'quote' };
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
