import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DamagedSearchIndexError, SearchIndex, type ArticleToIndex, type SearchResults, type SearchTexts } from '../../main/core/search/index.js';
import { TextIndex } from '../../shared/anchoring/index.js';
import type { Highlight } from '../../shared/model.js';

/** Search over a small library of known texts (test/fixtures/search/README.md says what each is for). */
const fixture = JSON.parse(readFileSync(new URL('../fixtures/search/library.json', import.meta.url), 'utf8')) as {
  articles: ArticleToIndex[];
  highlights: Highlight[];
};

function indexOf(articles = fixture.articles, highlights = fixture.highlights): SearchIndex {
  const index = SearchIndex.empty();
  for (const article of articles) index.setArticle(article);
  for (const highlight of highlights) index.setHighlight(highlight);
  return index;
}

/** The texts the store would give to check phrases: here, the fixture's. */
function textsOf(articles: ArticleToIndex[], highlights: Highlight[]): SearchTexts {
  return {
    articleText(articleId, start, end) {
      const article = articles.find((a) => a.id === articleId);
      if (!article) return undefined;
      const index = new TextIndex(article.text);
      return article.text.slice(index.toUtf16(start), index.toUtf16(end));
    },
    highlightText(articleId, highlightId) {
      const h = highlights.find((x) => x.articleId === articleId && x.id === highlightId);
      return h && { quote: h.target.quote.exact, note: h.note };
    },
  };
}
const texts = textsOf(fixture.articles, fixture.highlights);

const articleIds = (results: SearchResults) => results.articles.map((a) => a.articleId);
const highlightIds = (results: SearchResults) => results.highlights.map((h) => h.highlightId);

describe('words', () => {
  it('a word in a title ranks the article above one that only mentions it in its text', () => {
    const results = indexOf().search('whale');
    expect(articleIds(results)).toEqual(['a-whales0001', 'a-garden0001']);
    expect(results.articles[0]!.fields).toEqual(expect.arrayContaining(['title', 'text']));
    expect(results.articles[1]!.fields).toEqual(['text']);
  });

  it('every word must be found, in any field of the same article', () => {
    const index = indexOf();
    expect(articleIds(index.search('whale garden'))).toEqual(['a-garden0001']);
    // The byline has one word, the text the other.
    expect(articleIds(index.search('tolstoy fog'))).toEqual(['a-borodino01']);
    expect(index.search('tolstoy fog').articles[0]!.fields).toEqual(['byline', 'text']);
    expect(articleIds(index.search('tolstoy whale'))).toEqual([]);
  });

  it('a full-text hit points at its passage, in code points', () => {
    const hit = indexOf().search('blowhole').articles[0]!;
    const text = fixture.articles[0]!.text;
    expect(hit.passage).toEqual({ start: 0, end: [...text].length });
  });

  it('diacritics and case fold away, in the query and in the text', () => {
    const index = indexOf();
    for (const query of ['benoite', 'BENOÎTE', 'Benoîte', 'benoîte']) {
      expect(articleIds(index.search(query)), query).toEqual(['a-whales0001']);
    }
    expect(articleIds(index.search('cafe'))).toEqual(['a-cafe000001']);
    expect(highlightIds(index.search('naive'))).toEqual(['h-lait000001']);
    expect(articleIds(index.search('zoe'))).toEqual(['a-garden0001']);
  });

  it('highlights are found by quote and note, and say which', () => {
    const index = indexOf();
    const byQuote = index.search('humpback').highlights;
    expect(byQuote.map((h) => [h.highlightId, h.fields])).toEqual([['h-song000001', ['quote']]]);
    const byNote = index.search('restless').highlights;
    expect(byNote.map((h) => [h.highlightId, h.fields])).toEqual([['h-emperor001', ['note']]]);
    // "bird" is only in the note; the hit carries what a result row shows.
    expect(index.search('bird').highlights[0]).toMatchObject({ highlightId: 'h-song000001', fields: ['note'], color: 'yellow', tags: ['sea/whales', 'music'] });
  });

  it("a tag's words are searched too: napoleon finds the highlight tagged war/napoleon", () => {
    const results = indexOf().search('napoleon');
    expect(results.highlights.map((h) => [h.highlightId, h.fields])).toEqual([['h-emperor001', ['note', 'tags']]]);
    expect(articleIds(results)).toEqual(['a-borodino01']);
  });

  it('the last word is also a prefix; earlier words are whole', () => {
    const index = indexOf();
    expect(highlightIds(index.search('humpb'))).toEqual(['h-song000001']);
    expect(highlightIds(index.search('sing humpb'))).toEqual(['h-song000001']);
    expect(highlightIds(index.search('humpb sing'))).toEqual([]);
    expect(index.search('blowh').terms).toEqual(['blowhole']);
  });

  it('a long word with one typo still matches (a swap, a dropped letter); a short one does not', () => {
    const index = indexOf();
    expect(articleIds(index.search('humbpack'))).toEqual(['a-whales0001']);
    expect(highlightIds(index.search('napolen'))).toEqual(['h-emperor001']);
    expect(index.search('napolen').terms).toContain('napoleon');
    // Four letters: no typo allowed ("fgo" is not "fog").
    expect(articleIds(index.search('fgo the'))).toEqual([]);
  });

  it('a word typed right is trusted: its neighbours a typo away are not added', () => {
    // "whale" is a word of the library; "while" is one typo from it and must not be searched.
    const index = indexOf([...fixture.articles, { id: 'a-while000001', title: 'Meanwhile', importedAt: '2024-01-05T10:00:00.000Z', tags: [], text: 'Meanwhile\nWait a while.' }]);
    expect(articleIds(index.search('whale'))).not.toContain('a-while000001');
  });
});

describe('phrases', () => {
  it('a quoted phrase needs its words next to each other; the same words unquoted do not', () => {
    const index = indexOf();
    expect(articleIds(index.search('white whale'))).toEqual(expect.arrayContaining(['a-whales0001', 'a-garden0001']));
    const phrase = index.search('"white whale"', { texts });
    expect(articleIds(phrase)).toEqual(['a-whales0001']);
    expect(highlightIds(phrase)).toEqual(['h-white00001']);
    expect(phrase.articles[0]!.passage).toBeDefined();
  });

  it('a phrase is checked with punctuation and case between its words ignored', () => {
    const results = indexOf().search('"whales SING long complex"', { texts });
    expect(highlightIds(results)).toEqual(['h-song000001']);
  });

  it('a phrase of a note is found in the note', () => {
    const results = indexOf().search('"naive but true"', { texts });
    expect(results.highlights.map((h) => [h.highlightId, h.fields])).toEqual([['h-lait000001', ['note']]]);
  });

  it('without texts to check them, phrase hits are candidates and say so', () => {
    const results = indexOf().search('"white whale"');
    expect(results.phrasesUnchecked).toBe(true);
    expect(articleIds(results)).toEqual(expect.arrayContaining(['a-whales0001', 'a-garden0001']));
  });

  it('phrases are checked the same way when the texts come later (searchAsync)', async () => {
    const slow = {
      articleText: async (...args: Parameters<SearchTexts['articleText']>) => texts.articleText(...args),
      highlightText: async (...args: Parameters<SearchTexts['highlightText']>) => texts.highlightText(...args),
    };
    const results = await indexOf().searchAsync('"white whale"', { texts: slow });
    expect(articleIds(results)).toEqual(['a-whales0001']);
    expect(highlightIds(results)).toEqual(['h-white00001']);
  });

  it('what is removed while a search waits for texts is left out of its results', async () => {
    const index = indexOf();
    const removing = {
      articleText: async (...args: Parameters<SearchTexts['articleText']>) => texts.articleText(...args),
      highlightText: async (...args: Parameters<SearchTexts['highlightText']>) => {
        index.removeArticle('a-whales0001');
        return texts.highlightText(...args);
      },
    };
    const results = await index.searchAsync('"white whale"', { texts: removing });
    expect(articleIds(results)).toEqual([]);
    expect(highlightIds(results)).toEqual([]);
  });
});

describe('filters', () => {
  it('tag:NAME finds the tag and the tags nested in it, never a longer name', () => {
    const index = indexOf();
    expect(highlightIds(index.search('tag:sea')).sort()).toEqual(['h-song000001', 'h-white00001']);
    expect(highlightIds(index.search('tag:sea/whales'))).toEqual(['h-song000001']);
    expect(highlightIds(index.search('tag:se'))).toEqual([]);
    expect(highlightIds(index.search('tag:SEA song'))).toEqual(['h-song000001']);
    // Article tags nest the same way.
    expect(articleIds(index.search('tag:food'))).toEqual(['a-cafe000001']);
    expect(highlightIds(index.search('tag:food'))).toEqual(['h-lait000001']);
  });

  it('color: keeps highlights of that colour (any of several), and no articles', () => {
    const index = indexOf();
    expect(highlightIds(index.search('color:yellow')).sort()).toEqual(['h-lait000001', 'h-song000001']);
    expect(highlightIds(index.search('color:yellow color:blue')).sort()).toEqual(['h-lait000001', 'h-song000001', 'h-white00001']);
    expect(highlightIds(index.search('color:blue whale'))).toEqual(['h-white00001']);
    expect(articleIds(index.search('color:blue whale'))).toEqual([]);
  });

  it('has:note keeps highlights with a note', () => {
    expect(highlightIds(indexOf().search('has:note')).sort()).toEqual(['h-emperor001', 'h-lait000001', 'h-song000001']);
    expect(highlightIds(indexOf().search('has:note whale'))).toEqual(['h-song000001']);
  });

  it('author:NAME keeps articles by that author, and their highlights', () => {
    const index = indexOf();
    expect(articleIds(index.search('author:tolstoy'))).toEqual(['a-borodino01']);
    expect(highlightIds(index.search('author:tolstoy'))).toEqual(['h-emperor001']);
    expect(articleIds(index.search('author:"Leo Tolstoy" battle'))).toEqual(['a-borodino01']);
    expect(articleIds(index.search('author:groult whale'))).toEqual(['a-whales0001']);
    expect(articleIds(index.search('author:martin napoleon'))).toEqual([]);
  });

  it('filters alone list what they match, newest first', () => {
    const results = indexOf().search('tag:sea');
    expect(highlightIds(results)).toEqual(['h-white00001', 'h-song000001']);
    expect(results.total.highlights).toBe(2);
    expect(results.highlights[0]!.fields).toEqual([]);
  });

  it('an unknown key:value, or a value a filter does not know, is searched as words', () => {
    const index = indexOf();
    expect(articleIds(index.search('foo:whale'))).toEqual([]); // "foo" is nowhere
    expect(articleIds(index.search('notebook:whale'))).toEqual(['a-whales0001']);
    // "white" is no colour: color:white is the words "color" (nowhere) and "white".
    expect(index.search('color:white').terms).toEqual([]);
    expect(highlightIds(index.search('the:white')).sort()).toEqual(['h-roses00001', 'h-white00001']);
  });
});

describe('changes', () => {
  it('a new version of an article replaces its text and fields; its highlights stay', () => {
    const index = indexOf();
    const [first] = fixture.articles;
    index.setArticle({ ...first!, title: 'Notes from the ferry', text: 'Notes from the ferry\nGulls followed the ferry all the way to the island.' });
    expect(articleIds(index.search('blowhole'))).toEqual([]);
    expect(articleIds(index.search('watcher'))).toEqual([]);
    expect(articleIds(index.search('gulls'))).toEqual(['a-whales0001']);
    expect(highlightIds(index.search('humpback'))).toEqual(['h-song000001']);
  });

  it('a removed highlight is no longer found; a changed one is found by its new note only', () => {
    const index = indexOf();
    index.removeHighlight('a-whales0001', 'h-white00001');
    expect(highlightIds(index.search('surfaced'))).toEqual([]);
    expect(highlightIds(index.search('color:blue'))).toEqual([]);
    const song = fixture.highlights[0]!;
    index.setHighlight({ ...song, note: 'Sounds like a cello.', color: 'purple', tags: [] });
    expect(highlightIds(index.search('bird'))).toEqual([]);
    expect(index.search('cello').highlights).toEqual([expect.objectContaining({ highlightId: 'h-song000001', color: 'purple', tags: [] })]);
    expect(highlightIds(index.search('tag:sea'))).toEqual([]);
  });

  it('removing an article removes its highlights', () => {
    const index = indexOf();
    index.removeArticle('a-borodino01');
    expect(articleIds(index.search('borodino'))).toEqual([]);
    expect(highlightIds(index.search('emperor'))).toEqual([]);
    expect(highlightIds(index.search('tag:war'))).toEqual([]);
    expect(index.stats).toMatchObject({ articles: 3, highlights: 4 });
  });

  it('a highlight may arrive before its article', () => {
    const index = SearchIndex.empty();
    index.setHighlight(fixture.highlights[2]!);
    expect(highlightIds(index.search('emperor'))).toEqual(['h-emperor001']);
    index.setArticle(fixture.articles[1]!);
    expect(articleIds(index.search('borodino'))).toEqual(['a-borodino01']);
    expect(highlightIds(index.search('emperor'))).toEqual(['h-emperor001']);
  });

  it('ids and tags named like Object.prototype members are ordinary strings', () => {
    const index = SearchIndex.empty();
    index.setArticle({ id: '__proto__', title: 'constructor', importedAt: '2024-01-01T00:00:00.000Z', tags: ['hasOwnProperty'], text: 'constructor\ntoString valueOf' });
    const highlight = { ...fixture.highlights[0]!, id: 'constructor', articleId: '__proto__', tags: ['__proto__', 'constructor/prototype'] };
    index.setHighlight(highlight);
    const reopened = SearchIndex.fromJSON(JSON.parse(JSON.stringify(index)));
    for (const i of [index, reopened]) {
      expect(articleIds(i.search('valueof'))).toEqual(['__proto__']);
      expect(highlightIds(i.search('tag:__proto__'))).toEqual(['constructor']);
      expect(highlightIds(i.search('tag:constructor'))).toEqual(['constructor']);
      expect(articleIds(i.search('tag:hasownproperty'))).toEqual(['__proto__']);
    }
  });
});

describe('JSON', () => {
  const QUERIES = ['whale', 'white whale', '"white whale"', 'humpb', 'napolen', 'tag:sea', 'color:yellow', 'has:note whale', 'author:tolstoy', 'benoite', 'cafe'];

  it('a round trip through JSON gives the same results', () => {
    const index = indexOf();
    const reopened = SearchIndex.fromJSON(JSON.parse(JSON.stringify(index)));
    for (const query of QUERIES) expect(reopened.search(query, { texts }), query).toEqual(index.search(query, { texts }));
  });

  it('what was changed before writing stays changed; what is added after reopening is found', () => {
    const index = indexOf();
    index.removeHighlight('a-whales0001', 'h-white00001');
    index.setArticle({ ...fixture.articles[2]!, text: 'A Small Garden\nOnly moss now.' });
    const json = index.toJSON();
    expect(json).toMatchObject({ version: 1, engine: 'flexsearch' });
    const reopened = SearchIndex.fromJSON(JSON.parse(JSON.stringify(json)));
    expect(highlightIds(reopened.search('surfaced'))).toEqual([]);
    expect(articleIds(reopened.search('roses'))).toEqual([]);
    expect(articleIds(reopened.search('moss'))).toEqual(['a-garden0001']);
    expect(reopened.stats.deadDocuments).toBe(0);
    reopened.setHighlight({ ...fixture.highlights[1]!, note: 'Back again, with a walrus.' });
    expect(highlightIds(reopened.search('walrus'))).toEqual(['h-white00001']);
    expect(highlightIds(reopened.search('surfaced'))).toEqual(['h-white00001']);
    reopened.setArticle({ ...fixture.articles[2]!, text: 'A Small Garden\nOnly moss now, and a snail.' });
    expect(articleIds(reopened.search('snail'))).toEqual(['a-garden0001']);
    expect(reopened.search('moss').articles).toHaveLength(1);
  });

  it('highlights read back from JSON can be changed and removed', () => {
    const reopened = SearchIndex.fromJSON(JSON.parse(JSON.stringify(indexOf())));
    reopened.setHighlight({ ...fixture.highlights[0]!, note: 'Sounds like a cello.' });
    expect(highlightIds(reopened.search('bird'))).toEqual([]);
    expect(highlightIds(reopened.search('cello'))).toEqual(['h-song000001']);
    reopened.removeHighlight('a-borodino01', 'h-emperor001');
    expect(highlightIds(reopened.search('restless'))).toEqual([]);
    reopened.removeArticle('a-cafe000001');
    expect(highlightIds(reopened.search('lait'))).toEqual([]);
    expect(reopened.stats).toMatchObject({ articles: 3, highlights: 3 });
  });

  it('an index of another version, engine or rules is refused with a clear error', () => {
    const json = indexOf().toJSON();
    for (const [change, message] of [
      [{ version: 2 }, /version is 2/],
      [{ version: undefined }, /version/],
      [{ engine: 'minisearch' }, /minisearch/],
      [{ rules: 'fold-0' }, /other rules/],
    ] as const) {
      expect(() => SearchIndex.fromJSON({ ...json, ...change }), JSON.stringify(change)).toThrow(DamagedSearchIndexError);
      expect(() => SearchIndex.fromJSON({ ...json, ...change })).toThrow(message);
    }
  });

  it('a damaged index is refused with a clear error, never half read', () => {
    const json = () => JSON.parse(JSON.stringify(indexOf().toJSON()));
    const damage: [string, (j: ReturnType<typeof json>) => unknown][] = [
      ['not an object', () => 'index'],
      ['null', () => null],
      ['articles missing', (j) => ({ ...j, articles: undefined })],
      ['a title missing', (j) => (j.articles.titles.pop(), j)],
      ['a highlight of no article', (j) => ((j.highlights.articles[0] = 99), j)],
      ['a colour out of range', (j) => ((j.highlights.colors = '9' + j.highlights.colors.slice(1)), j)],
      ['an unknown document kind', (j) => ((j.documents.kinds = 'x' + j.documents.kinds.slice(1)), j)],
      ['an owner out of range', (j) => ((j.documents.owners[0] = -1), j)],
      ['a passage range cut', (j) => (j.documents.ranges.pop(), j)],
      ['words out of order', (j) => (j.words.reverse(), j)],
      ['a posting list missing', (j) => (j.postings.pop(), j)],
      ['a tag that is not text', (j) => ((j.highlights.tags[0] = [42]), j)],
    ];
    for (const [what, spoil] of damage) expect(() => SearchIndex.fromJSON(spoil(json())), what).toThrow(DamagedSearchIndexError);
  });

  it('a damaged posting list is found when first read, as the same error', () => {
    const json = indexOf().toJSON();
    const at = json.words.indexOf('humpback');
    json.postings[at] = '!!';
    const index = SearchIndex.fromJSON(JSON.parse(JSON.stringify(json)));
    expect(() => index.search('humpback')).toThrow(DamagedSearchIndexError);
    const outOfRange = indexOf().toJSON();
    outOfRange.postings[outOfRange.words.indexOf('humpback')] = '1v'; // one document, number 31: there are fewer
    expect(() => SearchIndex.fromJSON(outOfRange).search('humpback')).toThrow(/past its documents/);
  });
});
