import type { HighlightTarget } from '../model.js';
import type { Utf16Offset } from '../offsets.js';
import { wholeCharacters } from './characters.js';
import { approximateMatches, similarity } from './fuzzy.js';
import { matchPosition, matchQuote, type TextRange } from './match.js';
import { TextIndex } from './text-index.js';

/** Characters of context kept on each side of a quote. */
export const CONTEXT_LENGTH = 32;

/** Describes the text range [start, end) (UTF-16 offsets) with both W3C selectors (code-point offsets). */
export function describe(text: string | TextIndex, start: Utf16Offset, end: Utf16Offset): HighlightTarget {
  const index = typeof text === 'string' ? new TextIndex(text) : text;
  const t = index.text;
  if (!(start >= 0 && end <= t.length && end > start)) {
    throw new RangeError(`range ${start}–${end} is outside the text (length ${t.length})`);
  }
  return {
    position: { type: 'TextPositionSelector', start: index.toCodePoint(start), end: index.toCodePoint(end) },
    quote: {
      type: 'TextQuoteSelector',
      exact: t.slice(start, end),
      prefix: sliceCodePoints(t, start - CONTEXT_LENGTH * 2, start, CONTEXT_LENGTH, 'tail'),
      suffix: sliceCodePoints(t, end, end + CONTEXT_LENGTH * 2, CONTEXT_LENGTH, 'head'),
    },
  };
}

/** Up to `count` whole code points from the head or tail of text[from, to). */
function sliceCodePoints(text: string, from: number, to: number, count: number, side: 'head' | 'tail'): string {
  const chars = Array.from(text.slice(Math.max(0, from), Math.min(text.length, to)));
  return (side === 'head' ? chars.slice(0, count) : chars.slice(-count)).join('');
}

/** How an anchor was found, cheapest first. */
export type AnchorMethod = 'position' | 'diff' | 'quote' | 'fuzzy';

export type Anchor =
  | { status: 'anchored'; start: Utf16Offset; end: Utf16Offset; method: AnchorMethod; confidence: number }
  | { status: 'orphaned' };

/**
 * The floor below which a fuzzy match is not trusted: the quote itself must
 * agree at least this much, and its context on at least one side at least
 * CONTEXT_FLOOR. Hypothesis takes the best fuzzy match whatever its score,
 * which is how notes end up on unrelated words; we orphan instead.
 */
export const QUOTE_FLOOR = 0.85;
export const CONTEXT_FLOOR = 0.6;
/** How much better the best of several occurrences' contexts must agree than the next. */
const AMBIGUITY_MARGIN = 0.1;
/** A lone exact occurrence shorter than this must also agree with its context. */
const SHORT_QUOTE = 24;

/**
 * Places a target in the text (UTF-16 offsets in the result). Cheapest
 * first, each checked against the quote: the stored position; the exact
 * quote, choosing among occurrences by their context; a fuzzy match above
 * the floor. Anything less is orphaned, never put somewhere else. What is
 * found is widened to whole characters (see wholeCharacters).
 */
export function anchor(text: string | TextIndex, target: HighlightTarget): Anchor {
  const index = typeof text === 'string' ? new TextIndex(text) : text;
  const found = find(index, target);
  return found.status === 'anchored' ? { ...found, ...wholeCharacters(index.text, found) } : found;
}

function find(index: TextIndex, target: HighlightTarget): Anchor {
  const t = index.text;
  const { exact, prefix, suffix } = target.quote;
  const hint = matchPosition(index, target.position);
  if (hint && t.slice(hint.start, hint.end) === exact) {
    return { status: 'anchored', start: hint.start, end: hint.end, method: 'position', confidence: 1 };
  }
  const expectedAt = hint?.start ?? index.toUtf16(target.position.start);

  const exactMatches = matchQuote(t, { exact });
  if (exactMatches.length > 0) {
    const scored = exactMatches
      .map((m) => ({ ...m, context: contextAgreement(t, m, prefix, suffix) }))
      .sort((a, b) => b.context - a.context || Math.abs(a.start - expectedAt) - Math.abs(b.start - expectedAt));
    const best = scored[0]!;
    const runnerUp = scored[1];
    const hasContext = prefix.length + suffix.length > 0;
    // Repeated words must be told apart by their context, clearly; a near tie is not a choice.
    const trusted =
      (runnerUp === undefined || best.context - runnerUp.context >= AMBIGUITY_MARGIN || (best.context === 1 && runnerUp.context < 1)) &&
      (!hasContext || best.context >= CONTEXT_FLOOR || (exact.length >= SHORT_QUOTE && runnerUp === undefined));
    if (trusted) return { status: 'anchored', start: best.start, end: best.end, method: 'quote', confidence: 0.5 + best.context / 2 };
  }

  return fuzzyAnchor(t, target, expectedAt) ?? { status: 'orphaned' };
}

/** How well the text around a match agrees with the stored prefix and suffix (0–1, the better side counts most). */
export function contextAgreement(text: string, m: TextRange, prefix: string, suffix: string): number {
  const before = prefix ? similarity(text.slice(Math.max(0, m.start - prefix.length), m.start), prefix) : 1;
  const after = suffix ? similarity(text.slice(m.end, m.end + suffix.length), suffix) : 1;
  return Math.max(before, after) * 0.7 + Math.min(before, after) * 0.3;
}

/** Fuzzy search near the old position first, then everywhere; only matches above the floor count. */
function fuzzyAnchor(text: string, target: HighlightTarget, expectedAt: Utf16Offset): Anchor | null {
  const { exact, prefix, suffix } = target.quote;
  if (exact.length < 8) return null; // too short to tell a match from chance
  const maxErrors = Math.floor(exact.length * (1 - QUOTE_FLOOR));
  const near = Math.max(4096, exact.length * 8);
  const windows: [number, number][] = [[Math.max(0, expectedAt - near), Math.min(text.length, expectedAt + exact.length + near)]];
  if (exact.length <= 1024) windows.push([0, text.length]);
  for (const [from, to] of windows) {
    let best: (TextRange & { score: number; quote: number }) | null = null;
    let second = -Infinity;
    for (const c of approximateMatches(text, exact, maxErrors, from, to)) {
      const quote = 1 - c.errors / exact.length;
      const context = contextAgreement(text, c, prefix, suffix);
      if (quote < QUOTE_FLOOR || ((prefix || suffix) && context < CONTEXT_FLOOR)) continue;
      const score = quote * 0.6 + context * 0.4 - Math.abs(c.start - expectedAt) / (text.length + 1) / 100;
      if (!best || score > best.score) {
        // A candidate overlapping the best is the same place read differently, not a rival.
        if (best && (c.start >= best.end || c.end <= best.start)) second = best.score;
        best = { start: c.start, end: c.end, score, quote };
      } else if (c.start >= best.end || c.end <= best.start) second = Math.max(second, score);
    }
    if (best && best.score - second >= AMBIGUITY_MARGIN / 2) {
      return { status: 'anchored', start: best.start, end: best.end, method: 'fuzzy', confidence: best.score };
    }
    if (best) return null; // two places fit about equally well: orphan rather than guess
  }
  return null;
}

/** Anchors every target of a document in one pass over its text index. */
export function anchorAll<T extends { target: HighlightTarget }>(text: string, items: readonly T[]): Map<T, Anchor> {
  const index = new TextIndex(text);
  return new Map(items.map((item) => [item, anchor(index, item.target)]));
}
