import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { anchor, describe as describeUtf16, type Anchor } from '../../shared/anchoring/index.js';
import type { HighlightTarget } from '../../shared/model.js';
import { codePoints, utf16 } from '../../shared/offsets.js';
import { corpus } from '../support/temp.js';

/**
 * Anchoring from the selectors alone (no old text to diff against): what
 * imported annotations go through. Each case is one seen on an edited
 * Moby-Dick (issue 16), on the book's own text: its paragraphs one to a line,
 * as the reader has them.
 */
const BOOK = readFileSync(corpus('books/moby-dick.txt'), 'utf8')
  .split(/\n[ \t]*\n/)
  .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
  .filter((p) => p.length > 0)
  .join('\n');

const describeRange = (text: string, start: number, end: number) => describeUtf16(text, utf16(start), utf16(end));
/** The passage `words` (its `nth` occurrence from the end when `last`), described on `text`. */
function passage(text: string, words: string, last = false): HighlightTarget {
  const start = last ? text.lastIndexOf(words) : text.indexOf(words);
  expect(start, words).toBeGreaterThanOrEqual(0);
  return describeRange(text, start, start + words.length);
}
/** What an anchor reads, and where. */
const reading = (text: string, found: Anchor) => (found.status === 'anchored' ? { at: found.start, text: text.slice(found.start, found.end) } : 'orphaned');
/** A new paragraph at the start of the book, so no stored position holds any more. */
const shifted = (text: string) => `A note the new edition put first.\n${text}`;
const SHIFT = 'A note the new edition put first.\n'.length;

describe('anchoring from selectors alone, the cases seen on an edited Moby-Dick', () => {
  const title = 'CHAPTER 120. The Deck Towards the End of the First Night Watch.';

  it('finds a chapter title whose heading lost a word on its heading, not word for word in the table of contents', () => {
    const heading = BOOK.lastIndexOf(title);
    expect(BOOK.indexOf(title)).toBeLessThan(heading); // the contents hold it word for word
    const target = passage(BOOK, title, true);
    const edited = BOOK.slice(0, heading) + title.replace('First ', '') + BOOK.slice(heading + title.length);
    expect(reading(edited, anchor(edited, target))).toEqual({ at: heading, text: 'CHAPTER 120. The Deck Towards the End of the Night Watch.' });
  });

  it('orphans a chapter title whose heading was deleted, rather than put it on the contents line far from its place', () => {
    const heading = BOOK.lastIndexOf(title);
    const target = passage(BOOK, title, true);
    const edited = BOOK.slice(0, heading) + BOOK.slice(heading + title.length + 1);
    expect(anchor(edited, target)).toEqual({ status: 'orphaned' });
  });

  it('puts the end of a chapter title with a word changed on its heading, though the contents line agrees with it up to the line’s end', () => {
    const words = 'Whales, and the True Pictures of Whaling Scenes.';
    const heading = BOOK.lastIndexOf(words);
    expect(BOOK.indexOf(words)).toBeLessThan(heading);
    const target = passage(BOOK, words, true);
    // The highlight's prefix lies inside the title, so the contents line has it too.
    expect(BOOK.indexOf(target.quote.prefix + words)).toBeLessThan(heading);
    const edited = shifted(BOOK.slice(0, heading) + words.replace('Pictures', 'compass') + BOOK.slice(heading + words.length));
    expect(reading(edited, anchor(edited, target))).toEqual({ at: heading + SHIFT, text: 'Whales, and the True compass of Whaling Scenes.' });
  });

  it('places a passage whose paragraph was duplicated elsewhere on its own copy, near its old place', () => {
    const words = 'driving off the spleen and regulating the circulation';
    const paragraphStart = BOOK.lastIndexOf('\n', BOOK.indexOf(words)) + 1;
    const paragraph = BOOK.slice(paragraphStart, BOOK.indexOf('\n', paragraphStart));
    const target = passage(BOOK, words);
    const later = BOOK.indexOf('CHAPTER 100.', BOOK.length / 2);
    const edited = shifted(BOOK.slice(0, later) + paragraph + '\n' + BOOK.slice(later));
    expect(reading(edited, anchor(edited, target))).toEqual({ at: BOOK.indexOf(words) + SHIFT, text: words });
  });

  it('lets context that agrees on both sides lift a short quote with one word changed above the floor', () => {
    const words = 'having little or no money';
    expect(words.length).toBeLessThanOrEqual(25);
    const target = passage(BOOK, words);
    const edited = shifted(BOOK.replace(words, 'having scant or no money'));
    expect(reading(edited, anchor(edited, target))).toEqual({ at: BOOK.indexOf(words) + SHIFT, text: 'having scant or no money' });
  });

  it('finds a passage whose only change is typographic (’ became \')', () => {
    const words = 'reg’lar,” was';
    const target = passage(BOOK, words);
    const edited = shifted(BOOK.replace(/’/g, "'").replace(/[“”]/g, '"'));
    expect(reading(edited, anchor(edited, target))).toEqual({ at: BOOK.indexOf(words) + SHIFT, text: 'reg\'lar," was' });
  });

  it('finds passages through em dashes typed as two hyphens, which changes every later offset', () => {
    const words = 'Some years ago—never mind how long precisely—having';
    const target = passage(BOOK, words);
    const edited = BOOK.replace(/—/g, '--');
    const at = edited.indexOf('Some years ago--never');
    expect(reading(edited, anchor(edited, target))).toEqual({ at, text: 'Some years ago--never mind how long precisely--having' });
  });
});

describe('quotes without context and with a guessed position (Kindle clippings onto a book)', () => {
  /** A quote-only target: no prefix or suffix, and a position that is only a guess. */
  const quoteOnly = (exact: string, guess: number): HighlightTarget => ({
    position: { type: 'TextPositionSelector', start: codePoints(guess), end: codePoints(guess + [...exact].length) },
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
  });

  it('anchors a quote that occurs once (after typography is set aside), wherever the guess was', () => {
    const exact = "Call me Ishmael. Some years ago--never mind how long precisely--having little or no money in my purse";
    const found = anchor(BOOK, quoteOnly(exact, 900_000));
    expect(reading(BOOK, found)).toEqual({ at: BOOK.indexOf('Call me Ishmael.'), text: exact.replace(/--/g, '—') });
  });

  it('orphans a quote that occurs several times when the guess is no nearer one than another', () => {
    const exact = 'the White Whale';
    const occurrences = [...BOOK.matchAll(/the White Whale/g)].map((m) => m.index!);
    expect(occurrences.length).toBeGreaterThan(10);
    // Halfway between two occurrences: nothing tells them apart.
    const guess = Math.floor((occurrences[5]! + occurrences[6]!) / 2);
    expect(anchor(BOOK, quoteOnly(exact, guess))).toEqual({ status: 'orphaned' });
  });

  it('anchors a quote that occurs several times when the guess is clearly on one of them, the others far off', () => {
    const exact = 'the White Whale';
    const occurrences = [...BOOK.matchAll(/the White Whale/g)].map((m) => m.index!);
    // One whose neighbours are more than 2% of the book away (the rule asks for 1% and eight times as far).
    const far = BOOK.length * 0.02;
    const lone = occurrences.findIndex((at, i) => (i === 0 || at - occurrences[i - 1]! > far) && (i === occurrences.length - 1 || occurrences[i + 1]! - at > far));
    expect(lone).toBeGreaterThan(0);
    const occurrence = occurrences[lone]!;
    expect(reading(BOOK, anchor(BOOK, quoteOnly(exact, occurrence + 300)))).toEqual({ at: occurrence, text: exact });
    // Near another occurrence (a few pages, under 1% of the book), the same guess is no decision.
    const close = occurrences.findIndex((at, i) => i > 0 && at - occurrences[i - 1]! < BOOK.length * 0.005);
    expect(anchor(BOOK, quoteOnly(exact, occurrences[close]! - 20))).toEqual({ status: 'orphaned' });
  });
});
