import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Highlight } from '../../shared/model.js';
import { clickWords, highlightQuote, ROOT, sampleArticleId, startReader, type ReaderSession } from './harness.js';

/*
 * Notes are Markdown: in the margin they show as Markdown (raw HTML as text,
 * links inert until confirmed, as in the article), and they go into the
 * exported file as written. Where one paragraph has more notes than fit
 * beside it, the rest fold into a count that opens; the active highlight's
 * card is always brought on screen.
 */

const NOTE = [
  'They talked for *ninety* minutes, says [[Kerry]]. #syria',
  '',
  '- a **first** point',
  '- a second one',
  '',
  'Read [the NPR story](https://example.com/npr-story) and <img src=x onerror=alert(1)>',
].join('\n');
const NOTE_PASSAGE = 'Secretary of State John Kerry has been pushing for a deal';

/** Seven passages of the second paragraph, one note each, and one of the third paragraph. */
const CROWD = [
  'The two leaders conversed',
  'sidelines of the Group of 20 summit',
  'in Hangzhou for ninety minutes',
  'a senior U.S. official said',
  'worked to clarify gaps in negotiations',
  'suggested the USA has concerns',
  'enforcing the terms',
];
const NEXT_PARAGRAPH = 'Sergey Lavrov';
/** A note four or five lines tall in the margin: seven of them are taller than the window. */
const crowdNote = (i: number) => `Note ${i + 1} on the talks: who said what, and when, in the margin beside the second paragraph, long enough to wrap.`;

let reader: ReaderSession;
let page: Page;
let articleId: string;
let dialogs: string[];
let acceptDialogs: boolean;
/** Addresses the reader said yes to: the only requests to another host allowed. */
let confirmed: string[];
let noted: Highlight;
let crowd: Highlight[];
let lavrov: Highlight;

beforeEach(async () => {
  reader = await startReader();
  page = reader.page;
  articleId = await sampleArticleId(reader);
  dialogs = [];
  acceptDialogs = false;
  confirmed = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void (acceptDialogs ? dialog.accept() : dialog.dismiss());
  });
  noted = await highlightQuote(reader, articleId, NOTE_PASSAGE, { color: 'yellow', note: NOTE, tags: ['diplomacy'] });
  crowd = [];
  for (const [i, quote] of CROWD.entries()) crowd.push(await highlightQuote(reader, articleId, quote, { color: i % 2 ? 'blue' : 'green', note: crowdNote(i) }));
  lavrov = await highlightQuote(reader, articleId, NEXT_PARAGRAPH, { color: 'purple', note: 'His counterpart.' });
  await page.goto(reader.url);
  await card(noted).waitFor();
});

afterEach(async () => {
  try {
    expect(reader.log.pageErrors).toEqual([]);
    expect(reader.log.consoleErrors).toEqual([]);
    expect(reader.log.cspViolations).toEqual([]);
    // (Chromium may log the stopped request of a new tab more than once.)
    expect([...new Set(reader.log.foreignRequests)]).toEqual(confirmed);
  } finally {
    await reader.close();
  }
});

const card = (h: Highlight) => page.locator(`.note-card[data-highlight-id="${h.id}"]`);
const count = () => page.locator('.note-count');
/** A card's box in the window, or null when it is not drawn (folded, or hidden). */
const shownBox = async (h: Highlight) => ((await card(h).isVisible()) ? card(h).boundingBox() : null);
/** Whether a card is wholly inside the reading area as it is scrolled now. */
const onScreen = async (h: Highlight) => {
  const box = await shownBox(h);
  const area = (await page.locator('#reader-scroll').boundingBox())!;
  return box !== null && box.y >= area.y && box.y + box.height <= area.y + area.height;
};
const folded = () => page.locator('.note-card.is-collapsed').evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.highlightId));

describe('notes are Markdown in the margin', () => {
  test('a note shows as Markdown: emphasis, a list, a link, the [[wikilink]] and #tag set apart; its raw HTML is text and nothing loads or runs', async () => {
    const note = card(noted).locator('.note-text');
    expect(await note.locator('em').textContent()).toBe('ninety');
    expect(await note.locator('.note-wikilink').textContent()).toBe('Kerry');
    expect(await note.locator('.note-tag').textContent()).toBe('#syria');
    expect(await note.locator('ul > li').allTextContents()).toEqual(['a first point', 'a second one']);
    expect(await note.locator('li strong').textContent()).toBe('first');
    const link = note.locator('a.note-link');
    expect(await link.textContent()).toBe('the NPR story');
    expect(await link.getAttribute('href')).toBeNull();
    expect(await link.getAttribute('data-href')).toBe('https://example.com/npr-story');
    // The HTML is the text it was typed as: no element came of it.
    expect(await note.textContent()).toContain('<img src=x onerror=alert(1)>');
    expect(await page.locator('.margin img, .margin script, .margin [onerror], .margin a[href]').count()).toBe(0);
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);

    // Editing shows the Markdown as written; Esc puts the rendered note back.
    await note.dblclick({ position: { x: 4, y: 4 } });
    const editor = card(noted).locator('textarea');
    await editor.waitFor();
    expect(await editor.inputValue()).toBe(NOTE);
    await page.keyboard.press('Escape');
    await expect.poll(() => card(noted).locator('.note-text em').count()).toBe(1);
  });

  test("a note's link opens only after the reader says yes, as an article's link does; one that cannot be opened says why", async () => {
    const link = card(noted).locator('a.note-link');
    const url = page.url();
    await link.click(); // answered "no"
    await expect.poll(() => dialogs).toEqual(['Open this link in your web browser?\n\nhttps://example.com/npr-story']);
    expect(page.url()).toBe(url);

    // "Yes", from the keyboard: in browser mode the page opens a tab of its own, stopped before it loads.
    const asked: string[] = [];
    await reader.context.route('https://example.com/**', (route) => {
      asked.push(route.request().url());
      return route.abort();
    });
    acceptDialogs = true;
    confirmed = ['https://example.com/npr-story'];
    const popup = reader.context.waitForEvent('page');
    await link.focus();
    await page.keyboard.press('Enter');
    expect(await popup).not.toBe(page);
    await expect.poll(() => asked).toEqual(['https://example.com/npr-story']);
    expect(dialogs).toHaveLength(2);
    expect(page.url()).toBe(url);

    // A relative address is no web address: the reader is told, and asked nothing.
    await reader.call('updateHighlight', { articleId, highlightId: lavrov.id, note: 'See [the chart](chart.png).' });
    await page.reload();
    await card(lavrov).locator('a.note-link').click();
    await expect.poll(() => page.locator('.notice-error').last().textContent()).toMatch(/This link cannot be opened .*chart\.png/);
    expect(dialogs).toHaveLength(2);
  });

  test('the exported files carry the note as written, Markdown and all, in Obsidian and Logseq', async () => {
    await page.getByRole('button', { name: 'Export highlights and notes as Markdown' }).click();
    const notice = await expect.poll(() => page.locator('.notice-info').last().textContent()).toMatch(/Exported to .*\.md/).then(() => page.locator('.notice-info').last().textContent());
    const obsidian = await readFile(/Exported to (.*\.md)/.exec(notice!)![1]!, 'utf8');
    expect(obsidian).toContain(`^${noted.id}\n\n${NOTE}\n\n#diplomacy\n`);

    await page.getByRole('button', { name: 'Export to a folder, kept in sync' }).click();
    await page.locator('.export-dialog input[value="all"]').check();
    await page.locator('.export-dialog select[name="preset"]').selectOption('logseq');
    await page.locator('.export-dialog button[type="submit"]').click();
    await expect.poll(() => page.locator('.notice-info').last().textContent()).toMatch(/Exported to .*logseq: 1 new/);
    const logseq = await readFile(join(reader.dataDir, 'exports', 'logseq', 'Putin Says He And Obama Took Step Forward On Syria.md'), 'utf8');
    // One child block: the note's lines after the first indented under it, blank ones too.
    expect(logseq).toContain(`\t- ${NOTE.split('\n').join('\n\t  ')}\n`);
  });
});

describe('a crowded margin', () => {
  test('seven notes on one paragraph fold into a count that opens with a click or Enter; the active card is always brought on screen', async () => {
    await page.locator('#reader-scroll').evaluate((e) => (e.scrollTop = 0));
    // The first cards that fit beside the paragraph show, the rest are counted; the next paragraph's card stays beside it.
    await expect.poll(() => count().count()).toBe(1);
    const hidden = await folded();
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    expect(await count().textContent()).toBe(`+${hidden.length} more notes`);
    expect(hidden).toEqual(crowd.slice(crowd.length - hidden.length).map((h) => h.id));
    const countBox = (await count().boundingBox())!;
    const lastShown = (await shownBox(crowd[crowd.length - hidden.length - 1]!))!;
    expect(countBox.y).toBeGreaterThanOrEqual(lastShown.y + lastShown.height);
    expect((await shownBox(lavrov))!.y).toBeGreaterThanOrEqual(countBox.y + countBox.height);

    const shots = join(ROOT, 'docs/screenshots');
    await mkdir(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'note-markdown.png') });

    // A click opens them all, stacked without overlapping; Enter on the count folds them again, and opens them again.
    await count().click();
    await expect.poll(folded).toEqual([]);
    expect(await count().textContent()).toBe('Fewer notes');
    expect(await count().getAttribute('aria-expanded')).toBe('true');
    const boxes = [];
    for (const h of crowd) boxes.push((await shownBox(h))!);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.y).toBeGreaterThanOrEqual(boxes[i - 1]!.y + boxes[i - 1]!.height);
    await count().focus();
    await page.keyboard.press('Enter');
    await expect.poll(folded).toEqual(hidden);
    await page.keyboard.press('Enter');
    await expect.poll(folded).toEqual([]);

    // Opened, the last card is below the window; clicking its passage brings it on screen.
    const last = crowd[crowd.length - 1]!;
    expect(await onScreen(last)).toBe(false);
    await clickWords(page, CROWD[CROWD.length - 1]!);
    await expect.poll(() => card(last).getAttribute('class')).toContain('is-active');
    await expect.poll(() => onScreen(last)).toBe(true);

    // Folded again, the active card is shown in its place among the first ones, and on screen.
    await count().click();
    await expect.poll(() => count().textContent()).toMatch(/^\+\d+ more notes$/);
    expect(await folded()).not.toContain(last.id);
    expect(await onScreen(last)).toBe(true);
    // Another folded card becomes active from the side list: shown, on screen.
    const other = crowd[crowd.length - 2]!;
    expect(await folded()).toContain(other.id);
    await page.locator(`.highlight-item[data-highlight-id="${other.id}"]`).click();
    await expect.poll(folded).not.toContain(other.id);
    await expect.poll(() => onScreen(other)).toBe(true);
  });
});
