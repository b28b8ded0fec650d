import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { documentFromJSON } from '../../shared/article-schema.js';
import { anchorPosition } from '../../renderer/reader/anchors.js';
import { openTestLibrary } from '../support/library.js';
import { corpus, tempDir } from '../support/temp.js';

describe('links of an article to its own parts', () => {
  it('keep where Pride and Prejudice’s contents go: every chapter link finds its chapter', async () => {
    const library = await openTestLibrary({ dataDir: await tempDir() });
    const { summary } = await library.importFile({ fileName: 'pride-and-prejudice.html', bytes: await readFile(corpus('books/pride-and-prejudice.html')) });
    const doc = documentFromJSON((await library.getArticle(summary.id)).article.document);
    const links: string[] = [];
    doc.descendants((node) => {
      for (const mark of node.marks) if (mark.type.name === 'link' && String(mark.attrs.href).startsWith('#')) links.push(String(mark.attrs.href));
    });
    const chapters = [...new Set(links)].filter((href) => /chapter/i.test(href));
    expect(chapters.length).toBeGreaterThanOrEqual(61);
    const positions = chapters.map((href) => anchorPosition(doc, href));
    expect(positions.every((pos) => pos !== null)).toBe(true);
    // In the order of the contents, each further into the book.
    expect(positions).toEqual([...positions].sort((a, b) => a! - b!));
    // Chapter XI's title is a picture: the link goes to its first words (as the plain-text book has them after "CHAPTER XI.").
    const eleven = anchorPosition(doc, '#CHAPTER_XI')!;
    expect(doc.textBetween(eleven, eleven + 300, '\n')).toMatch(/^W ?HEN the ladies removed after dinner/);
  });

  it('a link to a part that is not in the article finds nothing', async () => {
    const library = await openTestLibrary({ dataDir: await tempDir() });
    const html = '<html><body><article><h1>T</h1><p><a href="#gone">there</a></p><p id="here">Here.</p><p>' + 'Words. '.repeat(80) + '</p></article></body></html>';
    const { summary } = await library.importFile({ fileName: 't.html', bytes: Buffer.from(html) });
    const doc = documentFromJSON((await library.getArticle(summary.id)).article.document);
    expect(anchorPosition(doc, '#gone')).toBeNull();
  });
});
