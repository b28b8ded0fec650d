import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { page, redirect, startPageServer, status, unusedPort } from '../support/page-server.js';
import { corpus, tempDir } from '../support/temp.js';

/** The article folders in a library folder (none when it has no articles/ yet). */
const articleFolders = (dataDir: string) => readdir(join(dataDir, 'articles')).catch(() => []);

describe('cli import URL', () => {
  it('fetches the page, says where it was redirected and what was imported, and prints the article id; the same page again changes nothing', async () => {
    const dataDir = await tempDir();
    const server = await startPageServer();
    server.route('/moby', redirect(301, '/books/moby-dick.html'));
    server.route('/books/moby-dick.html', page(await readFile(corpus('books/moby-dick.html')), 'text/html; charset=utf-8'));

    const first = await runCli(['--data-dir', dataDir, 'import', server.url('/moby')]);
    expect(first.code).toBe(0);
    const id = first.stdout.trim();
    expect(id).toMatch(/^a-[A-Za-z0-9_-]+$/);
    const lines = first.stderr.trim().split('\n');
    expect(lines).toEqual([`Redirected: ${server.url('/moby')} → ${server.url('/books/moby-dick.html')}.`, expect.stringMatching(/^Imported "Moby.*Dick.*"\.$/)]);

    const list = await runCli(['--data-dir', dataDir, 'list', '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject([{ id, source: { kind: 'address', url: server.url('/moby'), name: 'moby-dick.html' } }]);

    const again = await runCli(['--data-dir', dataDir, 'import', server.url('/moby')]);
    expect(again).toMatchObject({ code: 0, stdout: `${id}\n` });
    expect(again.stderr).toMatch(/is already in your library, unchanged\.\n$/);
  });

  it('ends with exit code 1, one line and nothing written when the address cannot be reached', async () => {
    const dataDir = await tempDir();
    const port = await unusedPort();
    const result = await runCli(['--data-dir', dataDir, 'import', `http://127.0.0.1:${port}/essay.html`]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `marginalia import: Could not reach 127.0.0.1:${port}: the connection was refused (nothing answers at that address). Nothing was imported.\n`,
    });
    expect(await articleFolders(dataDir)).toEqual([]);
  });

  it.each([
    ['a 404', '/gone', 'answered 404 Not Found: no page to import'],
    ['a picture', '/photo', 'The address gives image/png, not a page Marginalia can import'],
  ])('refuses %s in one line with exit code 1', async (_name, path, says) => {
    const dataDir = await tempDir();
    const server = await startPageServer();
    server.route('/gone', status(404));
    server.route('/photo', page(await readFile(new URL('../fixtures/import/pictures/dot.png', import.meta.url)), 'image/png'));
    const result = await runCli(['--data-dir', dataDir, 'import', server.url(path)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([expect.stringContaining(says)]);
    expect(await articleFolders(dataDir)).toEqual([]);
  });

  it.each(['ftp://127.0.0.1/book.txt', 'javascript:alert(1)', 'file:///etc/hostname'])('refuses %s without fetching anything', async (address) => {
    const dataDir = await tempDir();
    const result = await runCli(['--data-dir', dataDir, 'import', address]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^marginalia import: Only http:\/\/ and https:\/\/ addresses can be imported, not (ftp|javascript|file): ones\.\n$/);
    expect(await articleFolders(dataDir)).toEqual([]);
  });
});
