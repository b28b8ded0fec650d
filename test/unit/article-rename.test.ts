import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { codePoints } from '../../shared/offsets.js';
import { openTestLibrary } from '../support/library.js';
import { corpus, tempDir } from '../support/temp.js';

describe("an article's title, renamed by the reader", () => {
  it('is listed, opened, exported and kept after reopening, and a new version of the article keeps it', async () => {
    const dataDir = await tempDir();
    const library = await openTestLibrary({ dataDir });
    const path = join(dataDir, 'pride.txt');
    const text = await readFile(corpus('books/pride-and-prejudice.txt'), 'utf8');
    const { summary } = await library.importFile({ fileName: 'pride.txt', bytes: Buffer.from(text), path });
    await library.createHighlight({ articleId: summary.id, start: codePoints(2000), end: codePoints(2040), color: 'green', note: 'kept' });

    const renamed = await library.renameArticle(summary.id, '  Pride   and Prejudice (my copy) ');
    expect(renamed).toMatchObject({ id: summary.id, title: 'Pride and Prejudice (my copy)', highlightCount: 1 });
    expect((await library.listArticles())[0]!.title).toBe('Pride and Prejudice (my copy)');
    expect((await library.getArticle(summary.id)).article.title).toBe('Pride and Prejudice (my copy)');
    expect((await library.exportMarkdown(summary.id)).markdown).toContain('Pride and Prejudice (my copy)');

    // The same file, edited, imported again: a new version, under the reader's title, its highlight moved.
    const edited = text.replace('It is a truth universally acknowledged', 'It is a truth widely acknowledged');
    const again = await library.importFile({ fileName: 'pride.txt', bytes: Buffer.from(edited), path });
    expect(again.newVersion).toMatchObject({ version: 2, unchanged: false, anchored: 1 });
    expect(again.summary.title).toBe('Pride and Prejudice (my copy)');
    await library.close();

    const reopened = await openTestLibrary({ dataDir });
    const { article, highlights } = await reopened.getArticle(summary.id);
    expect(article).toMatchObject({ title: 'Pride and Prejudice (my copy)', version: 2, titleSetByReader: true });
    expect(highlights.map((h) => h.note)).toEqual(['kept']);
  });

  it('may not be blank, and a missing article is not found; nothing changes', async () => {
    const library = await openTestLibrary({ dataDir: await tempDir() });
    const { summary } = await library.importFile({ fileName: 'moby.txt', bytes: await readFile(corpus('books/moby-dick.txt')) });
    await expect(library.renameArticle(summary.id, ' \n\t ')).rejects.toMatchObject({ code: 'invalid-request', message: 'An article needs a title.' });
    await expect(library.renameArticle('a-doesnotexist0000', 'Anything')).rejects.toMatchObject({ code: 'not-found' });
    expect((await library.listArticles())[0]!.title).toBe(summary.title);
  });
});
