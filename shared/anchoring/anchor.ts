import type { HighlightTarget } from '../model.js';
import type { Utf16Offset } from '../offsets.js';
import { wholeCharacters } from './characters.js';
import { exactCandidates, framedCandidates, fuzzyCandidates, type Search } from './candidates.js';
import { choose, CONFIDENT, NEAR, QUOTE_FLOOR, STRONG_CONTEXT, type Candidate, type Choice } from './choice.js';
import { similarity } from './fuzzy.js';
import { matchPosition, type TextRange } from './match.js';
import { TextIndex } from './text-index.js';
import { normalisedString } from './typography.js';

export { QUOTE_FLOOR, CONTEXT_FLOOR } from './choice.js';

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
 * Places a target in the text (UTF-16 offsets in the result). Cheapest
 * first: the stored position, when the quote is there word for word. Then,
 * with typography set aside on both sides (see typography.ts), candidate
 * places are gathered in widening rings and weighed (see choice.ts): the
 * quote found word for word anywhere, and the words between its prefix and
 * suffix; then fuzzy matches near the stored position; then anywhere. A
 * settled candidate ends the search (see `settled`). Anything below the floors, or
 * a near tie that position does not settle, is orphaned, never put
 * somewhere else. What is found is widened to whole characters.
 *
 * A quote-only selector (an import from an app that keeps no context, such
 * as Kindle clippings, whose position is only a guess) is found when it
 * occurs once (typography aside); when it occurs several times, only if
 * the guess is clearly nearest one of them (POSITION_RATIO times nearer than
 * any other, and nearer by POSITION_GAP of the text), else it is orphaned.
 */
export function anchor(text: string | TextIndex, target: HighlightTarget): Anchor {
  const index = typeof text === 'string' ? new TextIndex(text) : text;
  const found = find(index, target);
  return found.status === 'anchored' ? { ...found, ...wholeCharacters(index.text, found) } : found;
}

/** Quotes shorter than this (after typography) are not searched for fuzzily: a match would be chance. */
const FUZZY_MIN_QUOTE = 8;
/** Quotes up to this long are searched for fuzzily in the whole text, longer ones only near their place. */
const FUZZY_EVERYWHERE_LIMIT = 1024;

function find(index: TextIndex, target: HighlightTarget): Anchor {
  const t = index.text;
  const { exact, prefix, suffix } = target.quote;
  const hint = matchPosition(index, target.position);
  if (hint && t.slice(hint.start, hint.end) === exact) {
    return { status: 'anchored', start: hint.start, end: hint.end, method: 'position', confidence: 1 };
  }
  const normal = index.normalised;
  const quote = normalisedString(exact);
  if (quote.length === 0) return { status: 'orphaned' };
  const search: Search = {
    text: normal.text,
    quote,
    prefix: normalisedString(prefix),
    suffix: normalisedString(suffix),
    expected: normal.fromOriginal(hint?.start ?? index.toUtf16(target.position.start)),
  };
  const decide = (candidates: Candidate[]) => choose(candidates, quote.length, search.text.length);
  const placed = (choice: Extract<Choice, { status: 'chosen' }>): Anchor => ({
    status: 'anchored',
    start: normal.toOriginalStart(choice.candidate.start),
    end: normal.toOriginalEnd(choice.candidate.end),
    method: choice.candidate.exact ? 'quote' : 'fuzzy',
    confidence: choice.score,
  });

  const candidates = exactCandidates(search);
  let choice = decide(candidates);
  if (settled(choice)) return placed(choice);
  // Several places read the same word for word: a wider search only finds them again.
  if (choice.status === 'unsure' && choice.score >= CONFIDENT) return { status: 'orphaned' };
  candidates.push(...framedCandidates(search));
  choice = decide(candidates);
  if (settled(choice)) return placed(choice);
  if (quote.length >= FUZZY_MIN_QUOTE) {
    const maxErrors = Math.floor(quote.length * (1 - QUOTE_FLOOR));
    const near = Math.max(NEAR, quote.length * 8);
    const from = Math.max(0, search.expected - near);
    const to = Math.min(search.text.length, search.expected + quote.length + near);
    candidates.push(...fuzzyCandidates(search, maxErrors, from, to));
    choice = decide(candidates);
    // A place near the stored position that clears the floors, with no rival among the quote's
    // exact occurrences anywhere: a fuzzy match elsewhere would have to beat position too.
    if (choice.status === 'chosen' && choice.candidate.distance <= near) return placed(choice);
    if (choice.status !== 'chosen' || choice.score < CONFIDENT) {
      if (quote.length <= FUZZY_EVERYWHERE_LIMIT) candidates.push(...fuzzyCandidates(search, maxErrors, 0, search.text.length));
      choice = decide(candidates);
    }
  }
  return choice.status === 'chosen' ? placed(choice) : { status: 'orphaned' };
}

/**
 * A choice no wider search could overturn: a score of CONFIDENT, or the quote
 * word for word near its stored position (NEAR) with its context agreeing on
 * one side (STRONG_CONTEXT); the other side may be a paragraph edited, moved
 * or deleted next to it. Far from its position, one side is not enough: a
 * line of the contents agrees with its chapter heading up to the line's end.
 */
function settled(choice: Choice): choice is Extract<Choice, { status: 'chosen' }> {
  if (choice.status !== 'chosen') return false;
  const { exact, prefix, suffix, distance } = choice.candidate;
  return choice.score >= CONFIDENT || (exact && distance <= NEAR && Math.max(prefix ?? 0, suffix ?? 0) >= STRONG_CONTEXT);
}

/** How well the text around a match agrees with the stored prefix and suffix (0–1, the better side counts most). */
export function contextAgreement(text: string, m: TextRange, prefix: string, suffix: string): number {
  const before = prefix ? similarity(text.slice(Math.max(0, m.start - prefix.length), m.start), prefix) : 1;
  const after = suffix ? similarity(text.slice(m.end, m.end + suffix.length), suffix) : 1;
  return Math.max(before, after) * 0.7 + Math.min(before, after) * 0.3;
}

/** Anchors every target of a document in one pass over its text index. */
export function anchorAll<T extends { target: HighlightTarget }>(text: string, items: readonly T[]): Map<T, Anchor> {
  const index = new TextIndex(text);
  return new Map(items.map((item) => [item, anchor(index, item.target)]));
}
