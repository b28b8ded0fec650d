import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { highlightArticle } from '../support/highlighted-library.js';
import { toBase64Pieces } from '../../shared/contract/import-request.js';
import { closeReader, ROOT, startReader, type ReaderSession } from './harness.js';
import { importReadingLibrary, openArticle, TITLES, type ArticleName, highlightReadingLibrary, type MadeHighlights } from './reading-library.js';

let reader: ReaderSession;
let page: Page;
let ids: Record<ArticleName, string>;
/** The highlights made for the test, by a short name, in the order made. */
let made: MadeHighlights;

/**
 * Each test has a reader of its own over a fresh library (the sample article
 * and ten saved articles) with five highlights in four articles, made in
 * this order: two in Against Highlighting, one each in Index Cards, Monks and
 * Why We Underline (which is open).
 */
beforeEach(async () => {
  reader = await startReader();
  page = reader.page;
  ids = await importReadingLibrary(reader);
  made = await highlightReadingLibrary(reader, ids);
  await page.goto(reader.url);
  await page.waitForFunction((title) => document.title.startsWith(title), TITLES.wiki);
  await openArticle(page, ids.underline, TITLES.underline);
});

afterEach(() => closeReader(reader));

const view = () => page.locator('#all-highlights');
/** The highlights listed, by id, in the list's order (every row of a short list is in the page). */
const listed = () =>
  view()
    .locator('.all-highlights-list > li')
    .evaluateAll((items) =>
      items
        .map((li) => ({ at: Number(li.getAttribute('aria-posinset')), id: li.querySelector<HTMLElement>('.all-highlight')?.dataset.highlightId ?? '' }))
        .sort((a, b) => a.at - b.at)
        .map((row) => row.id),
    );
const idsOf = (...names: (keyof typeof made)[]) => names.map((name) => made[name].id);
const count = () => view().locator('.all-highlights-count').textContent();

describe('All highlights', () => {
  test('Ctrl+Shift+H lists every highlight by article (last highlighted first), in the order of the text within each; Esc goes back to reading', async () => {
    await page.locator('#reader .ProseMirror').focus();
    await page.keyboard.press('Control+Shift+H');
    await view().waitFor();
    await expect.poll(listed).toEqual(idsOf('choosing', 'glosses', 'card', 'promise', 'reason'));
    expect(await count()).toBe('5 highlights in 4 articles');
    const first = view().locator('.all-highlight').first();
    expect(await first.locator('.all-highlight-quote').textContent()).toBe('The act of choosing is what helps');
    expect(await first.locator('.all-highlight-note').textContent()).toBe('Choosing, not marking.');
    expect(await first.locator('.all-highlight-where').textContent()).toMatch(new RegExp(`^${TITLES.underline} · .+ · #method · #memory$`));
    // The reader under it is out of the keyboard's reach meanwhile.
    expect(await page.locator('#reader-scroll').evaluate((e) => (e as HTMLElement).inert)).toBe(true);
    const shots = join(ROOT, 'docs/screenshots');
    await mkdir(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'all-highlights.png') });

    await page.keyboard.press('Escape');
    await expect.poll(() => view().isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.closest('#reader') !== null)).toBe(true);
    expect(await page.locator('#reader-scroll').evaluate((e) => (e as HTMLElement).inert)).toBe(false);
  });

  test('filters by colour, words (case and accents not counting), notes, tag, the open article and days; the count follows', async () => {
    await page.getByRole('button', { name: /^All highlights in the library/ }).click();
    await expect.poll(listed).toEqual(idsOf('choosing', 'glosses', 'card', 'promise', 'reason'));
    await view().locator('.all-highlights-color').selectOption('purple');
    await expect.poll(listed).toEqual(idsOf('choosing'));
    expect(await count()).toBe('1 highlight in 1 article');
    await view().locator('.all-highlights-color').selectOption('');

    await view().locator('.all-highlights-text').fill('GLOSSES');
    await expect.poll(listed).toEqual(idsOf('glosses'));
    await view().locator('.all-highlights-text').fill('commentary');
    await expect.poll(listed).toEqual(idsOf('glosses'));
    await view().locator('.all-highlights-text').fill('');

    await view().locator('.all-highlights-show').selectOption('noted');
    await expect.poll(listed).toEqual(idsOf('choosing', 'glosses', 'promise'));
    await view().locator('.all-highlights-show').selectOption('all');

    // #method keeps the highlights tagged with it and with the tags nested under it.
    await view().locator('.all-highlights-tag').selectOption('method');
    await expect.poll(listed).toEqual(idsOf('choosing', 'card', 'promise', 'reason'));
    await view().locator('.all-highlights-tag').selectOption('');

    await view().locator('.all-highlights-scope').selectOption('open');
    await expect.poll(listed).toEqual(idsOf('choosing'));
    await view().locator('.all-highlights-scope').selectOption('library');

    await view().locator('.all-highlights-when').selectOption('today');
    await expect.poll(listed).toEqual(idsOf('choosing', 'glosses', 'card', 'promise', 'reason'));
    await view().locator('.all-highlights-when').selectOption('between');
    const day = (offset: number) => page.evaluate((o) => {
      const d = new Date();
      d.setDate(d.getDate() + o);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    }, offset);
    await view().locator('.all-highlights-to').fill(await day(-1));
    await expect.poll(listed).toEqual([]);
    expect(await view().locator('.all-highlights-empty').textContent()).toBe('No highlight matches these filters.');
    await view().locator('.all-highlights-to').fill(await day(0));
    await expect.poll(listed).toEqual(idsOf('choosing', 'glosses', 'card', 'promise', 'reason'));
  });

  test('arrow keys and Enter open a highlight’s article on its passage, the highlight active', async () => {
    await page.keyboard.press('Control+Shift+H');
    await view().locator('.all-highlights-text').fill('scribes');
    await expect.poll(listed).toEqual(idsOf('glosses'));
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.highlightId)).toBe(made.glosses.id);
    await page.keyboard.press('Enter');
    await page.waitForFunction((title) => document.title.startsWith(title), TITLES.monks);
    await expect.poll(() => view().isVisible()).toBe(false);
    await page.locator(`#highlight-list [aria-current="true"]`, { hasText: 'Medieval scribes' }).waitFor();
    await page.locator('.passage-flash').first().waitFor({ state: 'attached' });
  });

  test('Export these… writes exactly the highlights the filters keep', async () => {
    await page.keyboard.press('Control+Shift+H');
    await view().locator('.all-highlights-tag').selectOption('history');
    await expect.poll(listed).toEqual(idsOf('glosses', 'card'));
    await view().getByRole('button', { name: 'Export these…' }).click();
    const dialog = page.locator('.export-selected-dialog');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('Export 2 highlights from 2 articles to a folder');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    const folder = join(reader.dataDir, 'exports', 'obsidian');
    await page.locator('.notice', { hasText: `Exported to ${folder}: 2 new, 0 updated, 0 unchanged.` }).waitFor();
    const files = (await readdir(folder)).filter((name) => name.endsWith('.md'));
    const written = (await Promise.all(files.map((name) => readFile(join(folder, name), 'utf8')))).join('\n');
    expect(files).toHaveLength(2);
    expect(written).toContain('Each card held one idea');
    expect(written).toContain('Medieval scribes wrote glosses');
    // Index Cards has no other highlight; nothing of the articles the filter left out is written.
    for (const left of ['A highlight is a promise to come back.', 'The act of choosing is what helps']) expect(written).not.toContain(left);
  });

  test('1,200 more highlights in a book: the list scrolls to its last row, read a page at a time', async () => {
    const { summary } = await reader.call<{ summary: { id: string } }>('importFile', {
      fileName: 'pride-and-prejudice.txt',
      dataBase64: toBase64Pieces(await readFile(join(ROOT, '../shared/corpus/books/pride-and-prejudice.txt'))),
    });
    await highlightArticle(reader.call.bind(reader), summary.id, 'pride', 1200, 12, 7);
    await page.keyboard.press('Control+Shift+H');
    await expect.poll(count).toBe('1,205 highlights in 5 articles');
    // Only rows near the visible part are in the page.
    expect(await view().locator('.all-highlights-list > li').count()).toBeLessThan(60);
    await view().locator('.all-highlights-scroll').evaluate((e) => e.scrollTo(0, e.scrollHeight));
    // The row is drawn at once, its highlight once its page of rows has come from main.
    const last = view().locator('.all-highlights-list > li[aria-posinset="1205"] .all-highlight[data-highlight-id]');
    await last.waitFor();
    expect(await last.getAttribute('data-highlight-id')).toBe(made.reason.id);
  });
});
