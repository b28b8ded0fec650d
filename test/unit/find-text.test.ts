import { describe, expect, it } from 'vitest';
import { findAll, firstMatchAfter, foldedOffset, foldQuery, foldText, matchEnd, matchStart, originalEnd, originalStart, type FoldedOffset } from '../../renderer/reader/find-text.js';

/** The passages of `text` that `query` finds, as the original text reads them. */
function found(text: string, query: string): string[] {
  const folded = foldText(text);
  const matches = findAll(folded, foldQuery(query));
  return Array.from({ length: matches.count }, (_, i) => text.slice(originalStart(folded, matchStart(matches, i)), originalEnd(folded, matchEnd(matches, i))));
}

describe('finding in a text, case and diacritics not counting', () => {
  it('finds words whatever their case and accents, and reports them as the text has them', () => {
    expect(found('Natásha met NATASHA and natasha.', 'natasha')).toEqual(['Natásha', 'NATASHA', 'natasha']);
    expect(found('Une école, UNE ÉCOLE.', 'Ecole')).toEqual(['école', 'ÉCOLE']);
    expect(found('Natásha', 'NATÁSHA')).toEqual(['Natásha']);
  });

  it('maps positions back across characters that fold to another length', () => {
    // A decomposed accent (two units, folds to one), a ligature (one unit, folds to two), an astral letter (two units, folds to one).
    const text = 'cafe\u0301 — ﬁne — 𝐀BC — Natásha';
    expect(found(text, 'cafe')).toEqual(['cafe\u0301']);
    expect(found(text, 'fine')).toEqual(['ﬁne']);
    expect(found(text, 'ine')).toEqual(['ﬁne']); // inside the ligature: the whole character
    expect(found(text, 'abc')).toEqual(['𝐀BC']);
    expect(found(text, 'natasha')).toEqual(['Natásha']);
  });

  it('keeps emoji and CJK, and offsets after them, exact', () => {
    const text = '👋🏽 世界 — Zoë 👋🏽 zoe';
    expect(found(text, 'zoe')).toEqual(['Zoë', 'zoe']);
    expect(found(text, '世界')).toEqual(['世界']);
    expect(found(text, '👋🏽')).toEqual(['👋🏽', '👋🏽']);
  });

  it('finds occurrences that do not overlap, and nothing for an empty query', () => {
    expect(found('aaaa', 'aa')).toEqual(['aa', 'aa']);
    expect(findAll(foldText('anything'), '').count).toBe(0);
    expect(found('no such word here', 'absent')).toEqual([]);
  });

  it('maps original offsets to folded ones, and finds the first match after a place', () => {
    const text = 'e\u0301té, ﬁn, été';
    const folded = foldText(text);
    expect(folded.text).toBe('ete, fin, ete');
    expect(foldedOffset(folded, text.indexOf(','))).toBe(folded.text.indexOf(','));
    expect(foldedOffset(folded, text.lastIndexOf('été'))).toBe(folded.text.lastIndexOf('ete'));
    const matches = findAll(folded, 'ete');
    expect(matches.count).toBe(2);
    expect(firstMatchAfter(matches, 0 as FoldedOffset)).toBe(0);
    expect(firstMatchAfter(matches, 4 as FoldedOffset)).toBe(1);
    expect(firstMatchAfter(matches, folded.text.length as FoldedOffset)).toBe(2);
  });

  it('folds a book-sized text with few accents into few shifts', () => {
    const page = 'Prince Andréy looked at Natásha. '.repeat(20_000);
    const folded = foldText(page);
    expect(folded.text.length).toBe(page.length); // precomposed accents fold to one unit each: no shift
    expect(folded.foldedStarts).toHaveLength(0);
    expect(findAll(folded, foldQuery('natasha')).count).toBe(20_000);
  });
});
