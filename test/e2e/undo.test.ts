import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Highlight } from '../../shared/model.js';
import { closeReader, highlightQuote, highlightsOnDisk, sampleArticleId, startReader, type ReaderSession } from './harness.js';

let reader: ReaderSession;
let page: Page;
let articleId: string;
let noted: Highlight;

beforeEach(async () => {
  reader = await startReader();
  page = reader.page;
  articleId = await sampleArticleId(reader);
  noted = await highlightQuote(reader, articleId, 'The hard diplomacy on Syria set the tone', { color: 'yellow', note: 'ninety minutes of it' });
  await page.goto(reader.url);
  await page.waitForFunction(() => document.title.startsWith('Putin'));
  await page.locator(`.highlight-item[data-highlight-id="${noted.id}"]`).waitFor();
});

afterEach(() => closeReader(reader));

const onDisk = async () => (await highlightsOnDisk(reader.dataDir)).find((h) => h.id === noted.id);
const activate = async () => {
  await page.locator(`.highlight-item[data-highlight-id="${noted.id}"]`).click();
  await expect.poll(() => page.locator('.highlight-item[aria-current="true"]').getAttribute('data-highlight-id')).toBe(noted.id);
};

describe('undo and redo', () => {
  test('Delete removes a noted highlight at once with an Undo in the notice, and Undo brings it back with its note', async () => {
    await activate();
    await page.keyboard.press('Delete');
    const notice = page.locator('.notice-undo', { hasText: 'Deleted the highlight and its note.' });
    await notice.waitFor();
    await expect.poll(onDisk).toBeUndefined();
    await notice.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await onDisk())?.note).toBe('ninety minutes of it');
    await page.locator(`.note-card[data-highlight-id="${noted.id}"]`).waitFor();
  });

  test('Ctrl+Z undoes a recolour and Ctrl+Shift+Z does it again, also after a reload', async () => {
    await activate();
    await page.keyboard.press('2');
    await expect.poll(async () => (await onDisk())?.color).toBe('green');
    await page.reload();
    await page.waitForFunction(() => document.title.startsWith('Putin'));
    await page.locator('#reader .ProseMirror').focus();
    await page.keyboard.press('Control+Z');
    await expect.poll(async () => (await onDisk())?.color).toBe('yellow');
    await page.locator('.notice', { hasText: 'Undid “Recolour highlight”.' }).waitFor();
    await expect.poll(() => page.locator(`.highlight-item[data-highlight-id="${noted.id}"] .swatch`).getAttribute('class')).toContain('swatch-yellow');
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(async () => (await onDisk())?.color).toBe('green');
  });

  test('in a note being typed, Ctrl+Z undoes the typing, not a change to the highlights', async () => {
    await activate();
    await page.keyboard.press('2');
    await expect.poll(async () => (await onDisk())?.color).toBe('green');
    await page.keyboard.press('n');
    const field = page.locator(`.note-card[data-highlight-id="${noted.id}"] textarea`);
    await field.waitFor();
    await page.keyboard.type(' and more');
    await page.keyboard.press('Control+Z');
    expect(await field.inputValue()).not.toContain('and more');
    expect((await onDisk())?.color).toBe('green');
  });

  test('Ctrl+Z undoes a note edit, a tag rename across the library and an article deleted from the library, newest first; then redoes them', async () => {
    await reader.call('updateHighlight', { articleId, highlightId: noted.id, tags: ['diplomacy'] });
    await page.reload();
    await page.waitForFunction(() => document.title.startsWith('Putin'));
    await activate();
    await page.keyboard.press('n');
    const field = page.locator(`.note-card[data-highlight-id="${noted.id}"] textarea`);
    await field.fill('a new note');
    await page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await onDisk())?.note).toBe('a new note');

    await page.locator('#tab-tags').click();
    await page.locator('.tag-row[data-tag="diplomacy"]').hover();
    await page.getByRole('button', { name: 'Rename #diplomacy' }).click();
    await page.keyboard.type('statecraft');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await onDisk())?.tags).toEqual(['statecraft']);

    await page.locator('#tab-articles').click();
    await page.locator(`.library-item[data-article-id="${articleId}"]`).focus();
    await page.keyboard.press('Delete');
    await expect.poll(async () => (await reader.call<unknown[]>('listArticles')).length).toBe(0);

    await page.keyboard.press('Control+Z');
    await expect.poll(async () => (await reader.call<unknown[]>('listArticles')).length).toBe(1);
    await page.keyboard.press('Control+Z');
    await expect.poll(async () => (await onDisk())?.tags).toEqual(['diplomacy']);
    await page.keyboard.press('Control+Z');
    await expect.poll(async () => (await onDisk())?.note).toBe('ninety minutes of it');
    await page.locator(`.note-card[data-highlight-id="${noted.id}"]`, { hasText: 'ninety minutes of it' }).waitFor();

    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(async () => (await onDisk())?.note).toBe('a new note');
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(async () => (await onDisk())?.tags).toEqual(['statecraft']);
  });
});
