import { describe, expect, it } from 'vitest';
import { containsPhrase, fold, snippet } from '../../main/core/search/index.js';
import { typoDistance } from '../../main/core/search/edit-distance.js';
import { cutPassages, PASSAGE_LENGTH } from '../../main/core/search/passages.js';
import { decodePostings, encodePostings, postingsLength } from '../../main/core/search/postings.js';
import { Vocabulary } from '../../main/core/search/vocabulary.js';

describe('folding', () => {
  it('drops accents and case, and spells letters NFKD keeps whole', () => {
    expect(fold('Benoîte ZOË Ångström')).toBe('benoite zoe angstrom');
    expect(fold('Łódź Straße Søren Æsir ﬁne ＡＢＣ')).toBe('lodz strasse soren aesir fine abc');
    expect(fold('ΟΔΟΣ')).toBe(fold('οδοσ')); // final sigma folds as any sigma
    expect(fold('plain ascii, “curly” — dashes…')).toBe('plain ascii, “curly” — dashes…');
  });
});

describe('phrases in a text', () => {
  it('need their words next to each other, in order, whatever lies between', () => {
    expect(containsPhrase('Call me Ishmael. Some years ago', ['ishmael', 'some'])).toBe(true);
    expect(containsPhrase('the white-whale', ['white', 'whale'])).toBe(true);
    expect(containsPhrase('Benoîte\n  GROULT', ['benoite', 'groult'])).toBe(true);
    expect(containsPhrase('Ishmael called me', ['me', 'ishmael'])).toBe(false);
    expect(containsPhrase('somewhite whale', ['white', 'whale'])).toBe(false);
    expect(containsPhrase('the whitewhale', ['white', 'whale'])).toBe(false);
    expect(containsPhrase('a 🐳 whale song', ['whale', 'song'])).toBe(true);
    expect(containsPhrase('東京タワー', ['京', 'タ'])).toBe(true);
  });
});

describe('snippets', () => {
  const text =
    'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife. ' +
    'However little known the feelings or views of such a man may be on his first entering a neighbourhood, this truth is so well fixed ' +
    'in the minds of the surrounding families, that he is considered the rightful property of some one or other of their daughters.';

  it('cut between words around the matched words, with the matches marked, never HTML', () => {
    const s = snippet(text, ['neighbourhood', 'truth'], 40);
    expect(s.text.includes('<')).toBe(false);
    expect(s.marks.length).toBeGreaterThan(0);
    for (const [start, end] of s.marks) expect(fold(s.text.slice(start, end))).toMatch(/^(neighbourhood|truth)$/);
    expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(s.start === 0 || /\s/.test(text[s.start - 1]!)).toBe(true);
    expect(s.end === text.length || /\s/.test(text[s.end]!)).toBe(true);
    expect(s.text.length).toBeLessThan(200);
  });

  it('marks the original letters of a folded match, accents included', () => {
    const s = snippet('Chez Benoi\u0302te, un café.', ['benoite', 'cafe'], 40);
    expect(s.marks.map(([a, b]) => s.text.slice(a, b))).toEqual(['Benoi\u0302te', 'café']);
  });

  it('never cuts a character outside the Basic Multilingual Plane in two', () => {
    const emoji = '🐳'.repeat(60);
    const s = snippet(`${emoji} whale ${emoji}`, ['whale'], 20);
    expect(s.text).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
    expect(s.marks.map(([a, b]) => s.text.slice(a, b))).toEqual(['whale']);
  });

  it('is the beginning of the text when nothing matches', () => {
    expect(snippet(text, ['zebra'], 30)).toMatchObject({ start: 0, marks: [] });
  });
});

describe('typo distance', () => {
  it('counts a change, an addition, a drop or a swap as one', () => {
    expect(typoDistance('natasha', 'natasha', 2)).toBe(0);
    expect(typoDistance('natahsa', 'natasha', 2)).toBe(1);
    expect(typoDistance('natsha', 'natasha', 2)).toBe(1);
    expect(typoDistance('natasya', 'natasha', 2)).toBe(1);
    expect(typoDistance('nataasha', 'natasha', 2)).toBe(1);
    expect(typoDistance('ntaahsa', 'natasha', 2)).toBe(2);
    expect(typoDistance('pierre', 'natasha', 2)).toBe(3); // past the bound: bound + 1
  });

  it('finds the words of a vocabulary a typo away', () => {
    const vocabulary = new Vocabulary();
    for (const word of ['whale', 'while', 'whole', 'whales', 'wheel', 'shale']) vocabulary.add(word);
    expect(vocabulary.near('whale', 1).map((n) => n.word).sort()).toEqual(['shale', 'whales', 'while', 'whole']);
    expect(vocabulary.withPrefix('whal')).toEqual(['whale', 'whales']);
  });
});

describe('posting lists', () => {
  it('round-trip ascending document numbers, large gaps included', () => {
    const ids = [0, 1, 2, 31, 32, 33, 1023, 1024, 99_999, 1_000_000, 2 ** 30];
    const encoded = encodePostings(ids);
    expect(encoded).toMatch(/^[0-9a-zA-Z_~]+$/);
    expect(postingsLength(encoded)).toBe(ids.length);
    expect([...decodePostings(encoded, 2 ** 31)]).toEqual(ids);
    expect([...decodePostings(encodePostings([]), 10)]).toEqual([]);
  });

  it('refuse a damaged list: a stray character, a number past the documents, a wrong count', () => {
    expect(() => decodePostings('3!12', 100)).toThrow(/not a digit/);
    expect(() => decodePostings(encodePostings([5, 200]), 100)).toThrow(/past its documents/);
    expect(() => decodePostings('312', 100)).toThrow(/holds 2 documents, not the 3/);
  });
});

describe('passages', () => {
  it('cover the text once, with ranges in code points, and overlap into the next passage', () => {
    const paragraph = (i: number) => `Paragraph ${i} 🌊 ${'waves and 𠮷 ideographs '.repeat(12)}end.`;
    const text = Array.from({ length: 40 }, (_, i) => paragraph(i)).join('\n');
    const passages = cutPassages(text);
    const characters = [...text];
    expect(passages.length).toBeGreaterThan(text.length / (PASSAGE_LENGTH * 1.5));
    expect(passages[0]!.start).toBe(0);
    expect(passages.at(-1)!.end).toBe(characters.length);
    passages.forEach((p, i) => {
      if (i > 0) expect(p.start).toBe(passages[i - 1]!.end);
      // The indexed text starts with the passage's own text, in code points.
      expect(p.indexed.startsWith(characters.slice(p.start, p.end).join(''))).toBe(true);
    });
    // Passages end at paragraph breaks when one is near.
    expect(characters[passages[0]!.end - 1]).toBe('\n');
  });
});
