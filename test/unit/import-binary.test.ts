import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../main/core/import/decode.js';
import { declaredCharset } from '../../main/core/import/html/charset.js';
import { importContent } from '../../main/core/import/index.js';
import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import { corpus, SAMPLE_ARTICLE } from '../support/temp.js';

const FIXTURES = new URL('../fixtures/import/binary/', import.meta.url).pathname;
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

/** Decodes a page as importContent does for .html files (declared charset, windows-1252 for legacy pages). */
const decodePage = (name: string, bytes: Uint8Array) =>
  decodeText(bytes, name, { declared: declaredCharset(bytes), invalidUtf8: 'windows-1252' });

describe('binary content is refused after decoding too', () => {
  it.each([
    ['utf32le-bom-binary.txt', 'behind a UTF-32 byte-order mark (FF FE 00 00)', 'it looks like binary data'],
    ['utf16be-bom-binary.txt', 'behind a UTF-16 BE byte-order mark', 'it looks like binary data'],
    ['no-valid-utf8.txt', 'with no valid UTF-8 in it', 'most of it is not readable as UTF-8'],
  ])('%s: a binary file %s is refused in one line, as text, page or Markdown', (name, _, why) => {
    for (const fileName of [name, name.replace('.txt', '.html'), name.replace('.txt', '.md')]) {
      expect(() => importContent(fileName, fixture(name))).toThrow(
        expect.objectContaining({ code: 'binary-file', message: `${fileName} is not a text file (${why}).` }),
      );
    }
  });

  it('real text still imports: the sample, every book, UTF-16 with a byte-order mark, a windows-1252 page', () => {
    const files = [
      ['putin-obama-syria.txt', SAMPLE_ARTICLE],
      ...readdirSync(corpus('books')).map((name) => [name, corpus(`books/${name}`)]),
      ...['utf16le-bom.txt', 'utf16be-bom.txt', 'legacy-windows-1252.html', 'invalid-utf8.txt', 'nul-and-control-chars.txt'].map((name) => [name, corpus(`hostile/${name}`)]),
    ];
    expect(files.length).toBe(12);
    for (const [name, path] of files) {
      const text = articleText(documentFromJSON(importContent(name!, readFileSync(path!)).document)).text;
      expect(text.length, name).toBeGreaterThan(100);
    }
  });

  it('every Readability and article-extraction page, the Kindle clippings and the CommonMark spec decode without being taken for binary', () => {
    const pages = readdirSync(corpus('readability/test-pages')).map((name) => [name, readFileSync(corpus(`readability/test-pages/${name}/source.html`))] as const);
    const extraction = readdirSync(corpus('article-extraction/html')).map((name) => [name, gunzipSync(readFileSync(corpus(`article-extraction/html/${name}`)))] as const);
    expect(pages.length + extraction.length).toBe(130 + 141);
    for (const [name, bytes] of [...pages, ...extraction]) expect(decodePage(`${name}.html`, bytes).text.length, name).toBeGreaterThan(0);
    expect(decodeText(readFileSync(corpus('clippings/kindle-my-clippings.txt')), 'My Clippings.txt').warnings).toEqual([]);
    expect(decodeText(readFileSync(corpus('commonmark/spec.json')), 'spec.md').warnings).toEqual([]);
  });
});
