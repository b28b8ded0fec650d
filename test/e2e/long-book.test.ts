import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import type { Article, Highlight } from '../../shared/model.js';
import { BOOKS, importWithHighlights, type BenchArticle } from '../support/highlighted-library.js';
import { highlightsOnDisk, ROOT, selectWithMouse, startReader, type ReaderSession } from './harness.js';

const HIGHLIGHTS = 2000;

let reader: ReaderSession;
let page: Page;
let book: BenchArticle;
/** Unhighlighted phrases near the start, in the middle and near the end of the book. */
let phrases: { start: string; middle: string; end: string };
/** The colour `h` paints in: the reader's last colour used. */
let lastColour = 'yellow';

/** The colours the page paints the passage `text` in (CSS highlights whose range reads exactly `text`). */
const paintedColours = (text: string) =>
  page.evaluate((text) => {
    const colours: string[] = [];
    CSS.highlights.forEach((highlight, name) =>
      highlight.forEach((r) => {
        if (r.endContainer !== r.startContainer && r.startContainer.parentNode !== r.endContainer.parentNode) return;
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        if (range.toString() === text) colours.push(/^hl-([a-z]+)/.exec(name)![1]!);
      }),
    );
    return colours;
  }, text);

const stored = async (text: string): Promise<{ id: string; color: string; note: string } | undefined> =>
  (await highlightsOnDisk(reader.dataDir)).find((h) => h.target.quote.exact === text);

/** A phrase of whole words, 40–70 characters, found once in the text, that no highlight touches, from `fraction` of the way in. */
function phraseAt(text: string, highlights: readonly Highlight[], fraction: number): string {
  const taken = highlights.map((h) => h.target.quote.exact);
  for (let at = Math.floor(text.length * fraction); at < text.length; at = text.indexOf('\n', at) + 1) {
    const paragraph = text.slice(at, text.indexOf('\n', at));
    const words = paragraph.match(/^(?:\S+ ){6,10}/u)?.[0].trim();
    if (!words || words.length < 40 || words.length > 70 || !/^[\p{L}\s,;'’-]+$/u.test(words)) continue;
    if (text.indexOf(words) !== text.lastIndexOf(words) || taken.some((q) => q.includes(words) || words.includes(q) || paragraph.includes(q))) continue;
    return words;
  }
  throw new Error(`no phrase after ${fraction}`);
}

beforeAll(async () => {
  reader = await startReader();
  page = reader.page;
  await page.goto(reader.url);
  await page.locator('.article-title').waitFor();
  book = await importWithHighlights(reader.call, BOOKS(ROOT).warAndPeace, 'War and Peace', HIGHLIGHTS, HIGHLIGHTS / 10, 5);
  const { article, highlights } = await reader.call<{ article: Article; highlights: Highlight[] }>('getArticle', { articleId: book.id });
  const text = articleText(documentFromJSON(article.document)).text;
  phrases = { start: phraseAt(text, highlights, 0.03), middle: phraseAt(text, highlights, 0.5), end: phraseAt(text, highlights, 0.97) };
  await page.reload();
  await page.locator(`.library-item[data-article-id="${book.id}"]`).click();
  // The whole book is in the page once its last block is.
  await page.waitForFunction((last) => {
    let element = document.querySelector('.article')?.lastElementChild;
    while (element && element.textContent !== last && element.lastElementChild) element = element.lastElementChild;
    return element?.textContent === last;
  }, book.lastBlock, { timeout: 60_000 });
}, 300_000);

afterAll(async () => {
  await reader?.close();
});

describe(`War and Peace with ${HIGHLIGHTS} highlights`, () => {
  for (const where of ['start', 'middle', 'end'] as const) {
    it(`a passage near the ${where} is highlighted, recoloured, given a note and deleted, on screen and on disk`, async () => {
      const phrase = phrases[where];
      if (where === 'end') {
        // Found with the browser's own find (wrapping, as Ctrl+F does, since the caret may be in the margin), far into the book, then highlighted from that selection.
        expect(await page.evaluate((phrase) => (window as unknown as { find(text: string, caseSensitive: boolean, backwards: boolean, wrapAround: boolean): boolean }).find(phrase, true, false, true), phrase)).toBe(true);
        expect(await page.evaluate(() => document.getSelection()?.toString())).toBe(phrase);
      } else await selectWithMouse(page, phrase);
      // h paints in the last colour used: yellow in a new page, else the last recolour of an earlier case.
      const made = lastColour;
      await page.keyboard.press('h');
      await expect.poll(() => paintedColours(phrase)).toEqual([made]);
      await expect.poll(async () => (await stored(phrase))?.color).toBe(made);
      expect(await page.locator('.article mark.hl-active').textContent()).toBe(phrase);

      const other = made === 'blue' ? 'green' : 'blue';
      await page.locator(`.highlight-toolbar .swatch-button[data-color="${other}"]`).click();
      await expect.poll(() => paintedColours(phrase)).toEqual([other]);
      await expect.poll(async () => (await stored(phrase))?.color).toBe(other);
      lastColour = other;

      await page.keyboard.press('n');
      await page.keyboard.type(`A note near the ${where}.`);
      await page.keyboard.press('Control+Enter');
      await expect.poll(async () => (await stored(phrase))?.note).toBe(`A note near the ${where}.`);
      const { id } = (await stored(phrase))!;
      await expect.poll(() => page.locator(`.note-card[data-highlight-id="${id}"] .note-text`).textContent()).toBe(`A note near the ${where}.`);

      await page.keyboard.press('Delete');
      await expect.poll(async () => await stored(phrase)).toBeUndefined();
      await expect.poll(() => paintedColours(phrase)).toEqual([]);
      expect(await page.locator(`.note-card[data-highlight-id="${id}"]`).count()).toBe(0);
      expect((await highlightsOnDisk(reader.dataDir)).filter((h) => h.id !== id)).toHaveLength(HIGHLIGHTS);
    });
  }

  it('paints every one of its highlights once, in the page, with the side list and margin holding only what is near the screen', async () => {
    await expect.poll(() => page.evaluate(() => { let n = 0; CSS.highlights.forEach((h) => (n += h.size)); return n; })).toBe(HIGHLIGHTS);
    expect(await page.locator('.highlight-list.windowed > li').count()).toBeLessThan(100);
    expect(await page.locator('.highlight-list.windowed > li').first().getAttribute('aria-setsize')).toBe(String(HIGHLIGHTS));
    expect(await page.locator('.note-card').count()).toBeLessThan(40);
  });
});
