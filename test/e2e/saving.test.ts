import type { Page, Route } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clickPainted, highlightQuote, highlightsOnDisk, paintedPassages, sampleArticleId, selectWithMouse, startReader, type ReaderSession } from './harness.js';

const PASSAGE = 'Secretary of State John Kerry has been pushing for a deal';
const FULL_DISK = 'The library folder is full: nothing was saved.';
const NOTE = 'Written while it was saved.';

let reader: ReaderSession;
let page: Page;

/** Main refuses the next call of `op` as a full disk would, once; the page's request never reaches the host. */
const failNext = (op: string) =>
  page.route(`**/api/${op}`, (route: Route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'storage', message: FULL_DISK } }) }), { times: 1 });

const painted = async () => (await paintedPassages(page)).map((p) => [p.color, p.text]);

/** Each test has a reader of its own, over a fresh library holding only the sample article. */
beforeEach(async () => {
  reader = await startReader();
  page = reader.page;
});

afterEach(async () => {
  await reader?.close();
});

const open = async () => {
  await page.goto(reader.url);
  await page.locator('.article-title').waitFor();
};

/** The passage highlighted in yellow through the contract (with `note`), then opened and made active with a click. */
const activeSavedHighlight = async (note?: string) => {
  await highlightQuote(reader, await sampleArticleId(reader), PASSAGE, { color: 'yellow', ...(note === undefined ? {} : { note }) });
  await open();
  await expect.poll(painted).toEqual([['yellow', PASSAGE]]);
  // The click is aimed at where the passage is painted; on a loaded machine the page can still be settling
  // (a part, a note card) when it lands, so the reader's click is made again, as a reader would, until one takes.
  const active = page.locator('.article mark.hl-active');
  for (let attempt = 0; attempt < 5 && (await active.count()) === 0; attempt++) {
    await clickPainted(page, PASSAGE);
    await active.waitFor({ timeout: 3_000 }).catch(() => undefined);
  }
  await active.waitFor({ timeout: 5_000 });
};

/** A change shows at once and is saved meanwhile; when main cannot save it, the reader sees why and what is really kept. */
describe('saving a change', () => {
  it('a new highlight main cannot save is taken away again, with a notice saying why, and nothing is on disk', async () => {
    await open();
    await failNext('createHighlight');
    await selectWithMouse(page, PASSAGE);
    await page.keyboard.press('h');
    await expect.poll(() => page.locator('.notice-error').last().textContent()).toContain(FULL_DISK);
    await expect.poll(painted).toEqual([]);
    expect(await page.locator('.highlight-list .highlight-item').count()).toBe(0);
    expect(await highlightsOnDisk(reader.dataDir)).toEqual([]);
  });

  it('a new highlight is painted and active before main answers, and saved under the id the reader gave it', async () => {
    await open();
    // Main answers late: the highlight is on screen meanwhile.
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    await page.route('**/api/createHighlight', async (route) => {
      await answered;
      await route.continue();
    }, { times: 1 });
    await selectWithMouse(page, PASSAGE);
    await page.keyboard.press('h');
    await expect.poll(painted).toEqual([['yellow', PASSAGE]]);
    const shownId = await page.locator('.article mark.hl-active').getAttribute('data-highlight-id');
    expect(await highlightsOnDisk(reader.dataDir)).toEqual([]);
    // A note typed meanwhile waits for the highlight to be saved, then follows it.
    await page.keyboard.press('n');
    await page.keyboard.type(NOTE);
    await page.keyboard.press('Control+Enter');
    answer();
    await expect.poll(async () => (await highlightsOnDisk(reader.dataDir)).map((h) => [h.id, h.note])).toEqual([[shownId, NOTE]]);
  });

  it('a recolour main cannot save goes back to the colour on disk, with a notice', async () => {
    await activeSavedHighlight();
    await failNext('updateHighlight');
    await page.locator('.highlight-toolbar .swatch-button[data-color="pink"]').click();
    await expect.poll(() => page.locator('.notice-error').last().textContent()).toContain(FULL_DISK);
    await expect.poll(painted).toEqual([['yellow', PASSAGE]]);
    expect((await highlightsOnDisk(reader.dataDir)).map((h) => h.color)).toEqual(['yellow']);
  });

  it('a delete main cannot save brings the highlight back from disk, with its note, and a notice', async () => {
    await activeSavedHighlight(NOTE);
    await failNext('deleteHighlight');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.notice-error').last().textContent()).toContain(FULL_DISK);
    await expect.poll(painted).toEqual([['yellow', PASSAGE]]);
    await expect.poll(() => page.locator('.note-card .note-text').textContent()).toBe(NOTE);
    expect(await highlightsOnDisk(reader.dataDir)).toHaveLength(1);
  });
});
