import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickBefore, clickPainted, clickWords, highlightsOnDisk, paintedPassages, ROOT, selectWithMouse, startReader, type ReaderSession } from './harness.js';

const FIRST = 'Secretary of State John Kerry has been pushing for a deal';
const OVERLAPPING = 'John Kerry has been pushing for a deal between the USA and Russian Federation';
const SECOND = 'The two leaders conversed on the sidelines of the Group of 20 summit';
const ACROSS = ['presidential campaign at home.', 'Politically embarrassing emails'] as const;
const NOTE = 'Kerry had pushed for this long before the G20.';

interface ArticleSummary {
  id: string;
  title: string;
  highlightCount: number;
}

let reader: ReaderSession;
let page: Page;
let articleId: string;

/** The passages painted in a colour (the CSS Custom Highlight API paints them; no element per highlight). */
const paintedIn = async (color: string) => (await paintedPassages(page)).filter((p) => p.color === color);
const paintedText = async (color: string) => (await paintedIn(color)).map((p) => p.text).join('');
/** The active highlight's <mark>, which draws its outline. */
const activeMark = () => page.locator('.article mark.hl-active');
const highlightIdOf = async (color: string) =>
  (await reader.call<{ highlights: { id: string; color: string }[] }>('getArticle', { articleId })).highlights.find((h) => h.color === color)!.id;
const paintedTop = async (color: string) => (await paintedIn(color))[0]!.box!.y;
const storedHighlight = async (id: string) => (await highlightsOnDisk(reader.dataDir)).find((h) => h.id === id);

beforeAll(async () => {
  reader = await startReader();
  page = reader.page;
  await page.goto(reader.url);
});

afterAll(async () => {
  await reader?.close();
});

describe('the reader', () => {
  test('the sample article opens on first launch and is listed in the library', async () => {
    await expect.poll(() => page.locator('.article-title').textContent()).toContain('Putin Says He And Obama');
    await expect.poll(() => page.locator('.library-item').count()).toBe(1);
    expect(await page.locator('.library-item').textContent()).toContain('Putin Says He And Obama');
    const library = await reader.call<ArticleSummary[]>('listArticles');
    articleId = library[0]!.id;
    expect(await page.locator('.library-item[aria-current="true"]').getAttribute('data-article-id')).toBe(articleId);
  });

  test('selecting a passage with the mouse and pressing h creates a yellow highlight saved to disk', async () => {
    await selectWithMouse(page, FIRST);
    await expect.poll(() => page.locator('.selection-toolbar').isVisible()).toBe(true);
    await page.keyboard.press('h');
    await expect.poll(() => paintedText('yellow')).toBe(FIRST);
    await expect.poll(() => page.locator('.highlight-item .highlight-quote').first().textContent()).toBe(FIRST);
    // The new highlight is the active one: its <mark> draws the outline.
    expect(await activeMark().textContent()).toBe(FIRST);
    expect(await activeMark().getAttribute('class')).toContain('hl-yellow');
    const id = await highlightIdOf('yellow');
    await expect.poll(async () => (await storedHighlight(id))?.target.quote.exact).toBe(FIRST);
    await expect.poll(() => page.locator('.library-count').textContent()).toBe('1');
  });

  test('pressing n, typing a note and Ctrl+Enter shows the note in the margin beside the passage', async () => {
    await page.keyboard.press('n');
    const editor = page.locator('.note-card textarea');
    await expect.poll(() => editor.evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.type(NOTE);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('.note-card .note-text').textContent()).toBe(NOTE);
    expect(await editor.count()).toBe(0);
    const markTop = await paintedTop('yellow');
    const cardTop = (await page.locator('.note-card').boundingBox())!.y;
    expect(Math.abs(cardTop - markTop)).toBeLessThan(40);
    const id = await highlightIdOf('yellow');
    await expect.poll(async () => (await storedHighlight(id))?.note).toBe(NOTE);
  });

  test('pressing t, typing a tag and Enter adds a chip under the note', async () => {
    await page.keyboard.press('t');
    const input = page.locator('.note-card .tag-input-field');
    await expect.poll(() => input.evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.type('diplomacy');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.note-card .tag-chip').first().textContent()).toContain('#diplomacy');
    await page.keyboard.press('Escape');
    await expect.poll(() => input.count()).toBe(0);
    await expect.poll(() => page.locator('.note-card .tag-chip').textContent()).toBe('#diplomacy');
    const id = await highlightIdOf('yellow');
    await expect.poll(async () => (await storedHighlight(id))?.tags).toEqual(['diplomacy']);
  });

  test('after a reload the highlight, its note and its tag are still there', async () => {
    await page.reload();
    await expect.poll(() => paintedText('yellow')).toBe(FIRST);
    await expect.poll(() => page.locator('.note-card .note-text').textContent()).toBe(NOTE);
    expect(await page.locator('.note-card .tag-chip').textContent()).toBe('#diplomacy');
    const { highlights } = await reader.call<{ highlights: { note: string; tags: string[] }[] }>('getArticle', {
      articleId,
    });
    expect(highlights).toHaveLength(1);
    expect(highlights[0]).toMatchObject({ note: NOTE, tags: ['diplomacy'] });
  });

  test('a highlight in another colour from the toolbar and an overlapping highlight are both visible', async () => {
    await selectWithMouse(page, SECOND);
    await page.locator('.selection-toolbar [aria-label="Highlight green"]').click();
    await expect.poll(() => paintedText('green')).toBe(SECOND);

    await selectWithMouse(page, OVERLAPPING);
    await page.locator('.selection-toolbar [aria-label="Highlight blue"]').click();
    await expect.poll(() => paintedText('blue')).toBe(OVERLAPPING);
    // The yellow highlight keeps its whole passage, and the shared words are painted by both.
    expect(await paintedText('yellow')).toBe(FIRST);
    const shared = await page.evaluate(() => {
      const first: Record<string, AbstractRange> = {};
      CSS.highlights.forEach((highlight, name) => highlight.forEach((range) => (first[name] ??= range)));
      const [yellow, blue] = [first['hl-yellow']!, first['hl-blue']!];
      const both = document.createRange();
      both.setStart(blue.startContainer, blue.startOffset);
      both.setEnd(yellow.endContainer, yellow.endOffset);
      return both.toString();
    });
    expect(shared).toBe('John Kerry has been pushing for a deal');
    for (const color of ['yellow', 'blue']) {
      const background = await page.evaluate((name) => getComputedStyle(document.querySelector('.article p')!, `::highlight(${name})`).backgroundColor, `hl-${color}`);
      expect(background).toMatch(/^rgba\(.*, 0\.\d+\)$/);
    }
    // The side list follows the document: yellow, then blue, then green.
    await expect.poll(() => page.locator('.highlight-list .highlight-item .swatch').evaluateAll((swatches) =>
      swatches.map((s) => s.className.replace('swatch swatch-', '')),
    )).toEqual(['yellow', 'blue', 'green']);
    expect(await highlightsOnDisk(reader.dataDir)).toHaveLength(3);
  });

  test('notes of nearby passages stack in the margin without overlapping', async () => {
    // On the blue passage's own words: where it overlaps the yellow one, the shorter (yellow) is the innermost.
    await clickWords(page, 'between the USA');
    await expect.poll(() => activeMark().first().getAttribute('class')).toContain('hl-blue');
    await page.keyboard.press('n');
    await page.keyboard.type('Overlaps the yellow one.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('.note-card').count()).toBe(2);
    const [first, second] = await page.locator('.note-card').evaluateAll((cards) =>
      cards
        .map((c) => c.getBoundingClientRect())
        .sort((a, b) => a.top - b.top)
        .map((r) => ({ top: r.top, bottom: r.bottom })),
    );
    expect(second!.top).toBeGreaterThanOrEqual(first!.bottom);
  });

  test('the tag input suggests known tags, takes one with arrows and Enter; Backspace drops the last', async () => {
    await clickPainted(page, SECOND);
    await expect.poll(() => activeMark().first().getAttribute('class')).toContain('hl-green');
    await page.keyboard.press('t');
    await page.keyboard.type('dip');
    const suggestion = page.locator('.tag-suggestions [role="option"]');
    await expect.poll(() => suggestion.first().textContent()).toBe('#diplomacy');
    await page.keyboard.press('ArrowDown');
    expect(await suggestion.first().getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await page.keyboard.type('summit,');
    await page.keyboard.type('oops ');
    const chips = page.locator('.tag-input .tag-chip');
    await expect.poll(() => chips.count()).toBe(3);
    await page.keyboard.press('Backspace');
    await expect.poll(() => chips.count()).toBe(2);
    await page.keyboard.press('Escape');
    const id = await highlightIdOf('green');
    const card = page.locator(`.note-card[data-highlight-id="${id}"]`);
    await expect.poll(() => card.locator('.tag-chip').allTextContents()).toEqual(['#diplomacy', '#summit']);
    await expect.poll(async () => (await storedHighlight(id))?.tags).toEqual(['diplomacy', 'summit']);
  });

  test('Shift+arrows select from the caret, h highlights, and the toolbar recolours and deletes', async () => {
    await clickBefore(page, 'Obama’s meeting with Putin');
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.press('Control+Shift+ArrowRight');
    await expect.poll(() => page.evaluate(() => document.getSelection()?.toString().trim())).toBe('Obama’s meeting');
    await page.keyboard.press('h');
    // h uses the last colour picked, blue.
    const mark = page.locator('.article mark.hl-active');
    await expect.poll(() => mark.textContent()).toBe('Obama’s meeting');
    expect(await mark.getAttribute('class')).toContain('hl-blue');
    const id = (await mark.getAttribute('data-highlight-id'))!;
    await page.locator('.highlight-toolbar [aria-label="Change colour to pink"]').click();
    await expect.poll(() => mark.getAttribute('class')).toContain('hl-pink');
    await expect.poll(async () => (await storedHighlight(id))?.color).toBe('pink');
    await page.locator('.highlight-toolbar [aria-label="Delete highlight (Delete)"]').click();
    await expect.poll(() => page.locator(`mark[data-highlight-id="${id}"]`).count()).toBe(0);
    await expect.poll(async () => (await paintedPassages(page)).some((p) => p.text === 'Obama’s meeting')).toBe(false);
    await expect.poll(async () => (await storedHighlight(id)) === undefined).toBe(true);
  });

  test('a highlight across two paragraphs is painted in both, and Delete removes the active highlight', async () => {
    await selectWithMouse(page, ...ACROSS);
    await page.locator('.selection-toolbar [aria-label="Highlight purple"]').click();
    await expect.poll(async () => (await paintedIn('purple')).length).toBe(1);
    const [purple] = await paintedIn('purple');
    expect(purple!.paragraphs).toBe(2);
    expect(purple!.text).toBe(ACROSS.join(''));
    // The active highlight's outline follows it into both paragraphs.
    expect(await activeMark().evaluateAll((marks) => new Set(marks.map((m) => m.closest('p'))).size)).toBe(2);
    const id = await highlightIdOf('purple');
    expect((await storedHighlight(id))?.target.quote.exact).toBe(ACROSS.join('\n'));

    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.article mark.hl-active').count()).toBe(0);
    await clickPainted(page, ACROSS[0]);
    await expect.poll(() => activeMark().first().getAttribute('class')).toContain('hl-purple');
    await page.keyboard.press('Delete');
    await expect.poll(async () => (await paintedIn('purple')).length).toBe(0);
    expect(await activeMark().count()).toBe(0);
    await expect.poll(async () => (await storedHighlight(id)) === undefined).toBe(true);
    expect(await page.locator(`.highlight-item[data-highlight-id="${id}"]`).count()).toBe(0);
  });

  test('the Markdown export quotes the passage and carries the note and the tag', async () => {
    const { markdown } = await reader.call<{ markdown: string }>('exportMarkdown', { articleId });
    expect(markdown).toContain(`> ${FIRST}`);
    expect(markdown).toContain(NOTE);
    expect(markdown).toContain('#diplomacy');
    await page.getByRole('button', { name: 'Export highlights and notes as Markdown' }).click();
    await expect.poll(() => page.locator('.notice-info').last().textContent()).toMatch(/Exported to .*\.md/);
  });

  test('Export to folder writes an Obsidian file per article; a second export keeps what the reader wrote in it', async () => {
    const exportAll = async () => {
      await page.getByRole('button', { name: 'Export to a folder, kept in sync' }).click();
      await page.locator('.export-dialog input[value="all"]').check();
      await page.locator('.export-dialog select[name="preset"]').selectOption('obsidian');
      await page.locator('.export-dialog button[type="submit"]').click();
    };
    await exportAll();
    await expect.poll(() => page.locator('.notice-info').last().textContent()).toMatch(/Exported to .*obsidian: 1 new, 0 updated, 0 unchanged/);
    const file = join(reader.dataDir, 'exports', 'obsidian', 'Putin Says He And Obama Took Step Forward On Syria.md');
    const first = await readFile(file, 'utf8');
    expect(first).toContain('> [!quote|');
    expect(first).toMatch(/\^h-[a-z0-9]+/);
    expect(first).toContain('#diplomacy');

    await writeFile(file, `${first}\nMy own closing thought, written in the vault.\n`);
    await exportAll();
    await expect.poll(() => page.locator('.notice-info').last().textContent()).toMatch(/0 new, 0 updated, 1 unchanged/);
    const second = await readFile(file, 'utf8');
    expect(second).toContain('My own closing thought, written in the vault.');
    expect(second.match(/\^h-/g)?.length).toBe(first.match(/\^h-/g)?.length);
  });

  test('c copies the active highlight as a Markdown quote with a link back to the article', async () => {
    await reader.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: reader.origin });
    const id = await highlightIdOf('green');
    await page.locator(`.highlight-item[data-highlight-id="${id}"]`).click();
    await page.keyboard.press('c');
    await expect.poll(() => page.locator('.notice-info').last().textContent()).toMatch(/Copied the quote/);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^> /);
    expect(copied).toContain(`marginalia://article/${articleId}#${id}`);
  });

  test('a saved web page, imported with the button, opens as an article; an .svg file is refused with a notice', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import a file' }).click();
    const html = '<html><head><title>Tide tables</title></head><body><article><h1>Tide tables</h1><p>High water at <em>noon</em>, low water at six.</p></article></body></html>';
    await (await chooser).setFiles({ name: 'tides.html', mimeType: 'text/html', buffer: Buffer.from(html) });
    await expect.poll(() => page.locator('.article-title').textContent()).toBe('Tide tables');
    await expect.poll(() => page.locator('.article em').textContent()).toBe('noon');
    await expect.poll(() => page.locator('.notice-info').last().textContent()).toContain('Imported "Tide tables"');

    await dropFile(page, 'drawing.svg', '<svg xmlns="http://www.w3.org/2000/svg"></svg>', 'image/svg+xml');
    await expect.poll(() => page.locator('.notice-error').last().textContent()).toMatch(/\.svg files are not supported/i);
    const titles = (await reader.call<ArticleSummary[]>('listArticles')).map((a) => a.title);
    expect(titles).toHaveLength(2);
    expect(titles).toContain('Tide tables');
    // Back to the sample article, as the tests below expect.
    await page.locator(`.library-item[data-article-id="${articleId}"]`).click();
    await expect.poll(() => page.locator('.article-title').textContent()).toContain('Putin Says');
  });

  test('a long book shows a progress notice while it imports, then opens', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import a file' }).click();
    const book = await readFile(join(ROOT, '../shared/corpus/books/war-and-peace.html'));
    await (await chooser).setFiles({ name: 'war-and-peace.html', mimeType: 'text/html', buffer: book });
    await page.locator('.notice-progress progress').waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('.notice-progress').waitFor({ state: 'detached', timeout: 60_000 });
    await expect.poll(() => page.locator('.article-title').textContent()).toContain('War and Peace');
    await expect.poll(() => page.locator('.notice-info').last().textContent()).toMatch(/Imported "War and Peace/);
    await page.locator(`.library-item[data-article-id="${articleId}"]`).click();
    await expect.poll(() => page.locator('.article-title').textContent()).toContain('Putin Says');
  });

  test('a plain-text file dropped on the window is imported and opened', async () => {
    await dropFile(page, 'field-notes.txt', 'Field notes\nThe river was high in March.\n', 'text/plain');
    await expect.poll(() => page.locator('.article-title').textContent()).toBe('Field notes');
    await expect.poll(() => page.locator('.library-item').count()).toBe(4);
    await page.locator(`.library-item[data-article-id="${articleId}"]`).click();
    await expect.poll(() => page.locator('.article-title').textContent()).toContain('Putin Says He And Obama');
    await expect.poll(async () => (await paintedPassages(page)).length).toBeGreaterThan(2);
  });

  test('a click in the highlight list scrolls to the passage and makes it active', async () => {
    const id = await highlightIdOf('green');
    await page.locator(`.highlight-item[data-highlight-id="${id}"]`).click();
    await expect.poll(() => activeMark().first().getAttribute('class')).toContain('hl-green');
    expect(await page.locator(`.highlight-item[data-highlight-id="${id}"]`).getAttribute('aria-current')).toBe('true');
  });

  test('notes stay beside their passages when the window is resized', async () => {
    await page.setViewportSize({ width: 1000, height: 900 });
    const id = await highlightIdOf('yellow');
    await expect
      .poll(async () => {
        const markTop = await paintedTop('yellow');
        const cardTop = (await page.locator(`.note-card[data-highlight-id="${id}"]`).boundingBox())!.y;
        return Math.abs(cardTop - markTop);
      })
      .toBeLessThan(40);
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  test('events from main show notices, run commands and open articles', async () => {
    reader.broadcast({ type: 'notice', level: 'info', message: 'Hello from the shell.' });
    await expect.poll(() => page.locator('.notice-info').last().textContent()).toContain('Hello from the shell.');
    reader.broadcast({ type: 'command', command: 'export-markdown' });
    await expect.poll(() => page.locator('.notice-info').last().textContent()).toMatch(/Exported to/);
    const notes = (await reader.call<ArticleSummary[]>('listArticles')).find((a) => a.title === 'Field notes')!;
    reader.broadcast({ type: 'library-changed', openArticleId: notes.id });
    await expect.poll(() => page.locator('.article-title').textContent()).toBe('Field notes');
    await page.locator(`.library-item[data-article-id="${articleId}"]`).click();
    await expect.poll(() => page.locator('.article-title').textContent()).toContain('Putin Says He And Obama');
  });

  test('after a reload the last article read opens again, even when another is newer', async () => {
    await page.reload();
    await expect.poll(() => page.locator('.article-title').textContent()).toContain('Putin Says He And Obama');
    await expect.poll(async () => (await paintedPassages(page)).length).toBeGreaterThan(2);
  });

  test('the reader looks right in light and dark themes', async () => {
    await page.keyboard.press('Escape');
    await page.locator('.notice-close').evaluateAll((buttons) => buttons.forEach((b) => (b as HTMLElement).click()));
    await page.locator('#reader-scroll').evaluate((e) => (e.scrollTop = 0));
    await expect.poll(() => page.locator('.note-card').count()).toBe(3);
    const shots = join(ROOT, 'docs/screenshots');
    await mkdir(shots, { recursive: true });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: join(shots, 'reader.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(shots, 'reader-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('the page logged no errors, broke no CSP rule and asked no host but 127.0.0.1', () => {
    expect(reader.log.pageErrors).toEqual([]);
    expect(reader.log.cspViolations).toEqual([]);
    expect(reader.log.consoleErrors).toEqual([]);
    expect(reader.log.foreignRequests).toEqual([]);
  });
});

/** Drops a file on the reader as a file manager would. */
async function dropFile(page: Page, name: string, content: string, type: string): Promise<void> {
  await page.evaluate(
    ({ name, content, type }) => {
      const data = new DataTransfer();
      data.items.add(new File([content], name, { type }));
      const target = document.querySelector('.article') ?? document.body;
      for (const kind of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(kind, { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    },
    { name, content, type },
  );
}
