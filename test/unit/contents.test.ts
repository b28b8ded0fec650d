import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { documentFromJSON } from '../../shared/article-schema.js';
import { contentsOf, sectionAt } from '../../renderer/sidebar/contents.js';
import { openTestLibrary } from '../support/library.js';
import { corpus, tempDir } from '../support/temp.js';

async function contentsOfBook(name: string) {
  const library = await openTestLibrary({ dataDir: await tempDir() });
  const { summary } = await library.importFile({ fileName: name, bytes: await readFile(corpus(`books/${name}`)) });
  return contentsOf(documentFromJSON((await library.getArticle(summary.id)).article.document));
}

describe('the contents of an article', () => {
  it('lists Pride and Prejudice’s preface and 61 chapters, in order', async () => {
    const entries = await contentsOfBook('pride-and-prejudice.txt');
    const chapters = entries.filter((e) => /^Chapter\b/i.test(e.text));
    expect(chapters).toHaveLength(61);
    expect(entries.length).toBe(62);
    expect(entries.map((e) => e.pos)).toEqual([...entries.map((e) => e.pos)].sort((a, b) => a - b));
  });

  it('nests War and Peace’s chapters under its books and epilogues', async () => {
    const entries = await contentsOfBook('war-and-peace.txt');
    const books = entries.filter((e) => e.level === 2);
    expect(books.map((e) => e.text.split(':')[0])).toEqual(expect.arrayContaining(['BOOK ONE', 'BOOK FIFTEEN', 'FIRST EPILOGUE', 'SECOND EPILOGUE']));
    expect(books).toHaveLength(17);
    expect(entries.filter((e) => e.level === 3)).toHaveLength(365);
  });

  it('finds the section a place is in: the last heading at or before it', () => {
    const entries = [2, 10, 30].map((pos, i) => ({ level: 3, text: `Chapter ${i + 1}`, pos }));
    expect([0, 2, 9, 10, 29, 31].map((pos) => sectionAt(entries, pos))).toEqual([-1, 0, 0, 1, 1, 2]);
  });
});
