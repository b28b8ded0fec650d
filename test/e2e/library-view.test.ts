import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { closeReader, highlightQuote, ROOT, startReader, type ReaderSession } from './harness.js';
import { importReadingLibrary, listedTitles, openArticle, TITLES, type ArticleName } from './reading-library.js';

let reader: ReaderSession;
let page: Page;
let ids: Record<ArticleName, string>;

/** Newest import first, as a fresh library lists it: the sample article was imported before the ten. */
const BY_IMPORT: ArticleName[] = ['wiki', 'journal', 'paper', 'monks', 'againstHighlighting', 'indexCards', 'slowReading', 'montaigne', 'underline', 'commonplace', 'sample'];

/**
 * Each test has a reader of its own over a fresh library: the sample article
 * and ten saved articles, three of them highlighted (three highlights, two
 * and one), some highlights tagged. The newest article is open.
 */
beforeEach(async () => {
  reader = await startReader();
  page = reader.page;
  ids = await importReadingLibrary(reader);
  await highlightQuote(reader, ids.againstHighlighting, 'A highlight is a promise to come back.', { color: 'yellow', note: 'The whole essay in one line.', tags: ['method/highlighting'] });
  await highlightQuote(reader, ids.againstHighlighting, 'highlight with a reason', { color: 'green', tags: ['method/highlighting'] });
  await highlightQuote(reader, ids.againstHighlighting, 'It is a pile.', { color: 'pink' });
  await highlightQuote(reader, ids.indexCards, 'Each card held one idea', { color: 'blue', tags: ['method/index-cards', 'history'] });
  await highlightQuote(reader, ids.indexCards, 'a partner in conversation', { color: 'yellow' });
  await highlightQuote(reader, ids.underline, 'The act of choosing is what helps', { color: 'purple', tags: ['memory'] });
  await page.goto(reader.url);
  await page.waitForFunction((title) => document.title.startsWith(title), TITLES.wiki);
  await expect.poll(() => listedTitles(page)).toHaveLength(BY_IMPORT.length);
});

afterEach(() => closeReader(reader));

const titlesOf = (names: readonly ArticleName[]) => names.map((name) => TITLES[name]);
const listed = () => listedTitles(page);
/** An article's button in the library list. */
const item = (name: ArticleName) => page.locator(`#library .library-item[data-article-id="${ids[name]}"]`);
/** An article's row in the library list (its button, Rename and Trash). */
const row = (name: ArticleName) => page.locator(`#library .library-row[data-article-id="${ids[name]}"]`);
const libraryIds = async () => (await reader.call<{ id: string }[]>('listArticles')).map((a) => a.id);
const trashIds = async () => (await reader.call<{ id: string }[]>('listTrash')).map((a) => a.id);
const windowTitle = () => page.title();
const undo = (message: string) => page.locator('.notice-undo', { hasText: message }).getByRole('button', { name: 'Undo' });

describe('the library view', () => {
  test('sorting by title, author or most highlighted changes the order of the list, and the order is kept after a reload', async () => {
    expect(await listed()).toEqual(titlesOf(BY_IMPORT));

    await page.selectOption('#library-sort', 'title');
    await expect.poll(listed).toEqual(
      titlesOf(['slowReading', 'againstHighlighting', 'monks', 'indexCards', 'montaigne', 'sample', 'paper', 'commonplace', 'journal', 'underline', 'wiki']),
    );

    // By author as the byline is written; the two articles of one author by title; articles without an author last.
    await page.selectOption('#library-sort', 'author');
    await expect.poll(listed).toEqual(
      titlesOf(['againstHighlighting', 'commonplace', 'indexCards', 'montaigne', 'monks', 'paper', 'slowReading', 'underline', 'wiki', 'sample', 'journal']),
    );
    expect(await item('againstHighlighting').locator('.library-details').textContent()).toContain('Ada Whitcombe');

    // Three highlights, two, one; then the articles without any, by title.
    await page.selectOption('#library-sort', 'highlights');
    const mostHighlighted = titlesOf(['againstHighlighting', 'indexCards', 'underline', 'slowReading', 'monks', 'montaigne', 'sample', 'paper', 'commonplace', 'journal', 'wiki']);
    await expect.poll(listed).toEqual(mostHighlighted);
    expect(await page.locator('#library').getAttribute('aria-label')).toBe('Articles, most highlighted first');

    await page.reload();
    await page.waitForFunction((title) => document.title.startsWith(title), TITLES.wiki);
    await expect.poll(listed).toEqual(mostHighlighted);
    expect(await page.locator('#library-sort').inputValue()).toBe('highlights');
  });

  test('"Recently read" lists the articles opened last first, then those never opened, newest first', async () => {
    await openArticle(page, ids.monks, TITLES.monks);
    await openArticle(page, ids.underline, TITLES.underline);
    await page.selectOption('#library-sort', 'read');
    // The newest article was opened at start, before the two.
    const read = titlesOf(['underline', 'monks', 'wiki', 'journal', 'paper', 'againstHighlighting', 'indexCards', 'slowReading', 'montaigne', 'commonplace', 'sample']);
    await expect.poll(listed).toEqual(read);
    // After a reload the article read last opens again, and the order is the same.
    await page.reload();
    await page.waitForFunction((title) => document.title.startsWith(title), TITLES.underline);
    await expect.poll(listed).toEqual(read);
    await openArticle(page, ids.commonplace, TITLES.commonplace);
    await expect.poll(async () => (await listed())[0]).toBe(TITLES.commonplace);
  });

  test('the filter field keeps the articles whose title, author or site has the words typed', async () => {
    const filter = page.locator('#library-filter');
    const counts = page.locator('.library-counts');
    await filter.fill('reading room');
    await expect.poll(listed).toEqual(titlesOf(['paper', 'underline']));
    expect(await counts.textContent()).toBe('2 of 11 articles');
    // Case and accents do not count.
    await filter.fill('HELENE');
    await expect.poll(listed).toEqual(titlesOf(['montaigne']));
    await filter.fill('whitcombe highlighting');
    await expect.poll(listed).toEqual(titlesOf(['againstHighlighting']));
    await filter.fill('no article says this');
    await expect.poll(listed).toEqual([]);
    expect(await page.locator('.library-empty').textContent()).toBe('No article matches.');
    // Esc empties the field: every article again.
    await filter.press('Escape');
    await expect.poll(listed).toEqual(titlesOf(BY_IMPORT));
    expect(await filter.inputValue()).toBe('');
    expect(await page.locator('#library-status').isVisible()).toBe(false);
  });

  test('the "has" menu keeps the articles with a noted highlight or one of a colour, combined with the filter field, across a reload', async () => {
    await page.selectOption('#library-has', 'noted');
    await expect.poll(listed).toEqual(titlesOf(['againstHighlighting']));
    expect(await page.locator('.library-counts').textContent()).toBe('1 of 11 articles');
    await page.selectOption('#library-has', 'yellow');
    await expect.poll(listed).toEqual(titlesOf(['againstHighlighting', 'indexCards']));
    await page.locator('#library-filter').fill('index');
    await expect.poll(listed).toEqual(titlesOf(['indexCards']));
    await page.locator('#library-filter').fill('');
    await page.selectOption('#library-has', 'purple');
    await expect.poll(listed).toEqual(titlesOf(['underline']));
    await page.reload();
    await page.waitForFunction((title) => document.title.startsWith(title), TITLES.wiki);
    await expect.poll(listed).toEqual(titlesOf(['underline']));
    expect(await page.locator('#library-has').inputValue()).toBe('purple');
    await page.selectOption('#library-has', 'any');
    await expect.poll(listed).toEqual(titlesOf(BY_IMPORT));
  });

  test('a tag chosen in the Tags tab keeps the articles whose highlights carry it or a tag nested under it, across a reload', async () => {
    await page.locator('#tab-tags').click();
    await page.locator('.tag-row[data-tag="method"]').hover();
    await page.getByRole('button', { name: 'Show the articles tagged #method', exact: true }).click();
    expect(await page.locator('#articles-panel').isVisible()).toBe(true);
    // #method/highlighting and #method/index-cards are nested under #method.
    await expect.poll(listed).toEqual(titlesOf(['againstHighlighting', 'indexCards']));
    expect(await page.locator('.library-tag-filter').textContent()).toContain('#method');
    expect(await page.locator('.library-counts').textContent()).toBe('2 of 11 articles');

    await page.reload();
    await page.waitForFunction((title) => document.title.startsWith(title), TITLES.wiki);
    await expect.poll(listed).toEqual(titlesOf(['againstHighlighting', 'indexCards']));

    await page.locator('#tab-tags').click();
    await page.locator('.tag-row[data-tag="memory"]').hover();
    await page.getByRole('button', { name: 'Show the articles tagged #memory', exact: true }).click();
    await expect.poll(listed).toEqual(titlesOf(['underline']));

    await page.locator('.library-tag-filter-clear').click();
    await expect.poll(listed).toEqual(titlesOf(BY_IMPORT));
    expect(await page.locator('.library-tag-filter').isVisible()).toBe(false);
  });

  test('F2 renames the focused article: Enter saves the title in the list, the window and the library; Esc cancels', async () => {
    await item('wiki').focus();
    await page.keyboard.press('F2');
    const field = page.locator('.library-rename-input');
    await expect.poll(() => field.evaluate((e) => e === document.activeElement)).toBe(true);
    expect(await field.inputValue()).toBe(TITLES.wiki);
    // The whole title is selected: typing replaces it.
    await page.keyboard.type('Growing a personal wiki');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await listed())[0]).toBe('Growing a personal wiki');
    expect(await windowTitle()).toBe('Growing a personal wiki — Marginalia');
    expect((await reader.call<{ id: string; title: string }[]>('listArticles')).find((a) => a.id === ids.wiki)?.title).toBe('Growing a personal wiki');
    // The keyboard is back on the article's row.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-article-id'))).toBe(ids.wiki);

    await page.keyboard.press('F2');
    await expect.poll(() => field.evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.type('A title never saved');
    await page.keyboard.press('Escape');
    await expect.poll(() => field.count()).toBe(0);
    expect((await listed())[0]).toBe('Growing a personal wiki');
    expect(await windowTitle()).toBe('Growing a personal wiki — Marginalia');
    expect((await reader.call<{ id: string; title: string }[]>('listArticles')).find((a) => a.id === ids.wiki)?.title).toBe('Growing a personal wiki');
  });

  test('the Rename button renames an article that is not open, without opening it', async () => {
    await row('journal').hover();
    await row('journal').locator('.library-rename').click();
    await page.keyboard.type('Keeping a reading journal');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await listed())[1]).toBe('Keeping a reading journal');
    expect(await windowTitle()).toBe(`${TITLES.wiki} — Marginalia`);
  });

  test('Delete moves the focused article to the trash, and Undo in the notice brings it back', async () => {
    await openArticle(page, ids.monks, TITLES.monks);
    await item('monks').focus();
    await page.keyboard.press('Delete');
    const message = `Moved “${TITLES.monks}” to the trash.`;
    await undo(message).waitFor();
    await expect.poll(listed).toEqual(titlesOf(BY_IMPORT.filter((name) => name !== 'monks')));
    expect(await libraryIds()).not.toContain(ids.monks);
    expect(await trashIds()).toEqual([ids.monks]);
    // The article listed after it opens in its place, and the keyboard stays on its row.
    await expect.poll(windowTitle).toBe(`${TITLES.againstHighlighting} — Marginalia`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-article-id'))).toBe(ids.againstHighlighting);

    await undo(message).click();
    await expect.poll(listed).toEqual(titlesOf(BY_IMPORT));
    expect(await libraryIds()).toContain(ids.monks);
    expect(await trashIds()).toEqual([]);
    // It was the open article: it opens again.
    await expect.poll(windowTitle).toBe(`${TITLES.monks} — Marginalia`);
  });

  test('a deleted article is listed in the Trash, and Restore brings it back to the library', async () => {
    await row('underline').hover();
    await row('underline').locator('.library-trash').click();
    await expect.poll(listed).not.toContain(TITLES.underline);

    await page.locator('#tab-trash').click();
    const trashed = page.locator('#trash-list .trash-row', { hasText: TITLES.underline });
    await trashed.waitFor();
    expect(await page.locator('#trash-list .trash-row').count()).toBe(1);
    expect(await trashed.locator('.library-details').textContent()).toMatch(/^Deleted \w{3} \d{1,2}, \d{4}/u);

    await trashed.getByRole('button', { name: `Restore “${TITLES.underline}”` }).click();
    await expect.poll(() => page.locator('#trash-list .trash-row').count()).toBe(0);
    expect(await page.locator('.trash-empty').isVisible()).toBe(true);
    expect(await trashIds()).toEqual([]);
    await page.locator('#tab-articles').click();
    await expect.poll(listed).toEqual(titlesOf(BY_IMPORT));
  });

  test('Empty trash removes the deleted articles for good, only after the reader confirms', async () => {
    await reader.call('deleteArticle', { articleId: ids.paper });
    await reader.call('deleteArticle', { articleId: ids.journal });
    await page.locator('#tab-trash').click();
    await expect.poll(() => page.locator('#trash-list .trash-row').count()).toBe(2);

    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page.locator('.trash-empty-button').click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('Remove the 2 articles in the trash for good?');
    expect(await page.locator('#trash-list .trash-row').count()).toBe(2);
    expect((await trashIds()).sort()).toEqual([ids.paper, ids.journal].sort());

    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('.trash-empty-button').click();
    await expect.poll(() => page.locator('#trash-list .trash-row').count()).toBe(0);
    expect(await page.locator('.trash-empty-button').isDisabled()).toBe(true);
    expect(await trashIds()).toEqual([]);
    await expect(reader.call('restoreArticle', { articleId: ids.paper })).rejects.toThrow();
  });

  test('Ctrl-click, Shift-click and Space choose articles; Delete moves them all to the trash, and Undo brings them all back', async () => {
    await openArticle(page, ids.againstHighlighting, TITLES.againstHighlighting);
    await item('paper').click({ modifiers: ['ControlOrMeta'] });
    await item('againstHighlighting').click({ modifiers: ['Shift'] });
    await item('commonplace').click({ modifiers: ['ControlOrMeta'] });
    // Space on a focused row chooses it too (and does not open it).
    await item('underline').focus();
    await page.keyboard.press('Space');
    const chosen = () => page.locator('#library .library-row.is-selected').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-article-id')));
    await expect.poll(chosen).toEqual([ids.paper, ids.monks, ids.againstHighlighting, ids.underline, ids.commonplace]);
    expect(await page.locator('.library-selection-count').textContent()).toBe('5 selected');
    expect(await windowTitle()).toBe(`${TITLES.againstHighlighting} — Marginalia`);
    await page.keyboard.press('Space');
    await expect.poll(chosen).toEqual([ids.paper, ids.monks, ids.againstHighlighting, ids.commonplace]);

    await page.mouse.move(700, 450);
    await page.locator('.notice-close').evaluateAll((buttons) => buttons.forEach((b) => (b as HTMLElement).click()));
    const shots = join(ROOT, 'docs/screenshots');
    await mkdir(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'library-view.png') });

    await page.getByRole('button', { name: 'Move the 4 selected articles to the trash' }).click();
    await undo('Moved 4 articles to the trash.').waitFor();
    await expect.poll(listed).toEqual(titlesOf(['wiki', 'journal', 'indexCards', 'slowReading', 'montaigne', 'underline', 'sample']));
    expect((await trashIds()).sort()).toEqual([ids.paper, ids.monks, ids.againstHighlighting, ids.commonplace].sort());
    expect(await page.locator('#library-selection').isVisible()).toBe(false);
    // The open article was one of them: the article listed after them opens.
    await expect.poll(windowTitle).toBe(`${TITLES.sample} — Marginalia`);

    await undo('Moved 4 articles to the trash.').click();
    await expect.poll(listed).toEqual(titlesOf(BY_IMPORT));
    expect(await trashIds()).toEqual([]);
    await expect.poll(windowTitle).toBe(`${TITLES.againstHighlighting} — Marginalia`);
  });

  test('Export selected writes one Markdown file per chosen article into the export folder', async () => {
    await item('indexCards').click({ modifiers: ['ControlOrMeta'] });
    await item('againstHighlighting').click({ modifiers: ['ControlOrMeta'] });
    await page.getByRole('button', { name: 'Export the 2 selected articles to a folder' }).click();
    const dialog = page.locator('.export-selected-dialog');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('Export 2 selected articles to a folder');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    // The browser host asks for no folder: it writes into the library's exports folder, one per layout.
    const folder = join(reader.dataDir, 'exports', 'obsidian');
    await page.locator('.notice', { hasText: `Exported to ${folder}: 2 new, 0 updated, 0 unchanged.` }).waitFor();
    const files = (await readdir(folder)).filter((name) => name.endsWith('.md')).sort();
    expect(files).toHaveLength(2);
    const written = await Promise.all(files.map((name) => readFile(join(folder, name), 'utf8')));
    expect(written.some((text) => text.includes(`# ${TITLES.againstHighlighting}`) && text.includes('A highlight is a promise to come back.'))).toBe(true);
    expect(written.some((text) => text.includes(`# ${TITLES.indexCards}`) && text.includes('Each card held one idea'))).toBe(true);
  });
});
