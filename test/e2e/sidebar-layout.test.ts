import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { toBase64Pieces } from '../../shared/contract/import-request.js';
import { BOOKS, importWithHighlights } from '../support/highlighted-library.js';
import { ROOT, startReader, type ReaderSession } from './harness.js';

/** Small articles imported one by one, as a reader's library of saved pages grows. */
const ARTICLES = 1000;
/** Highlights of the one long article: more than the highlights' part of the sidebar shows at once. */
const HIGHLIGHTS = 150;

/** The words of Moby Dick's first chapter: each small article is a few sentences of it. */
const words = readFileSync(BOOKS(ROOT).mobyDick, 'utf8').split(/\s+/u).slice(2000, 6000);

/** Small article `n` as Markdown: a title, its author, site, date and address in front matter, two paragraphs. */
function smallArticle(n: number): string {
  const body = words.slice((n * 37) % 3500, ((n * 37) % 3500) + 120);
  return [
    '---',
    `title: "Saved page ${n}: ${body.slice(0, 4).join(' ').replace(/[^\p{L} ]/gu, '')}"`,
    `author: Writer ${n % 37}`,
    // Every other article names its site; the rest show their address's host.
    ...(n % 2 === 0 ? [`site: The Daily ${n % 5}`] : []),
    `date: 2013-09-${String((n % 28) + 1).padStart(2, '0')}`,
    `url: https://www.site-${n % 11}.example/articles/${n}`,
    '---',
    '',
    body.slice(0, 60).join(' '),
    '',
    body.slice(60).join(' '),
    '',
  ].join('\n');
}

let reader: ReaderSession;
let page: Page;
/** The sample article: the first imported, so the last listed (newest first). */
let lastId: string;
/** The long article with many highlights: the last imported, so the first listed. */
let bookId: string;

beforeAll(async () => {
  reader = await startReader();
  page = reader.page;
  const [sample] = await reader.call<{ id: string }[]>('listArticles');
  lastId = sample!.id;
  for (let n = 1; n <= ARTICLES; n++) {
    await reader.call('importFile', { fileName: `saved-page-${n}.md`, dataBase64: toBase64Pieces(Buffer.from(smallArticle(n))) });
  }
  bookId = (await importWithHighlights(reader.call, BOOKS(ROOT).warAndPeace, 'War and Peace', HIGHLIGHTS, 10, 3)).id;
}, 600_000);

afterAll(async () => {
  await reader?.close();
});

/** Each test starts from the page loaded afresh, on the library of 1,002 articles, with the long article open. */
beforeEach(async () => {
  await page.goto(reader.url);
  await page.locator('.article-title').waitFor();
  // The element the library list scrolls in, whatever the page calls it: the list's nearest scrolling ancestor.
  await page.locator('#library').evaluate((list) => {
    let scroller = list.parentElement;
    while (scroller && !/auto|scroll/u.test(getComputedStyle(scroller).overflowY)) scroller = scroller.parentElement;
    scroller?.setAttribute('data-library-scroller', '');
  });
  // The article read last is opened, and its row brought into view: the long article's row is the first.
  await library().evaluate((e) => (e.scrollTop = 0));
  await page.locator(`.library-item[data-article-id="${bookId}"]`).click();
  await page.locator('.article-title', { hasText: 'War and Peace' }).waitFor();
  await expect.poll(() => page.locator('#highlight-list .highlight-item').count()).toBeGreaterThan(0);
});

/** Where the library list scrolls (marked before each test). */
const library = () => page.locator('[data-library-scroller]');
const highlights = () => page.locator('#highlight-list');
const scrollTopOf = (locator: ReturnType<Page['locator']>) => locator.evaluate((e) => e.scrollTop);

/** Whether an element is entirely inside the window and is what the user would click at its middle. */
const usable = (selector: string) =>
  page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    const inWindow = box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth && box.height > 0;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return inWindow && (hit === element || element.contains(hit));
  });

/** Scrolls the library list to its end and opens the last article listed. */
async function openLastArticle(): Promise<void> {
  await library().evaluate((e) => (e.scrollTop = e.scrollHeight));
  const last = page.locator(`.library-item[data-article-id="${lastId}"]`);
  await last.waitFor();
  await last.click();
  await page.locator('.article-title', { hasText: 'Putin Says' }).waitFor();
}

describe(`a library of ${ARTICLES} articles in the sidebar`, () => {
  test('the library scrolls in a part of its own, with only the rows near its visible part in the page', async () => {
    const [scrollHeight, clientHeight] = await library().evaluate((e) => [e.scrollHeight, e.clientHeight]);
    expect(scrollHeight).toBeGreaterThan(clientHeight * 10);
    // The sidebar itself never scrolls: the list does.
    expect(await page.locator('.sidebar').evaluate((e) => e.scrollHeight <= e.clientHeight)).toBe(true);
    const rows = page.locator('#library > li');
    expect(await rows.count()).toBeLessThan(100);
    expect(await rows.first().getAttribute('aria-setsize')).toBe(String(ARTICLES + 2));

    await openLastArticle();
    expect(await page.locator(`.library-item[data-article-id="${lastId}"]`).getAttribute('aria-current')).toBe('true');
    expect(await page.locator(`.library-item[data-article-id="${lastId}"]`).evaluate((e) => e.closest('li')!.getAttribute('aria-posinset'))).toBe(String(ARTICLES + 2));
    expect(await rows.count()).toBeLessThan(100);
  });

  test('Import and Export stay in view, and the highlights where they were, after opening the last article', async () => {
    const highlightsTop = await highlights().evaluate((e) => e.getBoundingClientRect().top);
    await openLastArticle();
    for (const button of ['#import-button', '#export-button', '#export-folder-button']) expect(await usable(button), button).toBe(true);
    expect(await page.locator('.sidebar').evaluate((e) => e.scrollTop)).toBe(0);
    expect(await highlights().evaluate((e) => e.getBoundingClientRect().top)).toBe(highlightsTop);
    expect(await usable('#highlights-heading')).toBe(true);
    expect(await usable('#library-heading')).toBe(true);
    // The open article's row is in view in its list.
    expect(await usable(`.library-item[data-article-id="${lastId}"]`)).toBe(true);
  });

  test('the library and the highlights scroll independently, each with a fair share of the height', async () => {
    const sidebarHeight = await page.locator('.sidebar').evaluate((e) => e.clientHeight);
    const [libraryHeight, highlightsHeight] = await Promise.all([library(), highlights()].map((l) => l.evaluate((e) => e.clientHeight)));
    expect(libraryHeight).toBeGreaterThan(sidebarHeight / 4);
    expect(highlightsHeight).toBeGreaterThan(sidebarHeight / 4);
    expect(await highlights().evaluate((e) => e.scrollHeight > e.clientHeight * 2)).toBe(true);

    await highlights().evaluate((e) => (e.scrollTop = e.scrollHeight));
    await expect.poll(() => page.locator('#highlight-list li[aria-posinset]').last().getAttribute('aria-posinset')).toBe(String(HIGHLIGHTS));
    expect(await scrollTopOf(library())).toBe(0);
    const highlightsScrolled = await scrollTopOf(highlights());
    expect(highlightsScrolled).toBeGreaterThan(0);

    await library().evaluate((e) => (e.scrollTop = (e.scrollHeight - e.clientHeight) / 2));
    expect(await scrollTopOf(highlights())).toBe(highlightsScrolled);
    // What the user sees in the middle of the library's part: a row from the middle of the library.
    const rowInTheMiddle = () =>
      library().evaluate((e) => {
        const box = e.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return Number(hit?.closest('.library-item') ? hit.closest('li')?.getAttribute('aria-posinset') : NaN);
      });
    await expect.poll(rowInTheMiddle).toBeGreaterThan(ARTICLES * 0.4);
    expect(await rowInTheMiddle()).toBeLessThan(ARTICLES * 0.6);
    expect(await usable('#import-button')).toBe(true);
  });

  test('each article is listed with its author, site and date', async () => {
    await library().evaluate((e) => (e.scrollTop = 0));
    // Newest first: the long article, then saved page 1000, 999, …
    const details = (n: number) => page.locator('.library-item', { hasText: `Saved page ${n}:` }).locator('.library-details').textContent();
    await expect.poll(() => details(1000)).toBe('Writer 1 · The Daily 0 · Sep 21, 2013');
    // No site name: the host of its address.
    expect(await details(999)).toBe('Writer 0 · site-9.example · Sep 20, 2013');
    // A plain-text book from Project Gutenberg: its author only.
    expect(await page.locator(`.library-item[data-article-id="${bookId}"] .library-details`).textContent()).toBe('Leo Tolstoy');
  });

  test('the keyboard reaches every article: End moves to the last one, Home back to the first', async () => {
    await page.locator(`.library-item[data-article-id="${bookId}"]`).focus();
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-article-id'))).toBe(lastId);
    await page.keyboard.press('Enter');
    await page.locator('.article-title', { hasText: 'Putin Says' }).waitFor();
    expect(await usable('#import-button')).toBe(true);
    await page.keyboard.press('Home');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-article-id'))).toBe(bookId);
  });
});
