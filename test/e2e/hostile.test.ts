import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ROOT, startReader, type ReaderSession } from './harness.js';
import { toBase64Pieces } from '../../shared/contract/import-request.js';

/**
 * Every hostile file of the corpus, imported through the reader's Import
 * button and opened: nothing runs (`window.__pwned` stays unset, no dialog
 * opens), nothing is fetched, nothing crashes, and what the corpus README
 * asks to keep (the SAFE-TEXT markers) is on the page.
 */
const HOSTILE = join(ROOT, '../shared/corpus/hostile');
const files = readdirSync(HOSTILE).filter((name) => /\.(html|xhtml|md|svg|txt)$/.test(name));
/** The files that are not articles at all (an image, nothing, only spaces) or nest too deep to parse: refused; every other one is imported. */
const REFUSED = ['binary-png.txt', 'deeply-nested-10000.html', 'empty.txt', 'svg-onload.svg', 'whitespace-only-unicode.txt', 'whitespace-only.txt'];
const expected = (name: string) => (REFUSED.includes(name) ? 'refused' : 'imported');

let reader: ReaderSession;
let page: Page;
let dialogs: string[];
let acceptDialogs: boolean;

/** Each test has a reader of its own, over a fresh library holding only the sample article, open. */
beforeEach(async () => {
  dialogs = [];
  acceptDialogs = false;
  reader = await startReader();
  page = reader.page;
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void (acceptDialogs ? dialog.accept() : dialog.dismiss());
  });
  await page.goto(reader.url);
  await page.locator('.article-title').waitFor();
});

afterEach(async () => {
  await reader?.close();
});

async function importThroughButton(name: string): Promise<'imported' | 'refused'> {
  const notices = await page.locator('.notice:not(.notice-progress)').count();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import a file' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer: readFileSync(join(HOSTILE, name)) });
  await expect.poll(() => page.locator('.notice:not(.notice-progress)').count(), { timeout: 15_000 }).toBeGreaterThan(notices);
  return (await page.locator('.notice:not(.notice-progress)').last().getAttribute('class'))?.includes('notice-error') ? 'refused' : 'imported';
}

describe('hostile files in the reader', () => {
  test.each(files.map((name) => [name, expected(name) === 'imported' ? 'imported safely' : 'refused clearly']))('%s: %s; nothing runs, nothing is fetched', async (name) => {
    const outcome = await importThroughButton(name);
    expect(outcome).toBe(expected(name));
    const source = readFileSync(join(HOSTILE, name), 'latin1');
    const markers = [...new Set(source.match(/SAFE-[A-Z-]*\d*/g) ?? [])].filter((m) => /\d$|BLOCK$/.test(m));
    if (outcome === 'imported') {
      const opened = (await reader.call<{ id: string; source: { name: string } }[]>('listArticles')).find((a) => a.source.name === name);
      expect(opened, `${name} is in the library`).toBeDefined();
      await expect.poll(() => page.locator('.library-item[aria-current="true"]').getAttribute('data-article-id')).toBe(opened!.id);
      const text = (await page.locator('.article').textContent()) ?? '';
      // Object fallback text may go (README); the Markdown file's fenced <script> stays, as code to read.
      for (const marker of markers) if (!(name === 'iframe-object-embed.html' && marker === 'SAFE-TEXT-2')) expect(text, `${name}: ${marker}`).toContain(marker);
      expect(await page.locator('.article script, .article iframe, .article object, .article embed, .article form, .article style, .article link').count()).toBe(0);
      expect(await page.locator('.article [style], .article [onload], .article [onerror], .article a[href]').count()).toBe(0);
    } else {
      expect(await page.locator('.notice-error').last().textContent()).toMatch(/\w/);
      expect((await reader.call<{ source: { name: string } }[]>('listArticles')).map((a) => a.source.name)).toEqual(['putin-obama-syria.txt']);
    }
    // Give anything that might run or load a moment to do so.
    await page.mouse.move(300, 300);
    await page.waitForTimeout(150);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(reader.log.foreignRequests).toEqual([]);
    expect(reader.log.pageErrors).toEqual([]);
  });

  test('a link opens only after the reader says yes, and only outside the reader', async () => {
    expect(await importThroughButton('javascript-urls.html')).toBe('imported');
    const article = (await reader.call<{ id: string; source: { name: string } }[]>('listArticles')).find((a) => a.source.name === 'javascript-urls.html')!;
    await page.locator(`.library-item[data-article-id="${article.id}"]`).click();
    const link = page.locator('.article a', { hasText: 'SAFE-LINK' });
    expect(await link.getAttribute('href')).toBeNull();
    expect(await link.getAttribute('data-href')).toBe('https://example.com/ok');
    const url = page.url();

    await link.click(); // answered "no"
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toContain('https://example.com/ok');
    expect(page.url()).toBe(url);

    // "Yes": in browser mode the page opens it in a new tab of its own browser (the
    // Electron shell hands it to the system browser instead). The tab is stopped before it loads.
    const asked: string[] = [];
    await reader.context.route('https://example.com/**', (route) => {
      asked.push(route.request().url());
      return route.abort();
    });
    acceptDialogs = true;
    const popup = reader.context.waitForEvent('page');
    await link.click();
    expect(await popup).not.toBe(page);
    await expect.poll(() => asked).toEqual(['https://example.com/ok']);
    expect(page.url()).toBe(url);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  });

  test('the imports that should succeed did, and the rest were refused, all into one library', async () => {
    for (const name of files) {
      const request = { fileName: name, dataBase64: toBase64Pieces(readFileSync(join(HOSTILE, name))) };
      const outcome = await reader.call('importFile', request).then(() => 'imported', () => 'refused');
      expect(outcome, name).toBe(expected(name));
    }
    const titles = (await reader.call<{ title: string; source: { name: string } }[]>('listArticles')).map((a) => a.source.name).sort();
    expect(titles).toEqual([...files.filter((f) => !REFUSED.includes(f)), 'putin-obama-syria.txt'].sort());
  });
});
