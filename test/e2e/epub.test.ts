import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeReader, ROOT, startReader, type ReaderSession } from './harness.js';

let reader: ReaderSession;
let page: Page;
const EPUBS = join(ROOT, '../shared/corpus/epub');
const SHOTS = join(ROOT, 'docs/screenshots');

beforeAll(async () => {
  reader = await startReader();
  page = reader.page;
  await mkdir(SHOTS, { recursive: true });
  await page.goto(reader.url);
  // The reader's own Import…: its file input, with three books at once.
  await page.locator('#import-input').setInputFiles(['moby-dick.epub', 'childrens-literature.epub', 'haruko-html-jpeg.epub'].map((f) => join(EPUBS, f)));
  for (const title of ['Moby-Dick', 'Children', 'ハルコさんの彼氏']) {
    await page.locator('.library-item', { hasText: title }).first().waitFor({ timeout: 60_000 });
  }
}, 120_000);

afterAll(() => closeReader(reader));

/** Opens a book from the library list and shows its Contents tab. */
async function openBook(title: string): Promise<void> {
  await page.locator('.library-item', { hasText: title }).first().click();
  await page.waitForFunction((t) => document.title.includes(t), title);
  await page.locator('#tab-contents').click();
}
const entries = () => page.locator('#contents .contents-entry');

describe('EPUB books in the reader', () => {
  test('Moby-Dick: the Contents list its chapters, and one takes the reader there', async () => {
    await openBook('Moby-Dick');
    await expect.poll(() => entries().filter({ hasText: /^Chapter \d+\./ }).count(), { timeout: 10_000 }).toBe(135);
    await entries().filter({ hasText: 'Chapter 1. Loomings.' }).first().click();
    await expect.poll(() => page.locator('#contents .contents-entry[aria-current="location"]').textContent()).toBe('Chapter 1. Loomings.');
    await page.screenshot({ path: join(SHOTS, 'epub-moby-dick.png') });
  });

  test('Children’s Literature: its chapters listed, its pictures shown from inside the book', async () => {
    await openBook('Children');
    await expect.poll(() => entries().count(), { timeout: 10_000 }).toBeGreaterThan(10);
    expect(await entries().filter({ hasText: 'SECTION IV FAIRY STORIES—MODERN FANTASTIC TALES' }).count()).toBe(1);
    const picture = page.locator('#reader img').first();
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'epub-childrens-literature.png') });
  });

  test('Haruko: Japanese in vertical lines, right to left', async () => {
    await openBook('ハルコさんの彼氏');
    const article = page.locator('#reader .article');
    await expect.poll(() => article.getAttribute('lang')).toBe('ja-jp');
    await expect.poll(() => article.evaluate((e) => getComputedStyle(e).writingMode)).toBe('vertical-rl');
    await expect.poll(() => entries().count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'epub-haruko.png') });
  });
});
