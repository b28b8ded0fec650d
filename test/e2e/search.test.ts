import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { toBase64Pieces } from '../../shared/contract/import-request.js';
import { BOOKS } from '../support/highlighted-library.js';
import { closeReader, highlightQuote, ROOT, startReader, type ReaderSession } from './harness.js';

let reader: ReaderSession;
let page: Page;
let mobyId: string;

/** Each test has a reader of its own, over a fresh library: the sample article, Moby Dick and two annotated highlights. */
beforeEach(async () => {
  reader = await startReader();
  page = reader.page;
  const { summary } = await reader.call<{ summary: { id: string } }>('importFile', { fileName: 'moby-dick.txt', dataBase64: toBase64Pieces(readFileSync(BOOKS(ROOT).mobyDick)) });
  mobyId = summary.id;
  await highlightQuote(reader, mobyId, 'Call me Ishmael', { color: 'blue', note: 'the narrator names himself <b>here</b>', tags: ['crew/narrator'] });
  await highlightQuote(reader, mobyId, 'Queequeg was a native of Rokovoko', { color: 'green', note: 'an island far away', tags: ['crew'] });
  await page.goto(reader.url);
  await page.locator('.article-title').waitFor();
}, 120_000);

afterEach(() => closeReader(reader));

const panel = () => page.locator('.search-panel');
const options = () => page.locator('.search-panel [role="option"]');

async function searchFor(query: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await panel().locator('.search-input').fill(query);
  await page.locator('.search-status').filter({ hasNotText: 'Searching' }).filter({ hasText: /article|Nothing/ }).waitFor();
}

/** The word under the middle of the first flash box: what the reader was taken to. */
async function wordUnderFlash(): Promise<string> {
  await page.locator('.passage-flash').first().waitFor({ state: 'attached' });
  return page.evaluate(() => {
    const box = document.querySelector('.passage-flash')!.getBoundingClientRect();
    const caret = document.caretRangeFromPoint(box.left + 2, box.top + box.height / 2)!;
    const text = caret.startContainer.textContent ?? '';
    let start = caret.startOffset;
    while (start > 0 && /\w/.test(text[start - 1]!)) start--;
    return (text.slice(start).match(/^\w+/) ?? [''])[0];
  });
}

/** Whether the flashed passage is within the reading area. */
const flashOnScreen = () =>
  page.evaluate(() => {
    const box = document.querySelector('.passage-flash')!.getBoundingClientRect();
    const area = document.getElementById('reader-scroll')!.getBoundingClientRect();
    return box.top >= area.top && box.bottom <= area.bottom;
  });

describe('searching the library from the keyboard', () => {
  test('Ctrl+K, a word from deep in a book, Enter: the book opens at that word, flashed, with the words marked in the result', async () => {
    await searchFor('leviathan');
    await expect(panel().locator('.search-group-heading').allTextContents()).resolves.toEqual([expect.stringMatching(/^Articles \(1\)$/)]);
    const first = options().first();
    await expect(first.locator('.search-result-title').textContent()).resolves.toBe('moby dick');
    const marked = await first.locator('mark').allTextContents();
    expect(marked.length).toBeGreaterThan(0);
    for (const word of marked) expect(word.toLowerCase()).toMatch(/^leviathan/);
    await page.keyboard.press('Enter');
    await expect(panel().isVisible()).resolves.toBe(false);
    await page.locator('.article-title', { hasText: 'moby dick' }).waitFor();
    expect((await wordUnderFlash()).toLowerCase()).toMatch(/^leviathan/);
    expect(await flashOnScreen()).toBe(true);
  });

  test('/ then a word of a note: results grouped, arrows move, Enter opens the article with that highlight active and flashed', async () => {
    await page.locator('#reader .ProseMirror').focus();
    await page.keyboard.press('/');
    await panel().locator('.search-input').fill('island');
    await options().first().waitFor();
    const groups = await panel().locator('.search-group-heading').allTextContents();
    expect(groups.at(-1)).toMatch(/^Highlights and notes \(1\)$/);
    const highlight = panel().locator('.search-result-highlight');
    await expect(highlight.locator('.search-result-note mark').allTextContents()).resolves.toEqual(['island']);
    await expect(highlight.locator('.search-result-meta').textContent()).resolves.toContain('#crew');
    // Down to the highlight (after any articles), then Enter.
    const before = await options().count();
    for (let i = 1; i < before; i++) await page.keyboard.press('ArrowDown');
    await expect(highlight.getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('Enter');
    await page.locator('.article-title', { hasText: 'moby dick' }).waitFor();
    await page.locator('#highlight-list [aria-current="true"]', { hasText: 'Queequeg' }).first().waitFor();
    expect(await wordUnderFlash()).toBe('Queequeg');
    expect(await flashOnScreen()).toBe(true);
  });

  test('filters and phrases: tag: lists the tagged highlights, a phrase only where its words are together, nothing for a made-up word', async () => {
    await searchFor('tag:crew');
    await expect(panel().locator('.search-result-highlight').count()).resolves.toBe(2);
    await expect(panel().locator('.search-result-article').count()).resolves.toBe(0);
    await panel().locator('.search-input').fill('tag:crew/narrator');
    await page.locator('.search-status', { hasText: '1 highlight' }).waitFor();
    await panel().locator('.search-input').fill('"call me ishmael"');
    await page.locator('.search-status', { hasText: '1 article' }).waitFor();
    await panel().locator('.search-input').fill('"ishmael call me"');
    await page.locator('.search-status', { hasText: 'Nothing found.' }).waitFor();
    await panel().locator('.search-input').fill('zzqqxxvv');
    await page.locator('.search-status', { hasText: 'Nothing found.' }).waitFor();
    await expect(options().count()).resolves.toBe(0);
  });

  test('a note with markup in it is shown as the text it is; Esc closes the panel and gives the focus back', async () => {
    await page.locator('#reader .ProseMirror').focus();
    await searchFor('narrator');
    const note = panel().locator('.search-result-note').first();
    await expect(note.textContent()).resolves.toContain('<b>here</b>');
    await expect(note.locator('b').count()).resolves.toBe(0);
    await page.keyboard.press('Escape');
    await expect(panel().isVisible()).resolves.toBe(false);
    await expect(page.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).resolves.toBe(true);
  });

  test('a word in a book and in a highlight: both groups, each word marked (the screenshot in docs/screenshots/search.png)', async () => {
    await searchFor('queequeg');
    await expect(panel().locator('.search-group-heading').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^Articles \(1\)$/),
      expect.stringMatching(/^Highlights and notes \(1\)$/),
    ]);
    for (const word of await panel().locator('mark').allTextContents()) expect(word.toLowerCase()).toBe('queequeg');
    await expect(panel().locator('.search-result-highlight .search-result-quote mark').count()).resolves.toBe(1);
    const shots = join(ROOT, 'docs/screenshots');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'search.png') });
  });
});
