import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { corpus } from '../support/temp.js';
import { newDeviceId } from '../../main/core/sync/index.js';
import { openLibrary } from '../../main/core/index.js';
import { closeReader, highlightQuote, paintedPassages, ROOT, sampleArticleId, startReader, type ReaderSession } from './harness.js';

/** The bound for another device's change to reach the screen: noticed (150 ms after the write, or the 2 s poll), then listed and painted. */
const ON_SCREEN_TIMEOUT_MS = 10_000;

/** Two passages in the middle of Wikipedia's "Mozilla" page (a long article: the reader scrolls to them). */
const MINE = 'Thunderbird is a free, open source, cross-platform email and news client';
const THEIRS = 'SeaMonkey (formerly the Mozilla Application Suite)';

let reader: ReaderSession | undefined;
let deviceFolder: string | undefined;
afterEach(async () => {
  // The page broke no rule of its strict CSP either (zod's eval probe is the one a renderer import would trip).
  const violations = reader?.log.cspViolations ?? [];
  if (reader) await closeReader(reader);
  if (deviceFolder) await rm(deviceFolder, { recursive: true, force: true });
  reader = deviceFolder = undefined;
  expect(violations).toEqual([]);
});

/** The CLI on the reader's library as another device: a device file of its own, outside the library. */
async function otherDevice(dataDir: string) {
  deviceFolder = await mkdtemp(join(tmpdir(), 'marginalia-other-device-'));
  const env = { MARGINALIA_DEVICE_FILE: join(deviceFolder, 'device.json') };
  return async (...args: string[]): Promise<string> => {
    const run = await runCli(['--data-dir', dataDir, ...args], { env, hangAfterMs: 60_000 });
    if (run.code !== 0) throw new Error(`marginalia ${args[0]} failed (${run.code}): ${run.stderr}`);
    return run.stdout.trim();
  };
}

describe("another device's changes, shown without a reload", () => {
  test('a highlight with a note added to the open article, a note changed and an article added appear on screen; the reader keeps its place and the note being typed', async () => {
    reader = await startReader();
    const { page } = reader;
    const desktop = await otherDevice(reader.dataDir);
    const articleId = await desktop('import', corpus('readability/test-pages/wikipedia/source.html'));
    const mine = await highlightQuote(reader, articleId, MINE, { color: 'yellow', note: 'mine' });

    // The newest article opens first: the long one, with this device's highlight.
    await page.goto(reader.url);
    await page.waitForFunction(() => document.title.startsWith('Mozilla'));
    await page.locator(`.highlight-item[data-highlight-id="${mine.id}"]`).click();
    await page.keyboard.press('n');
    const editor = page.locator(`.note-card[data-highlight-id="${mine.id}"] textarea`);
    await expect.poll(() => editor.evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.press('End');
    await page.keyboard.type(' and half a thought');
    const scroller = page.locator('#reader-scroll');
    const place = await scroller.evaluate((e) => e.scrollTop);
    expect(place).toBeGreaterThan(500);

    // The desktop highlights a passage near it with a note, rewrites the note being typed here, and imports an article.
    const theirs = await desktop('highlight', articleId, '--quote', THEIRS, '--color', 'blue', '--note', 'from the desktop');
    await desktop('note', mine.id, 'rewritten on the desktop');
    const added = await desktop('import', corpus('readability/test-pages/mozilla-1/source.html'));

    const painted = async () => (await paintedPassages(page)).map((p) => [p.color, p.text]);
    await expect.poll(painted, { timeout: ON_SCREEN_TIMEOUT_MS }).toContainEqual(['blue', THEIRS]);
    await expect.poll(() => page.locator(`.note-card[data-highlight-id="${theirs}"] .note-text`).textContent(), { timeout: ON_SCREEN_TIMEOUT_MS }).toBe('from the desktop');
    await page.locator(`.highlight-item[data-highlight-id="${theirs}"]`).waitFor({ timeout: ON_SCREEN_TIMEOUT_MS });
    await page.locator(`.library-item[data-article-id="${added}"]`).waitFor({ timeout: ON_SCREEN_TIMEOUT_MS });

    // Nothing moved under the reader: the same place, the editor still focused with what was typed.
    expect(await scroller.evaluate((e) => e.scrollTop)).toBe(place);
    expect(await editor.evaluate((e) => e === document.activeElement)).toBe(true);
    expect(await editor.inputValue()).toBe('mine and half a thought');
    expect(await page.evaluate(() => document.title)).toMatch(/^Mozilla/);

    // Leaving the editor without saving: the note as the desktop left it.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator(`.note-card[data-highlight-id="${mine.id}"] .note-text`).textContent(), { timeout: ON_SCREEN_TIMEOUT_MS }).toBe('rewritten on the desktop');
  });
});

describe('an article deleted on another device', () => {
  test('the open article deleted elsewhere leaves the library list and stays on screen, with a notice saying so', async () => {
    reader = await startReader();
    const { page } = reader;
    const articleId = await sampleArticleId(reader);
    await page.goto(reader.url);
    await page.waitForFunction(() => document.title.startsWith('Putin'));
    const desktop = await openLibrary({ dataDir: reader.dataDir, device: { id: newDeviceId(), name: 'Desktop' } });
    try {
      await desktop.deleteArticle(articleId);
    } finally {
      await desktop.close();
    }
    await page.locator('.notice', { hasText: 'was deleted on another device: it is in the Trash' }).waitFor({ timeout: ON_SCREEN_TIMEOUT_MS });
    expect(await page.locator(`.library-item[data-article-id="${articleId}"]`).count()).toBe(0);
    expect(await page.evaluate(() => document.title)).toMatch(/^Putin/);
  });
});

describe('devices', () => {
  test('the settings show this device (renamed there) and the devices that changed the library; All highlights says which device changed each highlight', async () => {
    reader = await startReader();
    const { page } = reader;
    const desktop = await otherDevice(reader.dataDir);
    // The desktop's device file, named as its reader would have named it (the CLI makes one named after the host otherwise).
    await writeFile(join(deviceFolder!, 'device.json'), `${JSON.stringify({ version: 1, id: newDeviceId(), name: 'Desktop' })}\n`);
    const articleId = (await desktop('list', '--json').then((json) => JSON.parse(json) as { id: string }[]))[0]!.id;
    const theirs = await desktop('highlight', articleId, '--quote', 'The hard diplomacy on Syria set the tone', '--color', 'green', '--note', 'from the desktop');
    const mine = await highlightQuote(reader, articleId, 'Obama', { color: 'yellow' });

    await page.goto(reader.url);
    await page.waitForFunction(() => document.title.startsWith('Putin'));
    await page.getByRole('button', { name: /^Reading settings/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Reading settings' });
    const name = dialog.locator('input[name="deviceName"]');
    await name.fill('Laptop');
    await name.press('Enter');
    // Enter kept the name and left the settings open.
    expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    const seen = dialog.locator('.settings-device');
    await expect.poll(() => seen.allTextContents(), { timeout: ON_SCREEN_TIMEOUT_MS }).toEqual([
      'Laptop — this device',
      expect.stringMatching(/^Desktop — last seen /),
    ]);
    await page.screenshot({ path: join(ROOT, 'docs/screenshots/sync-devices.png') });
    await page.keyboard.press('Escape');

    await page.locator('#all-highlights-button').click();
    const where = (id: string) => page.locator(`.all-highlight[data-highlight-id="${id}"] .all-highlight-where`);
    await expect.poll(() => where(theirs).textContent(), { timeout: ON_SCREEN_TIMEOUT_MS }).toContain(' · changed on Desktop');
    expect(await where(mine.id).textContent()).toContain(' · changed on Laptop');
  });
});
