import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { closeReader, highlightQuote, ROOT, sampleArticleId, selectWithMouse, startReader, type ReaderSession } from './harness.js';
import { layoutOf } from '../support/store-layout.js';

let reader: ReaderSession;
let page: Page;

beforeEach(async () => {
  reader = await startReader();
  page = reader.page;
  await page.goto(reader.url);
  await page.waitForFunction(() => document.title.startsWith('Putin'));
});

afterEach(() => closeReader(reader));

/** How the article's text is drawn now. */
const looks = () =>
  page.evaluate(() => {
    const text = getComputedStyle(document.querySelector('#reader')!);
    const column = document.querySelector('#reader')!.getBoundingClientRect().width;
    return {
      size: text.fontSize,
      font: text.fontFamily,
      lineHeight: Number.parseFloat(text.lineHeight) / Number.parseFloat(text.fontSize),
      column: Math.round(column),
      background: getComputedStyle(document.body).backgroundColor,
      theme: document.documentElement.dataset.theme,
    };
  });

const dialog = () => page.getByRole('dialog', { name: 'Reading settings' });
/** settings.json as on disk (written a moment after a change), or nothing yet. */
const savedSettings = async () =>
  JSON.parse(await readFile(join(layoutOf(reader.dataDir).deviceDir, 'settings.json'), 'utf8').catch(() => '{"settings":null}')) as { settings: Record<string, unknown> | null };

describe('reading settings', () => {
  test('text size, width, typeface, line height and theme change the page at once and are kept in the library across a reload', async () => {
    const before = await looks();
    expect(before).toMatchObject({ size: '19px', theme: 'system' });
    await page.getByRole('button', { name: /^Reading settings/ }).click();
    await dialog().waitFor();
    await dialog().locator('input[name="fontSize"]').fill('24');
    await dialog().locator('select[name="lineWidth"]').selectOption('45');
    await dialog().locator('input[name="typeface"][value="sans"]').check();
    await dialog().locator('select[name="lineHeight"]').selectOption('1.9');
    await dialog().locator('select[name="theme"]').selectOption('sepia');
    const after = await looks();
    expect(after).toMatchObject({ size: '24px', theme: 'sepia', background: 'rgb(244, 236, 216)' });
    expect(after.font).not.toBe(before.font);
    expect(after.lineHeight).toBeCloseTo(1.9, 1);
    // 45 characters of 24px text: about 45 × 24 × 0.56 = 605 px.
    expect(after.column).toBeGreaterThan(580);
    expect(after.column).toBeLessThan(630);
    const shots = join(ROOT, 'docs/screenshots');
    await mkdir(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'settings.png') });
    await dialog().getByRole('button', { name: 'Done' }).click();

    await expect.poll(async () => (await savedSettings()).settings, { timeout: 5000 }).toEqual({ fontSize: 24, lineWidth: 45, typeface: 'sans', lineHeight: 1.9, theme: 'sepia' });
    await page.reload();
    await page.waitForFunction(() => document.title.startsWith('Putin'));
    expect(await looks()).toEqual(after);
  });

  test('Ctrl + and Ctrl − change the text size a step, Ctrl 0 brings it back; the dark theme darkens the page whatever the system says', async () => {
    await page.locator('#reader .ProseMirror').focus();
    await page.keyboard.press('Control+=');
    await page.keyboard.press('Control+=');
    expect((await looks()).size).toBe('21px');
    await page.keyboard.press('Control+-');
    expect((await looks()).size).toBe('20px');
    await expect.poll(async () => (await savedSettings()).settings?.fontSize, { timeout: 5000 }).toBe(20);
    await page.keyboard.press('Control+0');
    expect((await looks()).size).toBe('19px');

    await page.keyboard.press('Control+,');
    await dialog().locator('select[name="theme"]').selectOption('dark');
    expect((await looks()).background).toBe('rgb(28, 29, 31)');
    await dialog().locator('select[name="theme"]').selectOption('light');
    expect((await looks()).background).toBe('rgb(251, 250, 247)');
  });

  test('colours named in the settings show in the toolbar, the filters and the export; a highlight inside one of another colour keeps its fill, the outer shows as an underline', async () => {
    const articleId = await sampleArticleId(reader);
    await highlightQuote(reader, articleId, 'The hard diplomacy on Syria set the tone for an uneven few days', { color: 'green' });
    await highlightQuote(reader, articleId, 'set the tone', { color: 'pink' });
    await page.reload();
    await page.waitForFunction(() => document.title.startsWith('Putin'));
    await page.keyboard.press('Control+,');
    await dialog().locator('input[name="colorName-yellow"]').fill('key idea');
    await dialog().locator('input[name="colorName-pink"]').fill('disagree');
    await expect.poll(async () => (await savedSettings()).settings?.colorNames, { timeout: 5000 }).toEqual({ yellow: 'key idea', pink: 'disagree' });
    await dialog().getByRole('button', { name: 'Done' }).click();

    await selectWithMouse(page, 'Politically embarrassing emails');
    expect(await page.locator('.selection-toolbar .swatch-button[data-color="yellow"]').getAttribute('aria-label')).toBe('Highlight yellow (key idea)');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+H');
    expect(await page.locator('.all-highlights-color option[value="pink"]').textContent()).toBe('Pink (disagree)');
    expect(await page.locator('#library-has option[value="yellow"]').textContent()).toBe('With yellow (key idea)');
    await page.keyboard.press('Escape');

    // The pink passage inside the green one: pink's fill, green's underline there.
    const painted = await page.evaluate(() => ({ under: CSS.highlights.get('hl-green-under')?.size ?? 0, pink: CSS.highlights.get('hl-pink')?.size ?? 0, green: CSS.highlights.get('hl-green')?.size ?? 0 }));
    expect(painted).toEqual({ under: 1, pink: 1, green: 2 });

    await page.keyboard.press('Control+E');
    const exported = join(reader.dataDir, 'exports');
    await page.locator('.notice', { hasText: `Exported to ${exported}` }).waitFor();
    const [file] = (await (await import('node:fs/promises')).readdir(exported)).filter((n) => n.endsWith('.md'));
    expect(await readFile(join(exported, file!), 'utf8')).toContain('> [!quote|pink] disagree');
  });
});
