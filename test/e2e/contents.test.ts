import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { toBase64Pieces } from '../../shared/contract/import-request.js';
import { closeReader, ROOT, startReader, type ReaderSession } from './harness.js';

let reader: ReaderSession;
let page: Page;

beforeEach(async () => {
  reader = await startReader();
  page = reader.page;
});

afterEach(() => closeReader(reader));

/** Imports a book of the corpus and opens it. */
async function openBook(file: string, title: RegExp): Promise<void> {
  const bytes = await readFile(join(ROOT, '../shared/corpus/books', file));
  const { summary } = await reader.call<{ summary: { id: string } }>('importFile', { fileName: file, dataBase64: toBase64Pieces(bytes) });
  await page.goto(reader.url);
  await page.locator(`.library-item[data-article-id="${summary.id}"]`).click();
  await page.waitForFunction((source) => new RegExp(source, 'i').test(document.title), title.source);
  await page.locator('#tab-contents').click();
}

const entries = () => page.locator('#contents .contents-entry');
const current = () => page.locator('#contents .contents-entry[aria-current="location"]').textContent();
/** The heading at the top of the reading area, if a heading is there. */
const headingAtTop = () =>
  page.evaluate(() => {
    const area = document.getElementById('reader-scroll')!.getBoundingClientRect();
    const column = document.querySelector('#reader .ProseMirror')!.getBoundingClientRect();
    const element = document.elementFromPoint(column.left + 4, area.top + 40);
    return element?.closest('h2, h3, h4')?.textContent ?? null;
  });

describe('the contents panel', () => {
  test('lists Pride and Prejudice’s chapters; a click takes the reader to one, and the section being read is marked as they scroll', async () => {
    await openBook('pride-and-prejudice.txt', /pride/);
    await expect.poll(() => entries().count()).toBe(62);
    await entries().filter({ hasText: /^Chapter XI\b/i }).first().click();
    await expect.poll(headingAtTop).toMatch(/^Chapter XI\b/i);
    await expect.poll(current).toMatch(/^Chapter XI\b/i);
    const shots = join(ROOT, 'docs/screenshots');
    await mkdir(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'contents.png') });
    // Reading on into the next chapter moves the mark.
    await page.locator('#reader-scroll').evaluate((e) => {
      const next = [...document.querySelectorAll('#reader h2, #reader h3')].find((h) => /^Chapter XII\b/i.test(h.textContent ?? ''))!;
      e.scrollTop += next.getBoundingClientRect().top - e.getBoundingClientRect().top + 40;
    });
    await expect.poll(current).toMatch(/^Chapter XII\b/i);
  });

  test('nests War and Peace’s chapters under its books; the last chapter of the book is reached before the book is all in the page', async () => {
    await openBook('war-and-peace.txt', /war and peace/);
    await expect.poll(() => entries().count()).toBe(382);
    const depths = await entries().evaluateAll((buttons) => buttons.slice(0, 3).map((b) => [b.textContent, (b as HTMLElement).style.getPropertyValue('--depth')]));
    expect(depths[0]![1]).toBe('0');
    expect(depths[1]![1]).toBe('1');
    const last = entries().last();
    const lastText = (await last.textContent())!;
    await last.click();
    await expect.poll(headingAtTop).toBe(lastText);
  });
});
