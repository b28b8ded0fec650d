import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { anchorAll, describe as describeRange, reanchorAll, TextIndex, type Anchor } from '../../shared/anchoring/index.js';
import type { HighlightTarget } from '../../shared/model.js';
import { utf16 } from '../../shared/offsets.js';
import { corpus } from '../support/temp.js';

/**
 * Re-anchoring after real edits: passages of Moby-Dick highlighted in one
 * version, the text then edited around them, inside them, or to remove them,
 * and each looked for in the new version. The new version is built piece by
 * piece, so where each passage now is (or that it is gone) is known exactly.
 */

const book = readFileSync(corpus('books/moby-dick.txt'), 'utf8');
const OLD = book.slice(book.lastIndexOf('CHAPTER 1. Loomings.'), book.lastIndexOf('CHAPTER 1. Loomings.') + 400_000);

/** What is done to a passage and the text around it. */
const EDITS = ['none', 'insert before', 'insert after', 'delete around', 'insert inside', 'delete inside', 'delete passage'] as const;
type Edit = (typeof EDITS)[number];
const INSERTED_BEFORE = 'A sentence the editor added. ';
const INSERTED_AFTER = ' Another one came after it.';
const INSERTED_INSIDE = 'truly ';
/** Characters of context deleted on each side by 'delete around': more than a selector's prefix or suffix. */
const AROUND = 40;

/** A small deterministic generator (mulberry32), so every run edits the same way. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Passage {
  edit: Edit;
  target: HighlightTarget;
  /** Where the passage is in the new text, and what it reads there; null when it is gone. */
  expected: { start: number; end: number; text: string } | null;
}

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);

/** Passages of 80–200 characters, whole words, one per stretch of the text, each occurring once. */
function choosePassages(count: number, next: () => number): { start: number; end: number }[] {
  const stretch = Math.floor(OLD.length / count);
  const chosen: { start: number; end: number }[] = [];
  for (let i = 0; i < count; i++) {
    let start = i * stretch + 200 + Math.floor(next() * (stretch / 3));
    while (!(isSpace(OLD[start - 1]) && !isSpace(OLD[start]))) start++;
    let end = start + 80 + Math.floor(next() * 120);
    while (!(isSpace(OLD[end]) && !isSpace(OLD[end - 1]))) end++;
    const quote = OLD.slice(start, end);
    if (OLD.indexOf(quote) === OLD.lastIndexOf(quote)) chosen.push({ start, end });
  }
  return chosen;
}

/** The start of the first word after the middle of [start, end) of at most `longest` characters (never the first word). */
function middleWord(start: number, end: number, longest = Infinity): number {
  let at = Math.floor((start + end) / 2);
  for (;;) {
    while (!(isSpace(OLD[at - 1]) && !isSpace(OLD[at]))) at++;
    const length = OLD.slice(at).search(/\s/);
    if (length <= longest || at + length >= end) return at;
    at += length;
  }
}

/**
 * A word deleted from inside a passage is at most this long: with its space, under 15% of an
 * 80-character passage, so the passage still agrees with its quote above QUOTE_FLOOR (0.85).
 */
const DELETED_WORD = 9;

/** Builds the new version: each gap between passages copied (trimmed or added to at its ends), each passage edited. */
function editedVersion(count: number, seed: number): { text: string; passages: Passage[] } {
  const ranges = choosePassages(count, random(seed));
  const index = new TextIndex(OLD);
  const edits = ranges.map((_, i) => EDITS[i % EDITS.length]!);
  let text = '';
  const passages: Passage[] = [];
  for (const [i, { start, end }] of ranges.entries()) {
    const edit = edits[i]!;
    let gap = OLD.slice(i === 0 ? 0 : ranges[i - 1]!.end, start);
    if (edits[i - 1] === 'insert after') gap = INSERTED_AFTER + gap;
    if (edits[i - 1] === 'delete around') gap = gap.slice(AROUND);
    if (edit === 'delete around') gap = gap.slice(0, -AROUND);
    if (edit === 'insert before') gap += INSERTED_BEFORE;
    text += gap;
    let now = OLD.slice(start, end);
    if (edit === 'insert inside') {
      const at = middleWord(start, end) - start;
      now = now.slice(0, at) + INSERTED_INSIDE + now.slice(at);
    }
    if (edit === 'delete inside') {
      const at = middleWord(start, end, DELETED_WORD) - start;
      const wordEnd = now.slice(at).search(/\s\S/) + at + 1;
      now = now.slice(0, at) + now.slice(wordEnd);
    }
    if (edit === 'delete passage') now = '';
    passages.push({ edit, target: describeRange(index, utf16(start), utf16(end)), expected: now === '' ? null : { start: text.length, end: text.length + now.length, text: now } });
    text += now;
  }
  const last = ranges.at(-1)!.end;
  const tail = OLD.slice(last);
  text += edits.at(-1) === 'insert after' ? INSERTED_AFTER + tail : edits.at(-1) === 'delete around' ? tail.slice(AROUND) : tail;
  return { text, passages };
}

/** What an anchor reads in the new text ('orphaned' when it found nothing). */
const reading = (text: string, found: Anchor | undefined) => (found?.status === 'anchored' ? text.slice(found.start, found.end) : 'orphaned');
const wanted = (p: Passage) => p.expected?.text ?? 'orphaned';

describe('re-anchoring Moby-Dick passages after edits around them, inside them, and of them', () => {
  const { text, passages } = editedVersion(210, 2701);

  it('has a case of every kind, many times, each where the new text says', () => {
    for (const edit of EDITS) expect(passages.filter((p) => p.edit === edit).length, edit).toBeGreaterThanOrEqual(25);
    for (const p of passages) {
      const was = p.target.quote.exact;
      // The builder's bookkeeping holds: the passage reads so where it says, or is gone from the text.
      if (p.expected) expect(text.slice(p.expected.start, p.expected.end), p.edit).toBe(p.expected.text);
      else expect(text.includes(was), was).toBe(false);
      if (p.edit === 'insert inside') expect(p.expected!.text.length - was.length).toBe(INSERTED_INSIDE.length);
      if (p.edit === 'delete inside') expect(was.length - p.expected!.text.length).toBeLessThanOrEqual(DELETED_WORD + 1);
      if (p.edit === 'delete inside') expect(was.length - p.expected!.text.length).toBeGreaterThan(1);
      if (!p.edit.includes('inside') && p.expected) expect(p.expected.text).toBe(was);
    }
  });

  it.each(EDITS)('through the diff of the two versions (reanchorAll): %s', (edit) => {
    const these = passages.filter((p) => p.edit === edit);
    const found = reanchorAll(OLD, text, these);
    expect(these.map((p) => reading(text, found.get(p)))).toEqual(these.map(wanted));
    for (const p of these) {
      const a = found.get(p)!;
      if (a.status === 'anchored') expect({ start: a.start, end: a.end }).toEqual({ start: p.expected!.start, end: p.expected!.end });
    }
  });

  it.each(EDITS)('from the selectors alone, without the old text (anchorAll): %s', (edit) => {
    const these = passages.filter((p) => p.edit === edit);
    const found = anchorAll(text, these);
    expect(these.map((p) => reading(text, found.get(p)))).toEqual(these.map(wanted));
  });
});
