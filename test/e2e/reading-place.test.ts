import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { toBase64Pieces } from '../../shared/contract/import-request.js';
import { closeReader, ROOT, sampleArticleId, startReader, type ReaderSession } from './harness.js';

let reader: ReaderSession;
let page: Page;
let bookId: string;
let sampleId: string;

const PRIDE = join(ROOT, '../shared/corpus/books/pride-and-prejudice.txt');

/** A reader over a fresh library: the sample article and Pride and Prejudice, which is open. */
beforeEach(async () => {
  reader = await startReader();
  page = reader.page;
  sampleId = await sampleArticleId(reader);
  const { summary } = await reader.call<{ summary: { id: string } }>('importFile', { fileName: 'pride-and-prejudice.txt', dataBase64: toBase64Pieces(await readFile(PRIDE)) });
  bookId = summary.id;
  await page.goto(reader.url);
  await openBook();
});

afterEach(() => closeReader(reader));

const openBook = async () => {
  await page.locator(`.library-item[data-article-id="${bookId}"]`).click();
  await page.waitForFunction(() => /pride/i.test(document.title));
  await wholeBookIn();
};

/** Waits until the whole book is in the page (it is added in parts while it is read). */
const wholeBookIn = () => page.waitForFunction(() => (document.querySelector('.article-rest') as HTMLElement | null)?.style.height === '');

/** The words at the top of the reading area, from the start of the line there. */
const wordsAtTop = () =>
  page.evaluate(() => {
    const scroller = document.getElementById('reader-scroll')!.getBoundingClientRect();
    const column = document.querySelector('#reader .ProseMirror')!.getBoundingClientRect();
    const caret = document.caretPositionFromPoint(column.left + 2, Math.max(scroller.top, column.top) + 6);
    const text = caret?.offsetNode.textContent ?? '';
    return text.slice(caret?.offset ?? 0).trimStart().slice(0, 80);
  });

/**
 * Scrolls as a reader drags the scroll bar, and answers the words at the top
 * once they stay put: parts of the book coming into view are laid out in the
 * frames after a jump, and the line at the top settles then.
 */
async function scrollTo(fraction: number): Promise<string> {
  await page.locator('#reader-scroll').evaluate((e, f) => e.scrollTo(0, (e.scrollHeight - e.clientHeight) * f), fraction);
  let words = await wordsAtTop();
  for (;;) {
    await page.waitForTimeout(300);
    const now = await wordsAtTop();
    if (now === words) return words;
    words = now;
  }
}

/** Waits until main has the book's place (scrolling paused long enough for it to be saved). */
const savedPlace = async () => {
  await expect
    .poll(async () => (await reader.call<{ place?: { start: number } }>('openArticle', { articleId: bookId })).place?.start ?? 0, { timeout: 10_000 })
    .toBeGreaterThan(1000);
  return (await reader.call<{ place: { start: number; end: number } }>('openArticle', { articleId: bookId })).place;
};

describe('the reading place', () => {
  test('is restored after a reload, and after reading another article, as the same words at the top; the progress bar shows it', async () => {
    const before = await scrollTo(0.4);
    expect(before.length).toBeGreaterThan(5);
    const place = await savedPlace();
    const percent = Number(await page.locator('#reading-progress').getAttribute('aria-valuenow'));
    expect(percent).toBeGreaterThanOrEqual(35);
    expect(percent).toBeLessThanOrEqual(45);

    await page.reload();
    await page.waitForFunction(() => /pride/i.test(document.title));
    await expect.poll(wordsAtTop).toBe(before);

    await page.locator(`.library-item[data-article-id="${sampleId}"]`).click();
    await page.waitForFunction(() => document.title.startsWith('Putin'));
    await openBook();
    await expect.poll(wordsAtTop).toBe(before);
    // Saved again from the same line (from its first word, where the place was a few words into it).
    expect(Math.abs((await savedPlace()).start - place.start)).toBeLessThan(100);
  });

  test('is a passage, not a pixel offset: in a narrower window the same words come back to the top', async () => {
    const before = await scrollTo(0.6);
    await savedPlace();
    const scrolledBefore = await page.locator('#reader-scroll').evaluate((e) => e.scrollTop);
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.reload();
    await page.waitForFunction(() => /pride/i.test(document.title));
    // The passage restored is on the top line; the reflowed line may start a few words before it.
    await expect.poll(wordsAtTop).toContain(before.slice(0, 24));
    // The text reflowed: the same words are far from the same pixel offset.
    expect(Math.abs((await page.locator('#reader-scroll').evaluate((e) => e.scrollTop)) - scrolledBefore)).toBeGreaterThan(500);
  });
});
