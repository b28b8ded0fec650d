import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SearchIndex, snippet, type ArticleToIndex, type SearchTexts } from '../../main/core/search/index.js';
import { TextIndex } from '../../shared/anchoring/index.js';
import { corpus } from '../support/temp.js';

/**
 * Search over real text: the first chapters of War and Peace (CRLF, a byte
 * order mark, curly quotes and accented names: "Anna Pávlovna"), each as an
 * article of the plain text the importer would make of it.
 */
function chapters(count: number): ArticleToIndex[] {
  const book = readFileSync(corpus('books/war-and-peace.txt'), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const parts = book.slice(book.indexOf('BOOK ONE: 1805')).split(/^(CHAPTER [IVXLC]+)$/m);
  return Array.from({ length: count }, (_, i) => {
    const title = `War and Peace, ${parts[1 + 2 * i]}`;
    const paragraphs = parts[2 + 2 * i]!.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
    return { id: `a-wp${i}`, title, byline: 'Leo Tolstoy', importedAt: '2024-01-01T00:00:00.000Z', tags: [], text: [title, ...paragraphs].join('\n') };
  });
}

const articles = chapters(5);
const index = SearchIndex.empty();
for (const article of articles) index.setArticle(article);

const texts: SearchTexts = {
  articleText(articleId, start, end) {
    const article = articles.find((a) => a.id === articleId)!;
    const at = new TextIndex(article.text);
    return article.text.slice(at.toUtf16(start), at.toUtf16(end));
  },
  highlightText: () => undefined,
};

/** The text of a hit's passage. */
const passageText = (articleId: string, passage: { start: number; end: number }) => [...articles.find((a) => a.id === articleId)!.text].slice(passage.start, passage.end).join('');

describe('searching a chapter of War and Peace', () => {
  it('finds an accented name typed without its accent, in the passage that holds it', () => {
    const results = index.search('anna pavlovna');
    expect(results.articles[0]!.articleId).toBe('a-wp0');
    const passage = passageText('a-wp0', results.articles[0]!.passage!);
    expect(passage).toContain('Anna Pávlovna');
    const s = snippet(passage, results.terms, 60);
    expect(s.marks.map(([a, b]) => s.text.slice(a, b))).toEqual(expect.arrayContaining(['Anna', 'Pávlovna']));
  });

  it('finds a phrase across curly quotes and commas, and only where its words are in order', () => {
    const results = index.search('"Well, Prince, so Genoa and Lucca"', { texts });
    expect(results.articles.map((a) => a.articleId)).toEqual(['a-wp0']);
    expect(passageText('a-wp0', results.articles[0]!.passage!)).toContain('“Well, Prince, so Genoa and Lucca');
    expect(index.search('"Lucca and Genoa"', { texts }).articles).toEqual([]);
  });

  it('finds the last words of a chapter in its last passage', () => {
    const last = articles[2]!;
    const lastWords = last.text.match(/[\p{L}]+/gu)!.slice(-6).join(' ');
    const hit = index.search(`"${lastWords}"`, { texts }).articles.find((a) => a.articleId === last.id)!;
    expect(hit.passage!.end).toBe([...last.text].length);
  });

  it('reads back from JSON with the same answers', () => {
    const reopened = SearchIndex.fromJSON(JSON.parse(JSON.stringify(index)));
    for (const query of ['anna pavlovna', 'pierre', 'viscount', 'prince vasili', 'pavlvna', '"so Genoa and Lucca"', 'author:tolstoy hussar']) {
      expect(reopened.search(query, { texts }), query).toEqual(index.search(query, { texts }));
    }
  });
});
