import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { importContent } from '../../main/core/import/index.js';
import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import { openTestLibrary as openLibrary } from '../support/library.js';
import { corpus, SAMPLE_ARTICLE, tempDir } from '../support/temp.js';

const hostile = (name: string) => readFileSync(corpus(`hostile/${name}`));
const textOf = (fileName: string, bytes: Uint8Array) =>
  articleText(documentFromJSON(importContent(fileName, bytes).document)).text;

describe('plain-text import', () => {
  it('reads the sample article: first line is the title, each line a paragraph, text unchanged', () => {
    const bytes = readFileSync(SAMPLE_ARTICLE);
    const content = importContent('putin-obama-syria.txt', bytes);
    expect(content.title).toBe('Putin Says He And Obama Took Step Forward On Syria');
    const doc = documentFromJSON(content.document);
    expect(doc.childCount).toBe(bytes.toString('utf8').trim().split('\n').length);
    expect(articleText(doc).text).toContain('“candid” and “blunt”');
  });

  it('joins hard-wrapped lines and splits paragraphs at blank lines (Project Gutenberg, CRLF, BOM)', () => {
    const text = '\ufeffA Title\r\n\r\nIt was the best of times,\r\nit was the worst of times.\r\n\r\nSecond paragraph.\r\n';
    const content = importContent('book.txt', new TextEncoder().encode(text));
    expect(content.title).toBe('A Title');
    expect(textOf('book.txt', new TextEncoder().encode(text))).toBe(
      'A Title\nIt was the best of times, it was the worst of times.\nSecond paragraph.',
    );
  });

  it('reads Project Gutenberg books: title from the header, wrapped lines joined, verse keeps its lines', () => {
    const war = importContent('war-and-peace.txt', readFileSync(corpus('books/war-and-peace.txt')));
    expect(war.title).toBe('War and Peace');
    expect(war.metadata?.byline).toBe('Leo Tolstoy'); // the rest of the header: plain-text-structure.test.ts
    const text = articleText(documentFromJSON(war.document)).text;
    expect(text).not.toContain('\r');
    // A hard-wrapped paragraph is one line of article text…
    expect(text).toContain(
      '\n“Well, Prince, so Genoa and Lucca are now just family estates of the Buonapartes. But I warn you, if you don’t tell me that this means war, if you still try',
    );
    // …while the lines of a song stay lines.
    expect(text).toContain('At nighttime in the moon’s fair glow\nHow sweet, as fancies wander free,');

    const moby = importContent('moby-dick.txt', readFileSync(corpus('books/moby-dick.txt')));
    expect(moby.title).toBe('moby dick'); // not the "*** START OF …" marker line, which is left out of the text
    expect(articleText(documentFromJSON(moby.document)).text).toMatch(/^moby dick\nMOBY-DICK;/);
  });

  it.each([
    ['binary-png.txt', 'binary-file', /not a text file/],
    ['empty.txt', 'empty-file', /empty/],
    ['whitespace-only.txt', 'empty-file', /no text/],
    ['whitespace-only-unicode.txt', 'empty-file', /no text/],
    ['svg-onload.svg', 'unsupported-file', /\.svg files are not supported/],
  ])('refuses %s with a clear %s error', (name, code, message) => {
    expect(() => importContent(name, hostile(name))).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }));
  });

  it('decodes UTF-16 LE and BE files by their byte-order mark', () => {
    for (const name of ['utf16le-bom.txt', 'utf16be-bom.txt']) {
      const text = textOf(name, hostile(name));
      expect(text).not.toContain('\u0000');
      expect(text).not.toContain('\ufeff');
      expect(text).toMatch(/[\u4e00-\u9fff]/u); // CJK survived
      expect(text).toMatch(/\p{Extended_Pictographic}/u); // so did the emoji
    }
  });

  it('replaces invalid UTF-8 with U+FFFD, warns, and keeps the readable text', () => {
    const content = importContent('invalid-utf8.txt', hostile('invalid-utf8.txt'));
    expect(content.warnings.join()).toMatch(/not valid UTF-8/);
    const text = articleText(documentFromJSON(content.document)).text;
    expect(text).toContain('SAFE-TEXT-1');
    expect(text).toContain('SAFE-TEXT-2');
    expect(text).toContain('\ufffd');
  });

  it('removes NUL, control characters and terminal escapes but keeps the text', () => {
    const name = 'nul-and-control-chars.txt';
    const text = textOf(name, hostile(name));
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(text).toContain('SAFE-TEXT-1');
  });

  it('refuses a 100 MB file as too large, writing nothing', async () => {
    const dataDir = await tempDir();
    const library = await openLibrary({ dataDir });
    const big = new Uint8Array(100 * 1024 * 1024).fill(0x61);
    await expect(library.importFile({ fileName: 'big.txt', bytes: big })).rejects.toMatchObject({
      code: 'too-large',
      message: /100\.0 MB.*up to 50 MB/,
    });
    expect(await library.listArticles()).toEqual([]);
    expect(await readdir(`${dataDir}/articles`)).toEqual([]);
  });

  it('records the sha256 of the article text as its content hash', async () => {
    const library = await openLibrary({ dataDir: await tempDir() });
    const { summary } = await library.importFile({ fileName: 'sample.txt', bytes: readFileSync(SAMPLE_ARTICLE) });
    const text = textOf('sample.txt', readFileSync(SAMPLE_ARTICLE));
    expect(summary.contentHash).toBe(createHash('sha256').update(text).digest('hex'));
  });
});
