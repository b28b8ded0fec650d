import DiffMatchPatch from 'diff-match-patch';
import type { HighlightTarget } from '../model.js';
import { codePoints, utf16, type Utf16Offset } from '../offsets.js';
import { anchor, contextAgreement, CONTEXT_FLOOR, type Anchor } from './anchor.js';
import { wholeCharacters } from './characters.js';
import { approximateMatches, similarity, wordCloseness } from './fuzzy.js';
import { TextIndex } from './text-index.js';

/**
 * Re-anchors targets described on `oldText` in `newText` (a new version of
 * the same article). Each old position is first mapped through a diff of
 * the two texts and kept when the quote is still there; otherwise the
 * ordinary policy runs with the mapped position as its hint (exact quote
 * with context, then fuzzy above the floor, else orphaned).
 *
 * The diff is computed once, line by line (paragraphs), which is fast on
 * book-length texts; positions inside a changed paragraph map to its new
 * start and are then found by quote.
 */
export function reanchorAll<T extends { target: HighlightTarget }>(oldText: string, newText: string, items: readonly T[]): Map<T, Anchor> {
  const oldIndex = new TextIndex(oldText);
  const newIndex = new TextIndex(newText);
  const { mapOffset, unchangedOrigin } = offsetMapper(oldText, newText);
  /**
   * A search may find the quote in text the edit did not touch, where the old
   * text already had it at another place: another passage with the same words
   * (a chapter title in the table of contents), not this one, whose own place
   * is gone. That is orphaned, not moved onto the other passage. Where the
   * stored position did not hold the quote in the old text, the passage's old
   * place is first found there as anchoring would have found it.
   */
  const notAnotherPassage = (found: Anchor, target: HighlightTarget, wasThere: boolean, oldStart: number, oldEnd: number): Anchor => {
    if (found.status !== 'anchored') return found;
    if (!wasThere) {
      const before = anchor(oldIndex, target);
      if (before.status !== 'anchored') return found; // No old place to tell it from: the search stands.
      ({ start: oldStart, end: oldEnd } = before);
    }
    const origin = unchangedOrigin(found.start, found.end);
    const elsewhere = origin !== null && (origin + (found.end - found.start) <= oldStart || origin >= oldEnd);
    return elsewhere ? { status: 'orphaned' } : found;
  };
  const result = new Map<T, Anchor>();
  for (const item of items) {
    const { target } = item;
    const oldStart = oldIndex.toUtf16(target.position.start);
    const oldEnd = oldIndex.toUtf16(target.position.end);
    const wasThere = oldText.slice(oldStart, oldEnd) === target.quote.exact;
    const start = mapOffset(oldStart);
    const end = wasThere ? mapOffset(oldEnd) : utf16(start + target.quote.exact.length);
    if (wasThere && end > start) {
      const now = newText.slice(start, end);
      if (now === target.quote.exact) {
        // The same text, but an edit may have added to its last character (an accent, a joined emoji).
        result.set(item, { status: 'anchored', ...wholeCharacters(newText, { start, end }), method: 'diff', confidence: 1 });
        continue;
      }
      // Edited inside: the diff says where the passage went. Find its exact bounds near there, and
      // trust it when enough of the words and of the context around it agree.
      const { exact, prefix, suffix } = target.quote;
      const near = approximateMatches(newText, exact, Math.floor(exact.length * (1 - DIFF_FLOOR)), Math.max(0, start - 16), Math.min(newText.length, end + 16))
        .map((m) => ({ ...m, quote: 1 - m.errors / exact.length, context: contextAgreement(newText, m, prefix, suffix) }))
        .filter((m) => m.quote >= DIFF_FLOOR && m.context >= CONTEXT_FLOOR)
        .sort((a, b) => b.quote + b.context - (a.quote + a.context) || Math.abs(a.start - start) - Math.abs(b.start - start))[0];
      if (near) {
        // Three readings of the bounds: the match itself, what lies between the context, and the diff's
        // own mapping; each kept to whole words where the passage was, and to one paragraph where it was.
        const fit = (r: { start: number; end: number }) => {
          const words = snapToWords(newText, r, oldText, oldStart, oldEnd);
          return exact.includes('\n') ? words : withinBlock(newText, words, near);
        };
        const score = (r: { start: number; end: number }) => similarity(newText.slice(r.start, r.end), exact);
        // Word for word where that is cheap (it is quadratic in words); a passage of pages is compared by characters.
        const byWords = exact.length <= WORD_COMPARISON_LIMIT;
        const closeness = (r: { start: number; end: number }) => (byWords ? wordCloseness(newText.slice(r.start, r.end), exact) : score(r));
        const own = fit(near);
        const framed = fit(byContext(newText, near, prefix, suffix));
        const mapped = fit({ start, end });
        const searched = closeness(framed) > closeness(own) ? framed : own;
        // The diff's mapping wins unless a search found a reading closer to the quote, word for word.
        const reading = end > start && score(mapped) >= DIFF_FLOOR && closeness(mapped) >= closeness(searched) ? mapped : searched;
        // Then a word more or less at either edge, while that brings it closer (an edited word just
        // outside the passage is not taken in, an edited word at its edge is not left out).
        const bounds = byWords ? closerByWords(newText, reading, closeness, exact.includes('\n') ? null : withinBlock(newText, { start: 0, end: newText.length }, near)) : reading;
        if (bounds.end <= bounds.start || score(bounds) < DIFF_FLOOR) {
          result.set(item, notAnotherPassage(anchor(newIndex, { ...target, position: positionAt(newIndex, start, end) }), target, wasThere, oldStart, oldEnd));
          continue;
        }
        // Bounds found over UTF-16 units may cut a character (an emoji, a letter and its accent): never a passage's.
        const passage = wholeCharacters(newText, { start: utf16(bounds.start), end: utf16(bounds.end) });
        result.set(item, { status: 'anchored', ...passage, method: 'diff', confidence: near.quote });
        continue;
      }
    }
    result.set(item, notAnotherPassage(anchor(newIndex, { ...target, position: positionAt(newIndex, start, end) }), target, wasThere, oldStart, oldEnd));
  }
  return result;
}

/**
 * How much of the quote must survive at the place the diff maps it to. Lower
 * than the fuzzy floor, because the place is not searched for in the whole
 * text but given by the diff, and the context around it must agree too.
 */
const DIFF_FLOOR = 0.5;

/** Passages up to this many characters have their bounds compared word for word. */
const WORD_COMPARISON_LIMIT = 2000;

/**
 * The passage is what lies between its prefix and its suffix: where the
 * stored context is found right around a match, its ends become the
 * passage's bounds (a fuzzy match alone may drop an edited word at an edge).
 */
function byContext(text: string, range: { start: number; end: number }, prefix: string, suffix: string) {
  let { start, end } = range;
  const closest = (ms: { start: number; end: number; errors: number }[], key: (m: { start: number; end: number }) => number, to: number) =>
    ms.sort((a, b) => a.errors - b.errors || Math.abs(key(a) - to) - Math.abs(key(b) - to))[0];
  if (suffix.length >= 8) {
    const m = closest(approximateMatches(text, suffix, Math.floor(suffix.length * 0.3), Math.max(0, end - 24), Math.min(text.length, end + suffix.length + 24)), (x) => x.start, end);
    if (m && m.start > start) end = m.start;
  }
  if (prefix.length >= 8) {
    const m = closest(approximateMatches(text, prefix, Math.floor(prefix.length * 0.3), Math.max(0, start - prefix.length - 24), Math.min(text.length, start + 24)), (x) => x.end, start);
    if (m && m.end < end) start = m.end;
  }
  return { start, end };
}

/** A position selector at [start, end) of the new text, as a hint for the anchoring policy. */
function positionAt(index: TextIndex, start: Utf16Offset, end: Utf16Offset): HighlightTarget['position'] {
  const s = index.toCodePoint(utf16(Math.min(start, index.text.length)));
  const e = index.toCodePoint(utf16(Math.min(index.text.length, Math.max(start, end))));
  return { type: 'TextPositionSelector', start: s, end: codePoints(Math.max(s + 1, e)) };
}

/** Cuts a range to the paragraph holding `anchorRange`'s start. */
function withinBlock(text: string, range: { start: number; end: number }, anchorRange: { start: number }) {
  const blockStart = text.lastIndexOf('\n', anchorRange.start - 1) + 1;
  const nl = text.indexOf('\n', anchorRange.start);
  const blockEnd = nl === -1 ? text.length : nl;
  return { start: Math.max(range.start, blockStart), end: Math.min(range.end, blockEnd) };
}

const WORD = /[\p{L}\p{N}_'’-]/u;
const isWord = (c: string | undefined) => c !== undefined && WORD.test(c);

/** Widens [start, end) to whole words where the old passage was word-aligned at that end. */
function snapToWords(text: string, range: { start: number; end: number }, oldText: string, oldStart: number, oldEnd: number) {
  let { start, end } = range;
  if (isWord(oldText[oldStart]) && !isWord(oldText[oldStart - 1])) while (start > 0 && isWord(text[start - 1])) start--;
  if (isWord(oldText[oldEnd - 1]) && !isWord(oldText[oldEnd])) while (end < text.length && isWord(text[end])) end++;
  return { start, end };
}

/**
 * Moves a passage's ends by one word at a time (in, or out within `limits`)
 * while that strictly raises `closeness`; at most a few words each way.
 */
function closerByWords(
  text: string,
  range: { start: number; end: number },
  closeness: (r: { start: number; end: number }) => number,
  limits: { start: number; end: number } | null,
) {
  const lo = limits?.start ?? 0;
  const hi = limits?.end ?? text.length;
  let best = range;
  let bestScore = closeness(range);
  for (let step = 0; step < 6; step++) {
    const moves = [
      { start: nextWordStart(text, best.start), end: best.end },
      { start: previousWordStart(text, best.start, lo), end: best.end },
      { start: best.start, end: previousWordEnd(text, best.end) },
      { start: best.start, end: nextWordEnd(text, best.end, hi) },
    ].filter((m) => m.end > m.start && (m.start !== best.start || m.end !== best.end));
    const scored = moves.map((m) => ({ m, score: closeness(m) })).sort((a, b) => b.score - a.score)[0];
    if (!scored || scored.score <= bestScore) break;
    best = scored.m;
    bestScore = scored.score;
  }
  return best;
}

const NON_SPACE = /\S/u;
/** The start of the next word after the one at `at` (skipping the spaces between). */
function nextWordStart(text: string, at: number) {
  let i = at;
  while (i < text.length && NON_SPACE.test(text[i]!)) i++;
  while (i < text.length && !NON_SPACE.test(text[i]!)) i++;
  return i;
}
/** The start of the word before `at`, not before `limit`. */
function previousWordStart(text: string, at: number, limit: number) {
  let i = at;
  while (i > limit && !NON_SPACE.test(text[i - 1]!)) i--;
  while (i > limit && NON_SPACE.test(text[i - 1]!)) i--;
  return i;
}
/** The end of the word before the one ending at `at`. */
function previousWordEnd(text: string, at: number) {
  let i = at;
  while (i > 0 && NON_SPACE.test(text[i - 1]!)) i--;
  while (i > 0 && !NON_SPACE.test(text[i - 1]!)) i--;
  return i;
}
/** The end of the word after `at`, not past `limit`. */
function nextWordEnd(text: string, at: number, limit: number) {
  let i = at;
  while (i < limit && !NON_SPACE.test(text[i]!)) i++;
  while (i < limit && NON_SPACE.test(text[i]!)) i++;
  return i;
}

/**
 * Maps UTF-16 offsets of the old text to the new one, through a line-level
 * diff; and tells where an untouched range of the new text was in the old.
 */
function offsetMapper(oldText: string, newText: string) {
  const dmp = new DiffMatchPatch();
  const { chars1, chars2, lineArray } = dmp.diff_linesToChars_(oldText, newText);
  const diffs = dmp.diff_main(chars1, chars2, false);
  dmp.diff_charsToLines_(diffs, lineArray);
  // Segments: equal runs, and changed runs (old lines replaced by new lines).
  const equal: { oldStart: number; oldEnd: number; newStart: number }[] = [];
  const changed: { oldStart: number; oldEnd: number; newStart: number; newEnd: number }[] = [];
  let o = 0;
  let n = 0;
  for (const [op, text] of diffs) {
    if (op === 0) {
      equal.push({ oldStart: o, oldEnd: o + text.length, newStart: n });
      o += text.length;
      n += text.length;
      continue;
    }
    let last = changed[changed.length - 1];
    if (!last || last.oldEnd !== o || last.newEnd !== n) {
      last = { oldStart: o, oldEnd: o, newStart: n, newEnd: n };
      changed.push(last);
    }
    if (op === -1) last.oldEnd = o += text.length;
    else last.newEnd = n += text.length;
  }
  // Inside a changed run, a character diff of the old and new lines maps offsets (computed on demand).
  const charDiffs = new Map<number, ReturnType<DiffMatchPatch['diff_main']>>();
  /** The old offset of new[start, end) when that range lies in text the edit left as it was, else null. */
  const unchangedOrigin = (start: number, end: number): number | null => {
    const same = find(equal, start, (e) => [e.newStart, e.newStart + (e.oldEnd - e.oldStart)]);
    return same && end <= same.newStart + (same.oldEnd - same.oldStart) ? same.oldStart + (start - same.newStart) : null;
  };
  const mapOffset = (offset: Utf16Offset): Utf16Offset => {
    const same = find(equal, offset, (e) => [e.oldStart, e.oldEnd]);
    if (same) return utf16(same.newStart + (offset - same.oldStart));
    const at = changed.findIndex((c) => offset >= c.oldStart && offset < c.oldEnd);
    const run = changed[at];
    if (!run) return utf16(Math.min(offset, newText.length));
    if (run.newEnd === run.newStart) return utf16(run.newStart);
    let chars = charDiffs.get(at);
    if (!chars) {
      chars = dmp.diff_main(oldText.slice(run.oldStart, run.oldEnd), newText.slice(run.newStart, run.newEnd), false);
      charDiffs.set(at, chars);
    }
    return utf16(run.newStart + dmp.diff_xIndex(chars, offset - run.oldStart));
  };
  return { mapOffset, unchangedOrigin };
}

/** The segment whose span (sorted, not overlapping) holds `offset`, by binary search. */
function find<S>(segments: S[], offset: number, span: (segment: S) => [start: number, end: number]): S | undefined {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = span(segments[mid]!);
    if (offset < start) hi = mid - 1;
    else if (offset >= end) lo = mid + 1;
    else return segments[mid];
  }
  return undefined;
}
