import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { page as servePage, redirect, startPageServer, status, type PageServer } from '../support/page-server.js';
import { closeReader, startReader, type ReaderSession } from './harness.js';

let reader: ReaderSession;
let page: Page;
let server: PageServer;

beforeEach(async () => {
  server = await startPageServer();
  server.route('/old', redirect(302, '/articles/pictures.html'));
  server.route('/articles/pictures.html', servePage(await readFile(new URL('../fixtures/import-address/remote-pictures.html', import.meta.url)), 'text/html; charset=utf-8'));
  server.route('/gone', status(404));
  reader = await startReader();
  page = reader.page;
  await page.goto(reader.url);
  await page.waitForFunction(() => document.title.startsWith('Putin'));
});

afterEach(async () => {
  await closeReader(reader);
  await server.close();
});

const dialog = () => page.getByRole('dialog', { name: 'Import from address' });
const IMPORTED_TITLE = 'A Page Full of Pictures — Marginalia';

/** The page imported from the server is open, and nothing was asked of the server after `before` but it (not its pictures). */
async function expectImportedAndOpen(before: string[] = []): Promise<void> {
  await page.waitForFunction((title) => document.title === title, IMPORTED_TITLE, { timeout: 20_000 });
  await page.locator('.notice', { hasText: `Redirected: ${server.url('/old')} → ${server.url('/articles/pictures.html')}. Imported "A Page Full of Pictures".` }).waitFor();
  expect(await page.locator('#reader').textContent()).toContain('Words are all that should arrive');
  // Main fetched the address and its redirect; nothing the page points at was asked for, by main or by the page.
  expect(server.requests.map((r) => r.path)).toEqual([...before, '/old', '/articles/pictures.html']);
  expect(reader.log.foreignRequests).toEqual([]);
}

describe('import from address', () => {
  test('the dialog fetches the address typed, shows the redirect and opens the article; a 404 is said in one line in the dialog', async () => {
    await page.getByRole('button', { name: 'Import from address…' }).click();
    await dialog().waitFor();
    await dialog().getByLabel('Web address').fill(server.url('/gone'));
    await dialog().getByRole('button', { name: 'Import' }).click();
    const status = dialog().getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/answered 404 Not Found/);
    expect(await status.getAttribute('class')).toContain('is-error');
    expect(await dialog().isVisible()).toBe(true);

    await dialog().getByLabel('Web address').fill('ftp://127.0.0.1/book.txt');
    await dialog().getByLabel('Web address').press('Enter');
    expect(await status.textContent()).toBe('Only http:// and https:// addresses can be imported, not ftp: ones.');

    await dialog().getByLabel('Web address').fill(server.url('/old'));
    await dialog().getByLabel('Web address').press('Enter');
    await expectImportedAndOpen(['/gone']);
    expect(await dialog().isVisible()).toBe(false);
    const listed = await reader.call<{ title: string; source: { kind: string; url?: string } }[]>('listArticles');
    expect(listed.find((a) => a.title === 'A Page Full of Pictures')?.source).toMatchObject({ kind: 'address', url: server.url('/old') });
  });

  test('Ctrl+Shift+O opens the dialog', async () => {
    await page.locator('#reader-scroll').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+Shift+O');
    await dialog().waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-address-url');
  });

  test('a link pasted into the library is fetched and opened; pasted into the library filter, it is only text', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: reader.origin });
    await page.evaluate((text) => navigator.clipboard.writeText(text), server.url('/old'));
    // In the filter field, a paste is typing.
    await page.locator('#library-filter').click();
    await page.keyboard.press('Control+V');
    expect(await page.locator('#library-filter').inputValue()).toBe(server.url('/old'));
    expect(server.requests).toEqual([]);
    await page.locator('#library-filter').fill('');

    // On an article of the library, it is an import.
    await page.locator('#library .library-item').first().focus();
    await page.keyboard.press('Control+V');
    await expectImportedAndOpen();
  });
});
