import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../main/core/search/index.js';

describe('the search query language', () => {
  it('words are folded; the last is a prefix; long words tolerate typos', () => {
    expect(parseQuery('Benoîte GROULT whal').words).toEqual([
      { text: 'benoite', prefix: false, typos: 1 },
      { text: 'groult', prefix: false, typos: 1 },
      { text: 'whal', prefix: true, typos: 0 },
    ]);
    expect(parseQuery('extraordinary').words).toEqual([{ text: 'extraordinary', prefix: true, typos: 2 }]);
    // A one-letter last word is matched whole.
    expect(parseQuery('vitamin c').words[1]).toEqual({ text: 'c', prefix: false, typos: 0 });
  });

  it('"quoted phrases" keep their words in order; an unclosed quote runs to the end', () => {
    expect(parseQuery('"The White  Whale" ahab').phrases).toEqual([['the', 'white', 'whale']]);
    expect(parseQuery('"The White  Whale" ahab').words.map((w) => w.text)).toEqual(['ahab']);
    expect(parseQuery('ahab "white wha').phrases).toEqual([['white', 'wha']]);
    // A phrase is never a prefix: the last word before it is whole.
    expect(parseQuery('ahab "white whale"').words).toEqual([{ text: 'ahab', prefix: false, typos: 0 }]);
    expect(parseQuery('""').phrases).toEqual([]);
  });

  it('filters: tag (nested), colour, author (quoted or not), has:note', () => {
    const { words, filters } = parseQuery('tag:War/Napoleon color:yellow colour:Blue author:"Leo Tolstoy" author:austen has:note battle');
    expect(words.map((w) => w.text)).toEqual(['battle']);
    expect(filters).toEqual({
      tags: ['war/napoleon'],
      colors: ['yellow', 'blue'],
      authors: [['leo', 'tolstoy'], ['austen']],
      hasNote: true,
    });
    expect(parseQuery('tag:#idea/').filters.tags).toEqual(['idea']);
  });

  it('an unknown key, or a value a filter does not know, is searched as words', () => {
    expect(parseQuery('foo:bar').words.map((w) => w.text)).toEqual(['foo', 'bar']);
    expect(parseQuery('color:orange').words.map((w) => w.text)).toEqual(['color', 'orange']);
    expect(parseQuery('has:tags').words.map((w) => w.text)).toEqual(['has', 'tags']);
    expect(parseQuery('tag:').words.map((w) => w.text)).toEqual(['tag']);
    expect(parseQuery('color:orange').filters.colors).toEqual([]);
  });

  it('punctuation splits words; nothing in a query throws', () => {
    expect(parseQuery("Moby-Dick don't").words.map((w) => w.text)).toEqual(['moby', 'dick', 'don', 't']);
    for (const odd of ['', '   ', '"', ':', 'a:"', '::::', '\u0000', '🐳', 'tag:"""']) expect(() => parseQuery(odd)).not.toThrow();
    expect(parseQuery('   ')).toEqual({ words: [], phrases: [], filters: { tags: [], colors: [], authors: [], hasNote: false } });
  });

  it('unspaced scripts make a word of each character', () => {
    expect(parseQuery('東京タワー').words.map((w) => w.text)).toEqual(['東', '京', 'タ', 'ワ', 'ー']);
  });
});
