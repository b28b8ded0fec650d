import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  anchor,
  anchorAll,
  CONTEXT_LENGTH,
  describe as describeUtf16,
  matchPosition,
  matchQuote,
  reanchorAll,
  TextIndex,
  wordCloseness,
} from '../../shared/anchoring/index.js';
import { codePoints, utf16, type CodePointOffset, type Utf16Offset } from '../../shared/offsets.js';
import { corpus } from '../support/temp.js';

/** The tests find their passages with indexOf and slice: string indices, UTF-16 units. */
const describeRange = (text: string | TextIndex, start: number, end: number) => describeUtf16(text, utf16(start), utf16(end));

interface Boundary {
  start: Utf16Offset;
  end: Utf16Offset;
  startCodePoint: CodePointOffset;
  endCodePoint: CodePointOffset;
  text: string;
}
interface MatchCase {
  id: string;
  documentText: string;
  scope: Boundary | null;
  selector: { type: string; exact?: string; prefix?: string; suffix?: string; start?: CodePointOffset; end?: CodePointOffset };
  expected: Boundary[];
}

const cases = (file: string) =>
  (JSON.parse(readFileSync(corpus(`anchoring-cases/${file}`), 'utf8')) as { cases: MatchCase[] }).cases.map((c) => [c.id, c] as const);

describe('the Apache Annotator text-quote match cases', () => {
  it.each(cases('annotator-text-quote-match.json'))('%s', (_id, c) => {
    const scope = c.scope ? { start: c.scope.start, end: c.scope.end } : undefined;
    const found = matchQuote(c.documentText, { exact: c.selector.exact!, prefix: c.selector.prefix, suffix: c.selector.suffix }, scope);
    expect(found).toEqual(c.expected.map((e) => ({ start: e.start, end: e.end })));
  });
});

describe('the Apache Annotator text-position match cases (code points, emoji included)', () => {
  it.each(cases('annotator-text-position-match.json'))('%s', (_id, c) => {
    const index = new TextIndex(c.documentText);
    const scope = c.scope ? { start: c.scope.start, end: c.scope.end } : undefined;
    const found = matchPosition(index, { start: c.selector.start!, end: c.selector.end! }, scope);
    expect(found).toEqual({ start: c.expected[0]!.start, end: c.expected[0]!.end });
    expect(c.documentText.slice(found!.start, found!.end)).toBe(c.expected[0]!.text);
    expect(index.toCodePoint(found!.start)).toBe(c.expected[0]!.startCodePoint);
    expect(index.toUtf16(c.expected[0]!.startCodePoint)).toBe(found!.start);
    expect(index.toCodePoint(found!.end)).toBe(c.expected[0]!.endCodePoint);
  });
});

interface DescribeCase {
  id: string;
  documentText: string;
  scope: Boundary | null;
  range: Boundary;
  options: Record<string, unknown>;
  expected: { exact: string; prefix: string; suffix: string };
}

const describeCases = () =>
  (JSON.parse(readFileSync(corpus('anchoring-cases/annotator-text-quote-describe.json'), 'utf8')) as { cases: DescribeCase[] }).cases.map(
    (c) => [c.id, c] as const,
  );

/** The text a case is about: its scope, or the whole document; offsets are then relative to it. */
function scoped(c: { documentText: string; scope: Boundary | null }) {
  const from = c.scope?.start ?? 0;
  const text = c.documentText.slice(from, c.scope?.end ?? c.documentText.length);
  const inside = (offset: Utf16Offset) => utf16(Math.min(Math.max(offset - from, 0), text.length));
  return { text, inside };
}

const headCodePoints = (s: string, n: number) => Array.from(s).slice(0, n).join('');
const tailCodePoints = (s: string, n: number) => Array.from(s).slice(-n).join('');
const NEVER_EMPTY = /^range (\d+)–\1 /;

describe('the Apache Annotator describe cases, described by our describe', () => {
  // Apache's describe keeps the least context that makes the quote unique (with options for how little);
  // ours always keeps CONTEXT_LENGTH code points on each side, so it must hold theirs, up to that length.
  it.each(describeCases())('%s', (_id, c) => {
    const { text, inside } = scoped(c);
    // A range reaching outside the scope is described as its part inside the scope.
    const [start, end] = [inside(c.range.start), inside(c.range.end)];
    if (end === start) {
      // A highlight is never empty: an empty range is refused, not described.
      expect(() => describeRange(text, start, end)).toThrow(RangeError);
      expect(() => describeRange(text, start, end)).toThrow(NEVER_EMPTY);
      return;
    }
    const { quote, position } = describeRange(text, start, end);
    expect(quote.exact).toBe(c.expected.exact);
    expect(quote.prefix.endsWith(tailCodePoints(c.expected.prefix, CONTEXT_LENGTH)), `prefix ${JSON.stringify(quote.prefix)}`).toBe(true);
    expect(quote.suffix.startsWith(headCodePoints(c.expected.suffix, CONTEXT_LENGTH)), `suffix ${JSON.stringify(quote.suffix)}`).toBe(true);
    expect([...quote.prefix].length).toBeLessThanOrEqual(CONTEXT_LENGTH);
    expect([...quote.suffix].length).toBeLessThanOrEqual(CONTEXT_LENGTH);
    // Theirs finds the range, and so does ours, alone: it says no less.
    expect(matchQuote(text, c.expected)).toEqual([{ start, end }]);
    expect(matchQuote(text, quote)).toEqual([{ start, end }]);
    expect(position).toEqual({ type: 'TextPositionSelector', start, end });
  });
});

/** Every range a match case expects, as its own case. */
const expectedRanges = (file: string) => cases(file).flatMap(([id, c]) => c.expected.map((e, k) => [`${id} #${k + 1}`, c, e] as const));

describe('the Apache Annotator match cases, reversed: describing each expected range gives the selector back', () => {
  it.each(expectedRanges('annotator-text-quote-match.json'))('%s', (_id, c, e) => {
    const { text, inside } = scoped(c);
    const [start, end] = [inside(e.start), inside(e.end)];
    if (end === start) return expect(() => describeRange(text, start, end)).toThrow(NEVER_EMPTY);
    const target = describeRange(text, start, end);
    expect(target.quote.exact).toBe(c.selector.exact);
    // With its context the quote is unique, even where the bare quote matched several times.
    expect(matchQuote(text, target.quote)).toEqual([{ start, end }]);
    expect(anchor(text, target)).toEqual({ status: 'anchored', start, end, method: 'position', confidence: 1 });
  });

  it.each(expectedRanges('annotator-text-position-match.json'))('%s', (_id, c, e) => {
    const { text, inside } = scoped(c);
    const [start, end] = [inside(e.start), inside(e.end)];
    if (end === start) return expect(() => describeRange(text, start, end)).toThrow(NEVER_EMPTY);
    // Position selectors of a scoped case count code points from the scope's start.
    expect(describeRange(text, start, end).position).toEqual({ type: 'TextPositionSelector', start: c.selector.start, end: c.selector.end });
  });
});

describe('describing and anchoring a passage', () => {
  const text = 'l😃rem ipsum dolor amet. Lorem ipsum dolor amet, again: ipsum dolor.';

  it('describes a passage with its quote, 32 characters of context, and code-point positions', () => {
    const start = text.indexOf('ipsum');
    const target = describeRange(text, start, start + 'ipsum dolor'.length);
    expect(target.quote).toEqual({ type: 'TextQuoteSelector', exact: 'ipsum dolor', prefix: 'l😃rem ', suffix: ' amet. Lorem ipsum dolor amet, a' });
    expect(target.position).toEqual({ type: 'TextPositionSelector', start: 6, end: 17 });
  });

  it('finds a passage at its stored position first', () => {
    const start = text.indexOf('ipsum', 30);
    const target = describeRange(text, start, start + 11);
    expect(anchor(text, target)).toEqual({ status: 'anchored', start, end: start + 11, method: 'position', confidence: 1 });
  });

  it('finds a moved passage by its quote, choosing the occurrence whose context matches', () => {
    const start = text.lastIndexOf('ipsum dolor');
    const target = describeRange(text, start, start + 11);
    const edited = `Preface added. ${text}`;
    expect(anchor(edited, target)).toMatchObject({ status: 'anchored', start: start + 15, end: start + 26, method: 'quote' });
  });

  it('finds a passage whose words had a typo fixed, by a fuzzy match above the floor', () => {
    const before = 'Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in my purse.';
    const start = before.indexOf('Some years');
    const target = describeRange(before, start, before.indexOf(', having'));
    const after = `A new first line. ${before.replace('precisely', 'precisly')}`;
    const found = anchor(after, target);
    expect(found).toMatchObject({ status: 'anchored', method: 'fuzzy' });
    if (found.status === 'anchored') expect(after.slice(found.start, found.end)).toBe('Some years ago, never mind how long precisly');
  });

  it('orphans a passage whose words are gone, rather than placing it elsewhere', () => {
    const target = describeRange(text, 0, 6);
    expect(anchor(text.replace('l😃rem', 'Lorem'), target)).toEqual({ status: 'orphaned' });
  });

  it('orphans a short quote that survives only in another context', () => {
    const before = 'The cat sat on the mat. The dog slept.';
    const target = describeRange(before, before.indexOf('sat'), before.indexOf('sat') + 3);
    const after = 'An entirely different article where a bird sat quietly on a wire all day long.';
    expect(anchor(after, target)).toEqual({ status: 'orphaned' });
  });

  it('orphans a passage that was rewritten beyond the floor', () => {
    const before = 'The committee approved the budget for next year after a long debate about schools.';
    const start = before.indexOf('approved');
    const target = describeRange(before, start, before.indexOf(' after'));
    const after = 'The committee rejected every proposal for the coming years after a long debate about schools.';
    expect(anchor(after, target)).toEqual({ status: 'orphaned' });
  });

  it('anchors many targets over one text index', () => {
    const book = readFileSync(corpus('books/pride-and-prejudice.txt'), 'utf8').replace(/\r\n/g, '\n');
    const index = new TextIndex(book);
    const items = Array.from({ length: 500 }, (_, i) => {
      const start = Math.floor((i / 500) * (book.length - 400));
      return { target: describeRange(index, start, start + 50 + (i % 200)) };
    });
    const anchored = anchorAll(book, items);
    for (const [item, found] of anchored) {
      expect(found.status).toBe('anchored');
      if (found.status === 'anchored') expect(book.slice(found.start, found.end)).toBe(item.target.quote.exact);
    }
  });
});

describe('word closeness', () => {
  it('counts words and punctuation marks, symmetrically, and a word more at an edge costs a whole word', () => {
    expect(wordCloseness('for the three anchor', 'for the three hundredth')).toBe(0.75);
    expect(wordCloseness('for the three hundredth', 'for the three anchor')).toBe(0.75);
    expect(wordCloseness('compass for the three anchor', 'for the three hundredth')).toBe(0.6);
    expect(wordCloseness('mighty quick, Captain', 'mighty quick, Captain')).toBe(1);
    expect(wordCloseness('', '')).toBe(1);
    expect(wordCloseness('whale', '')).toBe(0);
  });
});

describe('re-anchoring after the article changed', () => {
  const paragraphs = [
    'Call me Ishmael. Some years ago, never mind how long precisely, I thought I would sail about a little.',
    'It is a way I have of driving off the spleen, and regulating the circulation of the blood.',
    'Whenever I find myself growing grim about the mouth, I account it high time to get to sea as soon as I can.',
    'There now is your insular city of the Manhattoes, belted round by wharves as Indian isles by coral reefs.',
  ];
  const oldText = paragraphs.join('\n');
  const passage = (text: string, words: string) => ({ target: describeRange(text, text.indexOf(words), text.indexOf(words) + words.length) });
  const moved = passage(oldText, 'never mind how long precisely');
  const edited = passage(oldText, 'growing grim about the mouth');
  const deleted = passage(oldText, 'belted round by wharves as Indian isles');

  it('follows a moved paragraph, a word changed inside a passage, and orphans a deleted passage', () => {
    const newText = [paragraphs[1], paragraphs[0], paragraphs[2]!.replace('grim', 'stern'), 'A new closing paragraph.'].join('\n');
    const found = reanchorAll(oldText, newText, [moved, edited, deleted]);
    const at = (item: typeof moved) => {
      const a = found.get(item)!;
      return a.status === 'anchored' ? newText.slice(a.start, a.end) : null;
    };
    expect(at(moved)).toBe('never mind how long precisely');
    expect(at(edited)).toBe('growing stern about the mouth');
    expect(found.get(deleted)).toEqual({ status: 'orphaned' });
  });

  const readBack = (oldText: string, newText: string, words: string) => {
    const item = passage(oldText, words);
    const a = reanchorAll(oldText, newText, [item]).get(item)!;
    return a.status === 'anchored' ? newText.slice(a.start, a.end) : null;
  };

  it('does not take in an edited word just before the passage (as the closest reading by characters would)', () => {
    const before = 'Some text first.\n“I am going to put him down for the three hundredth,” said Peleg, “do ye hear that, Bildad!”\nMore text after.';
    const after = before.replace('down', 'compass').replace('hundredth', 'anchor');
    expect(readBack(before, after, 'for the three hundredth,” said Peleg, “do')).toBe('for the three anchor,” said Peleg, “do');
  });

  it('keeps an edited first word but not the edited word before it', () => {
    const before = 'A line.\n“A curious spout, too,” said Daggoo, “very bushy, even for a parmacetty, and mighty quick, Captain Ahab?”\nThe end.';
    const after = before.replace('said', 'sailor').replace('Daggoo', 'compass').replace('very', 'harpoon');
    expect(readBack(before, after, 'Daggoo, “very bushy, even for a parmacetty, and mighty quick, Captain')).toBe(
      'compass, “harpoon bushy, even for a parmacetty, and mighty quick, Captain',
    );
  });

  it('keeps a passage that ended a paragraph inside that paragraph when the next one is new', () => {
    const before = 'He sat there.\nHe rocked forwards and backwards on his seat, like a pacing tiger in his cage.\n“Ka-la! Koo-loo!” howled Queequeg.';
    const after = before.replace('pacing', 'voyage').replace('cage.', 'harpoon.\nA long new paragraph that the edit put here, about the skin of the whale and its thickness.');
    expect(readBack(before, after, 'like a pacing tiger in his cage.')).toBe('like a voyage tiger in his harpoon.');
  });

  it('orphans a passage whose place was deleted rather than move it onto the same words that were already elsewhere', () => {
    const contents = 'CONTENTS\nCHAPTER 119. The Candles.\nCHAPTER 120. The Deck Towards the End of the First Night Watch.\nCHAPTER 121. Midnight.';
    const chapter = 'CHAPTER 120. The Deck Towards the End of the First Night Watch.\nAhab standing by the helm. Starbuck approaching him.';
    const before = [contents, 'Some chapter text.', chapter, 'CHAPTER 121. Midnight.\nThe two men talk.'].join('\n');
    const after = [contents, 'Some chapter text.', 'CHAPTER 121. Midnight.\nThe two men talk.'].join('\n');
    const heading = passage(before, 'x');
    const at = before.lastIndexOf('Towards the End of the First Night Watch.');
    heading.target = describeRange(before, at, at + 'Towards the End of the First Night Watch.'.length);
    expect(reanchorAll(before, after, [heading]).get(heading)).toEqual({ status: 'orphaned' });
    // The same words in the contents, highlighted there, stay where they were.
    expect(readBack(before, after, 'Towards the End of the First Night Watch.')).toBe('Towards the End of the First Night Watch.');
  });

  it('still finds a passage whose stored position was off, when the edit was elsewhere', () => {
    const item = passage(oldText, 'regulating the circulation');
    item.target = { ...item.target, position: { ...item.target.position, start: codePoints(item.target.position.start - 40), end: codePoints(item.target.position.end - 40) } };
    const newText = oldText.replace('Manhattoes', 'Manhattan');
    const found = reanchorAll(oldText, newText, [item]).get(item)!;
    expect(found.status === 'anchored' ? newText.slice(found.start, found.end) : null).toBe('regulating the circulation');
  });

  it('re-anchors a passage of pages, edited inside (compared by characters, not word for word)', () => {
    const page = Array.from({ length: 60 }, (_, i) => `Sentence ${i} of a long chapter, with words that go on and on about the sea and its whales.`).join(' ');
    const before = `Opening.\n${page}\nClosing.`;
    const after = before.replace('Sentence 30 of', 'Line thirty of');
    const item = passage(before, page);
    const found = reanchorAll(before, after, [item]).get(item)!;
    expect(found.status === 'anchored' ? after.slice(found.start, found.end) : null).toBe(page.replace('Sentence 30 of', 'Line thirty of'));
  });
});
