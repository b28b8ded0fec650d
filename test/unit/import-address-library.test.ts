import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFromAddress } from '../../main/core/fetch/index.js';
import type { Library } from '../../main/core/index.js';
import { MarginaliaError } from '../../shared/contract/errors.js';
import { utf16 } from '../../shared/offsets.js';
import { openTestLibrary } from '../support/library.js';
import { page, redirect, startPageServer, unusedPort } from '../support/page-server.js';
import { corpus, tempDir } from '../support/temp.js';

const fixture = (name: string) => readFile(new URL(`../fixtures/import-address/${name}`, import.meta.url));

/** Every href of a link mark in a ProseMirror JSON document. */
function linksOf(node: unknown): string[] {
  const { marks = [], content = [] } = node as { marks?: { type: string; attrs?: { href?: string } }[]; content?: unknown[] };
  return [...marks.filter((m) => m.type === 'link').map((m) => m.attrs?.href ?? ''), ...content.flatMap(linksOf)];
}

async function highlight(library: Library, articleId: string, quote: string) {
  const index = await library.indexOf(articleId);
  const at = index.text.indexOf(quote);
  expect(at).toBeGreaterThanOrEqual(0);
  return library.createHighlight({ articleId, start: index.toCodePoint(utf16(at)), end: index.toCodePoint(utf16(at + quote.length)), color: 'blue', note: 'the opening', tags: [] });
}

describe('importing a page by its address', () => {
  it('keeps the address as the source and resolves the page’s links against where its redirects ended; no picture, style, script or frame is fetched', async () => {
    const library = await openTestLibrary({ dataDir: await tempDir() });
    const server = await startPageServer();
    server.route('/go', redirect(301, '/articles/pictures.html'));
    server.route('/articles/pictures.html', page(await fixture('remote-pictures.html'), 'text/html'));
    const result = await importFromAddress(library, server.url('/go'));

    expect(result.redirects).toEqual([server.url('/articles/pictures.html')]);
    expect(result.summary).toMatchObject({ title: 'A Page Full of Pictures', source: { kind: 'address', url: server.url('/go'), name: 'pictures.html' } });
    const { article } = await library.getArticle(result.summary.id);
    expect(linksOf(article.document)).toEqual([server.url('/articles/notes/about.html')]);
    const text = await library.textOf(result.summary.id);
    expect(text).toContain('Words are all that should arrive');
    // The server saw the address and its redirect, and nothing the page points at.
    expect(server.requests.map((r) => r.path)).toEqual(['/go', '/articles/pictures.html']);
  });

  it('decodes a Shift_JIS page by the charset its header names (the page declares none)', async () => {
    const library = await openTestLibrary({ dataDir: await tempDir() });
    const server = await startPageServer();
    server.route('/neko.html', page(await fixture('shift-jis.html'), 'text/html; charset=Shift_JIS'));
    const result = await importFromAddress(library, server.url('/neko.html'));
    expect(result.summary.title).toBe('吾輩は猫である');
    expect(await library.textOf(result.summary.id)).toContain('吾輩は猫である。名前はまだ無い。');
    expect(result.warnings).toEqual([]);
  });

  it('decodes a Windows-1252 text by its header, where a text file would be read as UTF-8 with � for the bad bytes', async () => {
    const library = await openTestLibrary({ dataDir: await tempDir() });
    const server = await startPageServer();
    const bytes = await fixture('windows-1252.txt');
    server.route('/cafe.txt', page(bytes, 'text/plain; charset=windows-1252'));
    const fetched = await importFromAddress(library, server.url('/cafe.txt'));
    expect(await library.textOf(fetched.summary.id)).toContain('The “café” on the corner served a naïve crème brûlée — or so the menu said.');
    // The same bytes as a file (no header) are not guessed: that is what the header changed.
    const asFile = await library.importFile({ fileName: 'cafe-file.txt', bytes });
    expect(await library.textOf(asFile.summary.id)).toContain('The �caf� on the corner served a na�ve');
  });

  it('writes nothing when the address cannot be reached', async () => {
    const dataDir = await tempDir();
    const library = await openTestLibrary({ dataDir });
    const before = await library.listArticles();
    const articlesBefore = await readdir(join(dataDir, 'articles')).catch(() => []);
    const port = await unusedPort();
    const error = await importFromAddress(library, `http://127.0.0.1:${port}/article.html`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarginaliaError);
    expect((error as MarginaliaError).message).toBe(`Could not reach 127.0.0.1:${port}: the connection was refused (nothing answers at that address). Nothing was imported.`);
    expect(await library.listArticles()).toEqual(before);
    expect(await readdir(join(dataDir, 'articles')).catch(() => [])).toEqual(articlesBefore);
  });

  it('makes version 2 of the article when the same address is imported after the page changed, its highlight moved with its passage', async () => {
    const library = await openTestLibrary({ dataDir: await tempDir() });
    const server = await startPageServer();
    const first = await readFile(corpus('books/moby-dick.html'), 'utf8');
    const added = 'A note from the editors: this chapter was set again from the first American edition.';
    const second = first.replace('<p>\n      Call me Ishmael.', `<p>${added}</p>\n<p>\n      Call me Ishmael.`);
    expect(second).not.toBe(first);
    let served = first;
    server.route('/moby-dick', (_request, response) => void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(served));

    const v1 = await importFromAddress(library, server.url('/moby-dick'));
    const id = v1.summary.id;
    const quote = 'Call me Ishmael. Some years ago';
    const made = await highlight(library, id, quote);
    served = second;
    const v2 = await importFromAddress(library, server.url('/moby-dick'));

    expect(v2.summary.id).toBe(id);
    expect(v2.newVersion).toEqual({ version: 2, anchored: 1, orphaned: 0, unchanged: false });
    expect((await library.listArticles()).map((a) => a.id)).toEqual([id]);
    const [moved] = (await library.getArticle(id)).highlights;
    const index = await library.indexOf(id);
    expect(index.text).toContain(added);
    // Moved by the paragraph put before it (its text and the break after it), and still on its words.
    expect(moved!.target.position.start).toBe(made.target.position.start + [...added].length + 1);
    expect(moved!.orphaned).toBeUndefined();
    expect(index.text.slice(index.toUtf16(moved!.target.position.start), index.toUtf16(moved!.target.position.end))).toBe(quote);
  });

  it('imports an EPUB book by its address (trees.epub, served as application/epub+zip)', async () => {
    const library = await openTestLibrary({ dataDir: await tempDir() });
    const server = await startPageServer();
    server.route('/books/trees', page(await readFile(corpus('epub/trees.epub')), 'application/epub+zip'));
    const result = await importFromAddress(library, server.url('/books/trees'));
    expect(result.summary.source).toMatchObject({ kind: 'address', name: 'trees.epub', url: server.url('/books/trees') });
    expect(result.summary.title).toMatch(/Trees/i);
    expect((await library.textOf(result.summary.id)).length).toBeGreaterThan(1000);
  });
});
