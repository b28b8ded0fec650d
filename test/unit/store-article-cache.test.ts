import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import { TextIndex } from '../../shared/anchoring/index.js';
import { utf16 } from '../../shared/offsets.js';
import { CachedReads } from '../../main/core/store/cached-reads.js';
import type { Layout } from '../../main/core/store/layout.js';
import type { RepairContext } from '../../main/core/store/repair.js';
import { openTestLibrary } from '../support/library.js';
import { corpus, tempDir } from '../support/temp.js';
import { layoutOf } from '../support/store-layout.js';

/** Healthy files need no repair: a read that asks for one (backups, the log, the lock) fails the test. */
const noRepairs = (layout: Layout): RepairContext =>
  new Proxy({ layout } as RepairContext, {
    get: (target, name) => {
      if (name === 'layout') return target.layout;
      throw new Error(`a repair was asked for (${String(name)})`);
    },
  });

describe('the articles the store keeps parsed in memory', () => {
  it('stay within their budget, the least recently read giving way; one larger than the budget is kept alone while in use; every read is the file on disk', async () => {
    const dataDir = await tempDir();
    const library = await openTestLibrary({ dataDir });
    const ids: string[] = [];
    for (const book of ['moby-dick.txt', 'pride-and-prejudice.txt', 'war-and-peace.txt']) {
      ids.push((await library.importFile({ fileName: book, bytes: readFileSync(corpus(`books/${book}`)) })).summary.id);
    }
    const layout = layoutOf(dataDir);
    const size = (id: string) => statSync(layout.article(id)).size;
    const [moby, pride, war] = ids as [string, string, string];
    // Room for Moby Dick and Pride and Prejudice together, not for War and Peace.
    const budget = size(moby) + size(pride) + 1024;
    expect(size(war)).toBeGreaterThan(budget);
    const reads = new CachedReads(layout, noRepairs(layout), budget);
    const onDisk = async (id: string) => (await library.getArticle(id)).article;

    expect(await reads.article(moby, false)).toEqual(await onDisk(moby));
    expect(await reads.article(pride, false)).toEqual(await onDisk(pride));
    expect(reads.cachedArticleBytes).toBe(size(moby) + size(pride));
    // War and Peace is larger than the whole budget: kept alone, as the article in use, and read once.
    expect(await reads.article(war, false)).toEqual(await onDisk(war));
    expect(reads.cachedArticleBytes).toBe(size(war));
    expect(await reads.article(war, false)).toBe(await reads.article(war, false));
    await reads.article(pride, false);
    expect(reads.cachedArticleBytes).toBe(size(pride));

    // Pride and Prejudice, then Moby Dick read again, the most recent; a third article the size of Pride and Prejudice
    // (its text with the Gutenberg header's names changed, so that it is not a new version of it) pushes out Pride and
    // Prejudice, the oldest.
    await reads.article(moby, false);
    expect(reads.cachedArticleBytes).toBe(size(moby) + size(pride));
    const text = readFileSync(corpus('books/pride-and-prejudice.txt'), 'utf8').replace('Title:', 'Name: ').replace('Author:', 'Writer:');
    const third = (await library.importFile({ fileName: 'a-copy.txt', bytes: Buffer.from(text) })).summary.id;
    expect(new Set(ids).has(third)).toBe(false);
    expect(await reads.article(third, false)).toEqual(await onDisk(third));
    expect(reads.cachedArticleBytes).toBe(size(moby) + size(third));
    expect(reads.cachedArticleBytes).toBeLessThanOrEqual(budget);
    expect(await reads.article(pride, false)).toEqual(await onDisk(pride));
    expect(reads.cachedArticleBytes).toBeLessThanOrEqual(budget);
  }, 60_000);
});

describe('the article texts a library keeps for anchoring', () => {
  it('are derived again when one read long ago is highlighted: ten articles, then the first once more, each on its own words', async () => {
    const library = await openTestLibrary({ dataDir: await tempDir() });
    const articles: { id: string; word: string }[] = [];
    for (let n = 0; n < 10; n++) {
      const word = `Passage${n}`;
      const { summary } = await library.importFile({ fileName: `article-${n}.txt`, bytes: Buffer.from(`Article number ${n}\n\nSome text, then ${word} and more text after it.\n`) });
      articles.push({ id: summary.id, word });
    }
    const highlightWord = async ({ id, word }: { id: string; word: string }) => {
      const { article } = await library.getArticle(id);
      const text = articleText(documentFromJSON(article.document)).text;
      const at = text.indexOf(word);
      const index = new TextIndex(text);
      return library.createHighlight({ articleId: id, start: index.toCodePoint(utf16(at)), end: index.toCodePoint(utf16(at + word.length)), color: 'yellow' });
    };
    for (const article of articles) expect((await highlightWord(article)).target.quote.exact).toBe(article.word);
    const again = await highlightWord(articles[0]!);
    expect(again.target.quote.exact).toBe('Passage0');
    expect((await library.getArticle(articles[0]!.id)).highlights.map((h) => h.target.quote.exact)).toEqual(['Passage0', 'Passage0']);
  });
});
