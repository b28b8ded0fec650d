import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { toBase64Pieces } from '../../shared/contract/import-request.js';
import type { Highlight } from '../../shared/model.js';
import { clickWords, highlightQuote, ROOT, sampleArticleId, startReader, type ReaderSession } from './harness.js';

/*
 * A narrow window (issue 15): the text column keeps at least about 45
 * characters. The sidebar becomes a drawer behind a Library toggle, and the
 * notes lie under their paragraphs (never over the text) where the margin
 * has no room; a wide window is laid out as before.
 */

const NARROW = { width: 700, height: 900 };
const WIDE = { width: 1400, height: 900 };
const NOTED = 'Secretary of State John Kerry has been pushing for a deal';
const NOTE = 'Kerry had pushed for a deal like this since the summer: *coordinated* strikes.';
/** Seven passages of the second paragraph, one note each. */
const CROWD = [
  'The two leaders conversed',
  'sidelines of the Group of 20 summit',
  'in Hangzhou for ninety minutes',
  'a senior U.S. official said',
  'worked to clarify gaps in negotiations',
  'suggested the USA has concerns',
  'enforcing the terms',
];
const crowdNote = (i: number) => `Note ${i + 1} on the talks: who said what, and when, and what the officials on both sides made of it afterwards, long enough to wrap onto a third line in a card as wide as the text.`;
const OTHER_ARTICLE = ['# A second article', '', 'Its only paragraph, to open from the drawer.', ''].join('\n');

let reader: ReaderSession;
let page: Page;
let articleId: string;

beforeEach(async () => {
  reader = await startReader();
  page = reader.page;
  articleId = await sampleArticleId(reader);
});

afterEach(async () => {
  try {
    expect(reader.log.pageErrors).toEqual([]);
    expect(reader.log.consoleErrors).toEqual([]);
    expect(reader.log.cspViolations).toEqual([]);
    expect(reader.log.foreignRequests).toEqual([]);
  } finally {
    await reader.close();
  }
});

/** Opens the reader in a window of this size, on the sample article (the newest article: the one opened first). */
const openAt = async (size: { width: number; height: number }, title = 'Putin Says') => {
  await page.setViewportSize(size);
  await page.goto(reader.url);
  await page.locator('.article-title', { hasText: title }).waitFor();
};

const shots = async (name: string) => {
  const dir = join(ROOT, 'docs/screenshots');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, name) });
};

const card = (h: Highlight) => page.locator(`.note-card[data-highlight-id="${h.id}"]`);
const toggle = () => page.getByRole('button', { name: 'Library', exact: true });
const sidebar = () => page.locator('.sidebar');
/** Whether the keyboard's focus is in an element. */
const hasFocus = (locator: Locator) => locator.evaluate((element) => element.contains(document.activeElement));
const settled = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

/** The characters on the first line of the article's first paragraph that runs to a second line, counted by their boxes. */
const firstLineCharacters = () =>
  page.evaluate(() => {
    for (const paragraph of document.querySelectorAll('.article p')) {
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      let firstTop: number | null = null;
      let count = 0;
      for (let text = walker.nextNode() as Text | null; text; text = walker.nextNode() as Text | null) {
        for (let i = 0; i < text.length; i++) {
          const character = document.createRange();
          character.setStart(text, i);
          character.setEnd(text, i + 1);
          const box = character.getClientRects()[0];
          if (!box) continue;
          firstTop ??= box.top;
          if (box.top > firstTop + box.height / 2) return count;
          count++;
        }
      }
    }
    return 0;
  });

/** The boxes of every line of the article's text, in the window. */
const textBoxes = () =>
  page.evaluate(() => {
    const boxes: { left: number; top: number; right: number; bottom: number }[] = [];
    const walker = document.createTreeWalker(document.querySelector('.article')!, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode() as Text | null; text; text = walker.nextNode() as Text | null) {
      const range = document.createRange();
      range.selectNodeContents(text);
      for (const box of range.getClientRects()) if (box.width > 0 && box.height > 0) boxes.push({ left: box.left, top: box.top, right: box.right, bottom: box.bottom });
    }
    return boxes;
  });

/** The lines of text a card's box covers (none is the rule). */
const textUnder = async (locator: Locator) => {
  const box = (await locator.boundingBox())!;
  return (await textBoxes()).filter((line) => line.left < box.x + box.width && line.right > box.x && line.top < box.y + box.height && line.bottom > box.y);
};

/** The box of the paragraph holding a phrase (its text, without the room kept under it), and of the block after it. */
const paragraphAround = (phrase: string) =>
  page.evaluate((wanted) => {
    const paragraph = [...document.querySelectorAll('.article p')].find((p) => p.textContent?.includes(wanted))!;
    const range = document.createRange();
    range.selectNodeContents(paragraph);
    const lines = [...range.getClientRects()];
    const next = paragraph.nextElementSibling ?? paragraph.parentElement!.nextElementSibling?.firstElementChild;
    return {
      left: paragraph.getBoundingClientRect().left,
      right: paragraph.getBoundingClientRect().right,
      textBottom: Math.max(...lines.map((line) => line.bottom)),
      nextTop: next!.getBoundingClientRect().top,
    };
  }, phrase);

describe('a window 700 px wide', () => {
  test('the text column holds at least 45 characters of a line, and the page does not scroll sideways', async () => {
    await openAt(NARROW);
    expect(await firstLineCharacters()).toBeGreaterThanOrEqual(45);
    const area = page.locator('#reader-scroll');
    expect(await area.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    // The column is where the sidebar was: the reading area has the window's width.
    expect((await area.boundingBox())!.width).toBe(NARROW.width);
  });

  test('the sidebar is a drawer behind the Library toggle: it opens with the keyboard in it, and Esc, the toggle or an article opened from it closes it with the keyboard back on the toggle; a click in the text closes it too', async () => {
    await reader.call('importFile', { fileName: 'second.md', dataBase64: toBase64Pieces(Buffer.from(OTHER_ARTICLE)) });
    const noted = await highlightQuote(reader, articleId, NOTED, { color: 'yellow', note: NOTE });
    // The article imported last opens first; the sample is opened from the drawer.
    await openAt(NARROW, 'A second article');
    expect(await sidebar().isVisible()).toBe(false);
    expect(await toggle().getAttribute('aria-expanded')).toBe('false');
    const toggleBox = (await toggle().boundingBox())!;
    expect(toggleBox.x).toBeLessThan(20);
    expect(toggleBox.y).toBeLessThan(20);
    // Shut, the drawer is out of the keyboard's way: Tab from the toggle goes to the reading area.
    await toggle().focus();
    await page.keyboard.press('Tab');
    expect(await hasFocus(sidebar())).toBe(false);

    // Opened with the keyboard: the drawer lies over the reading area, the keyboard in it on the open article.
    await toggle().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => sidebar().isVisible()).toBe(true);
    expect(await toggle().getAttribute('aria-expanded')).toBe('true');
    expect(await toggle().getAttribute('aria-controls')).toBe(await sidebar().getAttribute('id'));
    expect(await hasFocus(sidebar())).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-current'))).toBe('true');
    const drawer = (await sidebar().boundingBox())!;
    const area = (await page.locator('#reader-scroll').boundingBox())!;
    expect(drawer.x).toBe(0);
    expect(drawer.x + drawer.width).toBeGreaterThan(area.x + 200);
    expect(drawer.y + drawer.height).toBe(NARROW.height);

    // Esc closes it: the keyboard is back on the toggle, and the active highlight (none) and the article untouched.
    await page.keyboard.press('Escape');
    await expect.poll(() => sidebar().isVisible()).toBe(false);
    expect(await toggle().getAttribute('aria-expanded')).toBe('false');
    expect(await hasFocus(toggle())).toBe(true);

    // The toggle opens and closes it.
    await toggle().click();
    await expect.poll(() => sidebar().isVisible()).toBe(true);
    expect(await hasFocus(sidebar())).toBe(true);
    await toggle().click();
    await expect.poll(() => sidebar().isVisible()).toBe(false);
    expect(await hasFocus(toggle())).toBe(true);

    // An article opened from it closes it.
    await toggle().click();
    await page.locator(`.library-item[data-article-id="${articleId}"]`).click();
    await page.locator('.article-title', { hasText: 'Putin Says' }).waitFor();
    await expect.poll(() => sidebar().isVisible()).toBe(false);
    expect(await toggle().getAttribute('aria-expanded')).toBe('false');
    expect(await hasFocus(toggle())).toBe(true);

    // A click in the text closes it too, and the keyboard stays in the text.
    await toggle().click();
    await expect.poll(() => sidebar().isVisible()).toBe(true);
    await clickWords(page, 'the Group of');
    await expect.poll(() => sidebar().isVisible()).toBe(false);
    expect(await hasFocus(page.locator('.article'))).toBe(true);

    await toggle().click();
    await expect.poll(() => sidebar().isVisible()).toBe(true);
    await card(noted).waitFor();
    await settled();
    await shots('narrow-drawer.png');
  });

  test('a note lies under its paragraph, covering none of the text, and the next paragraph moves down to make room', async () => {
    const noted = await highlightQuote(reader, articleId, NOTED, { color: 'yellow', note: NOTE, tags: ['diplomacy'] });
    await openAt(NARROW);
    await card(noted).waitFor();
    await settled();
    const box = (await card(noted).boundingBox())!;
    const paragraph = await paragraphAround(NOTED);
    expect(box.y).toBeGreaterThanOrEqual(paragraph.textBottom);
    expect(box.y + box.height).toBeLessThanOrEqual(paragraph.nextTop);
    expect(box.x).toBeGreaterThanOrEqual(paragraph.left - 1);
    expect(box.x + box.width).toBeLessThanOrEqual(paragraph.right + 1);
    expect(await textUnder(card(noted))).toEqual([]);
    // The card shows its note and tags, and a click on it makes its highlight active.
    expect(await card(noted).locator('.note-text em').textContent()).toBe('coordinated');
    expect(await card(noted).locator('.tag-chip').textContent()).toBe('#diplomacy');
    await shots('narrow.png');
    await card(noted).click({ position: { x: 8, y: 8 } });
    await expect.poll(() => card(noted).getAttribute('class')).toContain('is-active');
    // Its editor opens in the card, under the paragraph still.
    await page.keyboard.press('n');
    await card(noted).locator('textarea').waitFor();
    await settled();
    expect(await textUnder(card(noted))).toEqual([]);
    expect((await card(noted).boundingBox())!.y + (await card(noted).boundingBox())!.height).toBeLessThanOrEqual((await paragraphAround(NOTED)).nextTop);
    await page.keyboard.press('Escape');
    await card(noted).locator('.note-text').waitFor();

    // A longer note: the room grows with the card, and the text below still clears it.
    await reader.call('updateHighlight', { articleId, highlightId: noted.id, note: `${NOTE}\n\n${'More on the talks and what came of them. '.repeat(8)}` });
    await page.reload();
    await card(noted).waitFor();
    await settled();
    const longer = (await card(noted).boundingBox())!;
    expect(longer.height).toBeGreaterThan(box.height + 40);
    expect(longer.y + longer.height).toBeLessThanOrEqual((await paragraphAround(NOTED)).nextTop);
    expect(await textUnder(card(noted))).toEqual([]);
  });

  test("a crowded paragraph folds its notes into a count under it; opened, they all lie under it; the active card is shown and on screen", async () => {
    const crowd: Highlight[] = [];
    for (const [i, quote] of CROWD.entries()) crowd.push(await highlightQuote(reader, articleId, quote, { color: i % 2 ? 'blue' : 'green', note: crowdNote(i) }));
    await openAt(NARROW);
    const count = page.locator('.note-count');
    await expect.poll(() => count.count()).toBe(1);
    await settled();
    const folded = () => page.locator('.note-card.is-collapsed').evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.highlightId));
    const hidden = await folded();
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    expect(hidden).toEqual(crowd.slice(crowd.length - hidden.length).map((h) => h.id));
    const paragraph = await paragraphAround(CROWD[0]!);
    const countBox = (await count.boundingBox())!;
    expect(countBox.y).toBeGreaterThan(paragraph.textBottom);
    expect(countBox.y + countBox.height).toBeLessThanOrEqual(paragraph.nextTop);
    for (const h of crowd.filter((h) => !hidden.includes(h.id))) expect(await textUnder(card(h))).toEqual([]);
    expect(await textUnder(count)).toEqual([]);

    // Opened: every card under the paragraph, one after another, over no text.
    await count.click();
    await expect.poll(folded).toEqual([]);
    await settled();
    const boxes = [];
    for (const h of crowd) boxes.push((await card(h).boundingBox())!);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.y).toBeGreaterThanOrEqual(boxes[i - 1]!.y + boxes[i - 1]!.height);
    const opened = await paragraphAround(CROWD[0]!);
    expect(boxes[0]!.y).toBeGreaterThanOrEqual(opened.textBottom);
    expect(boxes.at(-1)!.y + boxes.at(-1)!.height).toBeLessThanOrEqual(opened.nextTop);
    for (const h of crowd) expect(await textUnder(card(h))).toEqual([]);

    // Folded again, a folded card's passage clicked: its card shows, on screen.
    await count.click();
    await expect.poll(() => count.textContent()).toMatch(/^\+\d+ more notes$/);
    const last = crowd.at(-1)!;
    // (The count was scrolled to: the passage is brought back on screen to be clicked.)
    await page.locator('.article p', { hasText: CROWD[0]! }).evaluate((p) => p.scrollIntoView({ block: 'start' }));
    await settled();
    await clickWords(page, CROWD.at(-1)!);
    await expect.poll(() => card(last).getAttribute('class')).toContain('is-active');
    await expect.poll(folded).not.toContain(last.id);
    const onScreen = async () => {
      const shown = (await card(last).boundingBox())!;
      const area = (await page.locator('#reader-scroll').boundingBox())!;
      return shown.y >= area.y && shown.y + shown.height <= area.y + area.height;
    };
    await expect.poll(onScreen).toBe(true);
  });

  test('with text too large for 45 characters in the window, the column keeps them and the page scrolls sideways', async () => {
    await openAt(NARROW);
    await page.evaluate(() => document.documentElement.style.setProperty('--reading-size', '32px'));
    await settled();
    const column = await page.locator('#reader').evaluate((e) => e.getBoundingClientRect().width);
    // 45 characters of 32px text, each about 0.56em wide.
    expect(column).toBeGreaterThanOrEqual(Math.floor(45 * 32 * 0.56));
    expect(await page.locator('#reader-scroll').evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    expect(await firstLineCharacters()).toBeGreaterThanOrEqual(40);
  });
});

describe('a window 1400 px wide', () => {
  test('is laid out as before: the sidebar beside the text, no toggle, the notes in the margin level with their passages; narrowed and widened again, it comes back', async () => {
    const noted = await highlightQuote(reader, articleId, NOTED, { color: 'yellow', note: NOTE });
    await openAt(WIDE);
    await card(noted).waitFor();
    await settled();
    expect(await toggle().isVisible()).toBe(false);
    expect(await sidebar().isVisible()).toBe(true);
    expect(await sidebar().evaluate((e) => (e as HTMLElement).inert)).toBe(false);
    const sidebarBox = (await sidebar().boundingBox())!;
    expect(sidebarBox).toMatchObject({ x: 0, y: 0, width: 280, height: WIDE.height });
    const wide = async () => {
      const text = (await page.locator('#reader').boundingBox())!;
      const note = (await card(noted).boundingBox())!;
      const passage = await paragraphAround(NOTED);
      return { text, note, passage };
    };
    const before = await wide();
    expect(before.text.x).toBeGreaterThanOrEqual(sidebarBox.width);
    // The column the settings ask for: 56 characters of 19px text, 56 × 19 × 0.56 px.
    expect(before.text.width).toBeCloseTo(56 * 19 * 0.56, 0);
    // The card in the margin, right of the text, level with the passage's line.
    expect(before.note.x).toBeGreaterThan(before.text.x + before.text.width);
    const line = await page.evaluate((phrase) => {
      const mark = [...document.querySelectorAll('.article p')].find((p) => p.textContent?.includes(phrase))!;
      const walker = document.createTreeWalker(mark, NodeFilter.SHOW_TEXT);
      const text = walker.nextNode() as Text;
      const range = document.createRange();
      const at = text.data.indexOf(phrase);
      range.setStart(text, at);
      range.setEnd(text, at + 1);
      return range.getBoundingClientRect().top;
    }, NOTED);
    expect(Math.abs(before.note.y - line)).toBeLessThan(12);
    // No room kept under the paragraph: the next one follows at the usual distance (1em).
    expect(before.passage.nextTop - before.passage.textBottom).toBeLessThan(30);

    // Narrowed: the drawer and the note under its paragraph; widened: as before.
    await page.setViewportSize(NARROW);
    await expect.poll(() => toggle().isVisible()).toBe(true);
    await expect.poll(async () => (await card(noted).boundingBox())!.y > (await paragraphAround(NOTED)).textBottom).toBe(true);
    await page.setViewportSize(WIDE);
    await expect.poll(() => toggle().isVisible()).toBe(false);
    await settled();
    await settled();
    const after = await wide();
    expect(after.text).toEqual(before.text);
    expect(after.note).toEqual(before.note);
    expect(after.passage).toEqual(before.passage);
  });
});
