import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { closeReader, clickPainted, highlightQuote, highlightsOnDisk, paintedPassages, sampleArticleId, startReader, type ReaderSession } from './harness.js';

const TAGGED = 'Secretary of State John Kerry has been pushing for a deal';
const UNTAGGED = 'The two leaders conversed on the sidelines of the Group of 20 summit';

let reader: ReaderSession;
let page: Page;
let untaggedId: string;

/**
 * Each test has a reader of its own over a fresh library: the sample article
 * with one highlight tagged #diplomacy and #diplomats (the known tags), and
 * one without tags, whose tag editor the test opens with t.
 */
beforeEach(async () => {
  reader = await startReader();
  page = reader.page;
  const articleId = await sampleArticleId(reader);
  await highlightQuote(reader, articleId, TAGGED, { color: 'yellow', tags: ['diplomacy', 'diplomats'] });
  untaggedId = (await highlightQuote(reader, articleId, UNTAGGED, { color: 'green' })).id;
  await page.goto(reader.url);
  await page.locator('.article-title', { hasText: 'Putin Says' }).waitFor();
  await expect.poll(async () => (await paintedPassages(page)).some((p) => p.text === UNTAGGED)).toBe(true);
  await clickPainted(page, UNTAGGED);
  await expect.poll(() => page.locator('.article mark.hl-active').first().getAttribute('class')).toContain('hl-green');
  await page.keyboard.press('t');
  await expect.poll(() => field().evaluate((e) => e === document.activeElement)).toBe(true);
});

afterEach(() => closeReader(reader));

const card = () => page.locator(`.note-card[data-highlight-id="${untaggedId}"]`);
const field = () => page.locator('.note-card .tag-input-field');
const options = () => page.locator('.tag-suggestions [role="option"]');
const chips = () => card().locator('.tag-chip');
/** The text of the highlighted suggestion, or null when none is. */
const highlightedOption = () => page.locator('.tag-suggestions [role="option"][aria-selected="true"]').allTextContents().then((t) => t[0] ?? null);
const storedTags = async () => (await highlightsOnDisk(reader.dataDir)).find((h) => h.id === untaggedId)?.tags;
const chipTexts = () => chips().evaluateAll((all) => all.map((chip) => chip.firstChild?.textContent ?? ''));

describe('the tag editor’s suggestions and keys', () => {
  test('typing the start of a known tag highlights it, and Enter takes it rather than the letters typed', async () => {
    await page.keyboard.type('di');
    await expect.poll(highlightedOption).toMatch(/^#(diplomacy|diplomats)$/);
    const taken = (await highlightedOption())!.slice(1);
    await page.keyboard.press('Enter');
    await expect.poll(chipTexts).toEqual([`#${taken}`]);
    await expect.poll(storedTags).toEqual([taken]);
    // The editor stays open for the next tag, its field empty.
    expect(await field().inputValue()).toBe('');
  });

  test('Tab takes the highlighted suggestion and keeps the focus in the tag field', async () => {
    await page.keyboard.type('dip');
    await expect.poll(highlightedOption).toMatch(/^#(diplomacy|diplomats)$/);
    const taken = (await highlightedOption())!.slice(1);
    await page.keyboard.press('Tab');
    await expect.poll(chipTexts).toEqual([`#${taken}`]);
    expect(await field().evaluate((e) => e === document.activeElement)).toBe(true);
    await expect.poll(storedTags).toEqual([taken]);
  });

  test('the arrow keys move the highlight through the suggestions, and Enter takes the one highlighted', async () => {
    await page.keyboard.type('dip');
    await expect.poll(() => options().count()).toBe(2);
    const [first, second] = await options().allTextContents();
    expect(await highlightedOption()).toBe(first);
    // The first ArrowDown keeps the highlight the typing gave; the next moves it; ArrowUp moves it back.
    await page.keyboard.press('ArrowDown');
    expect(await highlightedOption()).toBe(first);
    await page.keyboard.press('ArrowDown');
    expect(await highlightedOption()).toBe(second);
    await page.keyboard.press('ArrowUp');
    expect(await highlightedOption()).toBe(first);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(chipTexts).toEqual([second]);
    await expect.poll(storedTags).toEqual([second!.slice(1)]);
  });

  test('Esc drops the letters typed and closes the suggestions without saving them; Esc again closes the editor', async () => {
    await page.keyboard.type('di');
    await expect.poll(() => options().count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.tag-suggestions').isVisible()).toBe(false);
    expect(await field().inputValue()).toBe('');
    expect(await field().evaluate((e) => e === document.activeElement)).toBe(true);
    expect(await chips().count()).toBe(0);

    await page.keyboard.press('Escape');
    await expect.poll(() => field().count()).toBe(0);
    // A tag added afterwards is saved after anything the editor saved before: only it is there.
    await page.keyboard.press('t');
    await expect.poll(() => field().evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.type('summit');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(() => field().count()).toBe(0);
    await expect.poll(storedTags).toEqual(['summit']);
    expect(await chipTexts()).toEqual(['#summit']);
  });

  test('Enter saves what was typed when no suggestion starts with it', async () => {
    // "plo" is inside #diplomacy and #diplomats: they are suggested, but neither is highlighted.
    await page.keyboard.type('plo');
    await expect.poll(() => options().count()).toBe(2);
    expect(await highlightedOption()).toBeNull();
    await page.keyboard.press('Enter');
    await page.keyboard.type('brandnew');
    await expect.poll(() => options().count()).toBe(0);
    await page.keyboard.press('Enter');
    await expect.poll(chipTexts).toEqual(['#plo', '#brandnew']);
    await expect.poll(storedTags).toEqual(['plo', 'brandnew']);
  });
});
