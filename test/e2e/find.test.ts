import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { toBase64Pieces } from '../../shared/contract/import-request.js';
import type { Article, DocumentJSON } from '../../shared/model.js';
import { BOOKS } from '../support/highlighted-library.js';
import { highlightQuote, paintedPassages, ROOT, startReader, type ReaderSession } from './harness.js';

const BOOK = BOOKS(ROOT).warAndPeace;
/** Read as the user types it: no accent, any case. The book spells it "Natásha". */
const QUERY = 'natasha';

/** The text as find reads it: no case, no diacritics. */
const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
/**
 * How often `word` occurs in the book's file, case and diacritics not counting: in the book itself, between
 * Project Gutenberg's START line and its closing note (its header and licence are not part of the article).
 */
const occurrencesInFile = (word: string) => {
  const file = readFileSync(BOOK, 'utf8');
  const book = file.slice(file.indexOf('\n', file.indexOf('*** START OF')), file.indexOf('End of the Project Gutenberg'));
  return fold(book).split(fold(word)).length - 1;
};
/** A document node's text, as the page renders it. */
const textOf = (node: DocumentJSON): string => node.text ?? (node.content ?? []).map(textOf).join('');
const counted = (n: number) => new Intl.NumberFormat('en').format(n);

let reader: ReaderSession;
let page: Page;
let bookId: string;

/** Each test has a reader of its own, over a fresh library holding the sample article and War and Peace. */
beforeEach(async () => {
  reader = await startReader();
  page = reader.page;
  const { summary } = await reader.call<{ summary: { id: string } }>('importFile', { fileName: 'war-and-peace.txt', dataBase64: toBase64Pieces(readFileSync(BOOK)) });
  bookId = summary.id;
  await page.goto(reader.url);
  await page.locator(`.library-item[data-article-id="${bookId}"]`).click();
  await page.locator('.article-title', { hasText: 'War and Peace' }).waitFor();
}, 120_000);

afterEach(async () => {
  try {
    expect(reader.log.pageErrors).toEqual([]);
    expect(reader.log.consoleErrors).toEqual([]);
    expect(reader.log.cspViolations).toEqual([]);
  } finally {
    await reader.close();
  }
});

const bar = () => page.locator('.find-bar');
const countShown = () => page.locator('.find-count').textContent();

/** Opens the find bar with Ctrl+F and types a query. */
async function find(query: string): Promise<void> {
  await page.locator('.article').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+f');
  await expect.poll(() => page.locator('.find-input').evaluate((e) => e === document.activeElement)).toBe(true);
  await page.keyboard.type(query);
}

/** The current match as the page shows it: its text, and whether all of it is inside the reading area. */
const currentMatch = () =>
  page.evaluate(() => {
    const parts = [...document.querySelectorAll('.article .find-hit-current')];
    if (parts.length === 0) return null;
    const area = document.getElementById('reader-scroll')!.getBoundingClientRect();
    const first = parts[0]!.getBoundingClientRect();
    const last = parts.at(-1)!.getBoundingClientRect();
    return { text: parts.map((p) => p.textContent).join(''), inView: first.top >= area.top && last.bottom <= area.bottom && first.height > 0 };
  });

describe('finding in War and Peace (Ctrl+F)', () => {
  test('counts every occurrence of a word, whatever its accents and case, and paints only those near the screen', async () => {
    const total = occurrencesInFile(QUERY);
    // The book has the word only with its accent: a search that minded accents would find none.
    expect(readFileSync(BOOK, 'utf8').toLowerCase().split(QUERY).length - 1).toBe(0);
    expect(total).toBeGreaterThan(1000);

    await find(QUERY);
    await expect.poll(countShown).toBe(`1 of ${counted(total)}`);
    await expect.poll(currentMatch).toEqual({ text: 'Natásha', inView: true });
    const painted = await page.locator('.article .find-hit').allTextContents();
    expect(painted.length).toBeGreaterThan(0);
    expect(painted.length).toBeLessThan(total / 5);
    for (const text of painted) expect(fold(text)).toBe(QUERY);
    // The current match is painted apart from the others.
    const fill = (selector: string) => page.locator(selector).first().evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(await fill('.article .find-hit-current')).not.toBe(await fill('.article .find-hit:not(.find-hit-current)'));
  });

  test('the matches painted follow the screen as the book is scrolled: those in the parts near it, and no others', async () => {
    const word = 'the';
    const total = occurrencesInFile(word);
    await find(word);
    await expect.poll(countShown).toBe(`1 of ${counted(total)}`);
    /**
     * The painted matches (the current one aside): how many, how many are on screen, and how many
     * lie in a part of the book (the reader's unit of layout) farther than a screen from it.
     */
    const painted = () =>
      page.evaluate(() => {
        const area = document.getElementById('reader-scroll')!.getBoundingClientRect();
        const hits = [...document.querySelectorAll('.article .find-hit:not(.find-hit-current)')];
        const near = (r: DOMRect) => r.bottom > area.top - area.height && r.top < area.bottom + area.height;
        return {
          all: hits.length,
          onScreen: hits.filter((e) => { const r = e.getBoundingClientRect(); return r.bottom > area.top && r.top < area.bottom; }).length,
          inFarParts: hits.filter((e) => !near(e.closest('.article-part')!.getBoundingClientRect())).length,
        };
      });
    for (const fraction of [0.5, 0.8, 0.3]) {
      await page.locator('#reader-scroll').evaluate((e, fraction) => (e.scrollTop = e.scrollHeight * fraction), fraction);
      await expect.poll(async () => (await painted()).onScreen, { timeout: 20_000 }).toBeGreaterThan(0);
      const { all, inFarParts } = await painted();
      expect(inFarParts, `at ${fraction} of the book`).toBe(0);
      expect(all).toBeLessThan(total / 10);
    }
  });

  test('Enter and Shift+Enter step through the matches, wrapping, and bring the current one into view', async () => {
    const total = occurrencesInFile(QUERY);
    await find(QUERY);
    await expect.poll(countShown).toBe(`1 of ${counted(total)}`);
    const firstTop = await page.locator('.find-hit-current').first().evaluate((e) => e.getBoundingClientRect().top + document.getElementById('reader-scroll')!.scrollTop);

    await page.keyboard.press('Enter');
    await expect.poll(countShown).toBe(`2 of ${counted(total)}`);
    await expect.poll(currentMatch).toEqual({ text: 'Natásha', inView: true });
    const secondTop = await page.locator('.find-hit-current').first().evaluate((e) => e.getBoundingClientRect().top + document.getElementById('reader-scroll')!.scrollTop);
    expect(secondTop).toBeGreaterThan(firstTop);

    await page.keyboard.press('Shift+Enter');
    await expect.poll(countShown).toBe(`1 of ${counted(total)}`);
    // Back past the first: the last match, near the end of the book, brought into the page and into view.
    await page.keyboard.press('Shift+Enter');
    await expect.poll(countShown).toBe(`${counted(total)} of ${counted(total)}`);
    await expect.poll(currentMatch, { timeout: 20_000 }).toMatchObject({ inView: true });
    expect(fold((await currentMatch())!.text)).toBe(QUERY);
    const scrolled = await page.evaluate(() => {
      const scroller = document.getElementById('reader-scroll')!;
      return scroller.scrollTop / scroller.scrollHeight;
    });
    expect(scrolled).toBeGreaterThan(0.9);
    // And on, past the last: the first again. The bar's buttons step too.
    await page.locator('.find-next').click();
    await expect.poll(countShown).toBe(`1 of ${counted(total)}`);
    await page.locator('.find-next').click();
    await expect.poll(countShown).toBe(`2 of ${counted(total)}`);
    await page.locator('.find-previous').click();
    await expect.poll(countShown).toBe(`1 of ${counted(total)}`);
    await expect.poll(currentMatch).toEqual({ text: 'Natásha', inView: true });
  });

  test('Esc closes the bar, clears the matches and gives the focus back to the article, whose text is unchanged', async () => {
    const { article: stored } = await reader.call<{ article: Article }>('getArticle', { articleId: bookId });
    // Once the whole book is in the page (its last block), the text the page shows, as a digest.
    const lastBlock = textOf(stored.document.content!.at(-1)!);
    await page.waitForFunction((last) => document.querySelector('.article')?.lastElementChild?.lastElementChild?.textContent === last, lastBlock, { timeout: 60_000 });
    const articleText = async () => createHash('sha256').update((await page.locator('.article').textContent()) ?? '').digest('hex');
    const before = await articleText();

    await find(QUERY);
    await expect.poll(() => page.locator('.article .find-hit').count()).toBeGreaterThan(0);
    expect(await articleText()).toBe(before);
    await page.keyboard.press('Enter');
    await expect.poll(countShown).toContain('2 of');

    await page.keyboard.press('Escape');
    await expect.poll(() => bar().isVisible()).toBe(false);
    expect(await page.locator('.article .find-hit, .article .find-hit-current').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('article'))).toBe(true);
    expect(await articleText()).toBe(before);
    const { article: after } = await reader.call<{ article: Article }>('getArticle', { articleId: bookId });
    expect(after).toEqual(stored);

    // Opened again, the bar has the last query, selected, and finds it again.
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.locator('.find-input').evaluate((e: HTMLInputElement) => e.value.slice(e.selectionStart!, e.selectionEnd!))).toBe(QUERY);
    await expect.poll(() => page.locator('.article .find-hit').count()).toBeGreaterThan(0);
  });

  test('a word that is not in the book shows "No matches" and paints nothing', async () => {
    await find('xylophonist');
    await expect.poll(countShown).toBe('No matches');
    expect(await page.locator('.article .find-hit').count()).toBe(0);
    await page.keyboard.press('Enter');
    expect(await countShown()).toBe('No matches');
  });

  test('highlights stay painted on their words while matches inside and beside them are painted and cleared', async () => {
    // The book's first line: one highlight holds the match, one shares its paragraph.
    const holding = 'so Genoa and Lucca are now just family estates of the Buonapartes';
    const beside = 'Well, Prince,';
    await highlightQuote(reader, bookId, holding, { color: 'green' });
    await highlightQuote(reader, bookId, beside, { color: 'pink' });
    await page.reload();
    await page.locator('.article-title', { hasText: 'War and Peace' }).waitFor();
    // Painted: the text each painted range reads, and whether it is on the page (a range left on text
    // nodes ProseMirror has since replaced still reads its words, but is painted nowhere).
    const paintedTexts = async () => (await paintedPassages(page)).map((p) => `${p.text}${p.box ? '' : ' (not on the page)'}`);
    await expect.poll(paintedTexts).toEqual([beside, holding]);

    await find('GENOA AND LUCCA');
    await expect.poll(countShown).toBe('1 of 2');
    await expect.poll(currentMatch).toEqual({ text: 'Genoa and Lucca', inView: true });
    await expect.poll(paintedTexts).toEqual([beside, holding]);
    await page.keyboard.press('Enter');
    await expect.poll(countShown).toBe('2 of 2');
    await page.keyboard.press('Enter');
    await expect.poll(countShown).toBe('1 of 2');
    await expect.poll(paintedTexts).toEqual([beside, holding]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.article .find-hit').count()).toBe(0);
    await expect.poll(paintedTexts).toEqual([beside, holding]);
  });

  test('Edit ▸ Find in Article (a command from main) opens the bar', async () => {
    await page.locator('.article').click({ position: { x: 5, y: 5 } });
    reader.broadcast({ type: 'command', command: 'find-in-article' });
    await expect.poll(() => bar().isVisible()).toBe(true);
    await expect.poll(() => page.locator('.find-input').evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.type('pierre');
    await expect.poll(countShown).toBe(`1 of ${counted(occurrencesInFile('pierre'))}`);
  });
});
