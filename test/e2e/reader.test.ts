import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { COLORS, type Color } from '../../shared/colors.js';
import type { Highlight } from '../../shared/model.js';
import { channelDistance, contrast, luminance, over, parseColour, Screenshot, type Rgba } from './colours.js';
import {
  clickBefore,
  clickPainted,
  clickWords,
  firstLineOf,
  highlightQuote,
  highlightsOnDisk,
  paintedPassages,
  ROOT,
  sampleArticleId,
  selectWithMouse,
  startReader,
  type HighlightRequest,
  type ReaderSession,
} from './harness.js';
import { toBase64Pieces } from '../../shared/contract/import-request.js';

const FIRST = 'Secretary of State John Kerry has been pushing for a deal';
const OVERLAPPING = 'John Kerry has been pushing for a deal between the USA and Russian Federation';
const SECOND = 'The two leaders conversed on the sidelines of the Group of 20 summit';
const ACROSS = ['presidential campaign at home.', 'Politically embarrassing emails'] as const;
const LAST = 'held a one-on-one meeting behind closed doors';
const NOTE = 'Kerry had pushed for this long before the G20.';
const BLUE_NOTE = 'Overlaps the yellow one.';

interface ArticleSummary {
  id: string;
  title: string;
  highlightCount: number;
}

/** Each test has a reader of its own, over a fresh library holding only the sample article. */
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
    // Whatever a test did, the page logged no errors, broke no CSP rule and asked no host but 127.0.0.1.
    expect(reader.log.pageErrors).toEqual([]);
    expect(reader.log.cspViolations).toEqual([]);
    expect(reader.log.consoleErrors).toEqual([]);
    expect(reader.log.foreignRequests).toEqual([]);
  } finally {
    await reader.close();
  }
});

/** Opens the reader on the sample article (the newest article, or the one read last). */
const open = async () => {
  await page.goto(reader.url);
  await page.locator('.article-title', { hasText: 'Putin Says' }).waitFor();
};
/** Highlights a passage of the sample article through the contract, as the page would. */
const highlight = (exact: string, request: HighlightRequest) => highlightQuote(reader, articleId, exact, request);
/** Makes a highlight active by clicking its painted words. */
const activate = async (text: string, color: Color) => {
  await expect.poll(async () => (await paintedPassages(page)).some((p) => p.text.startsWith(text))).toBe(true);
  await clickPainted(page, text);
  await expect.poll(() => activeMark().first().getAttribute('class')).toContain(`hl-${color}`);
};
/** Imports a plain-text article through the contract, as another window or the CLI would. */
const importText = async (fileName: string, text: string) =>
  (await reader.call<{ summary: ArticleSummary }>('importFile', { fileName, dataBase64: toBase64Pieces(Buffer.from(text)) })).summary;

/** The passages painted in a colour (the CSS Custom Highlight API paints them; no element per highlight). */
const paintedIn = async (color: string) => (await paintedPassages(page)).filter((p) => p.color === color);
const paintedText = async (color: string) => (await paintedIn(color)).map((p) => p.text).join('');
/** The active highlight's <mark>, which draws its outline. */
const activeMark = () => page.locator('.article mark.hl-active');
/** The id of the active highlight: the reader names a highlight when it creates it. */
const activeId = async () => (await activeMark().first().getAttribute('data-highlight-id'))!;
const paintedTop = async (color: string) => (await paintedIn(color))[0]!.box!.y;
const storedHighlight = async (id: string) => (await highlightsOnDisk(reader.dataDir)).find((h) => h.id === id);

describe('the reader', () => {
  test('the sample article opens on first launch and is listed in the library', async () => {
    await page.goto(reader.url);
    await expect.poll(() => page.locator('.article-title').textContent()).toContain('Putin Says He And Obama');
    await expect.poll(() => page.locator('.library-item').count()).toBe(1);
    expect(await page.locator('.library-item').textContent()).toContain('Putin Says He And Obama');
    const library = await reader.call<ArticleSummary[]>('listArticles');
    expect(library.map((a) => a.id)).toEqual([articleId]);
    expect(await page.locator('.library-item[aria-current="true"]').getAttribute('data-article-id')).toBe(articleId);
  });

  test('selecting a passage with the mouse and pressing h creates a yellow highlight saved to disk', async () => {
    await open();
    await selectWithMouse(page, FIRST);
    await expect.poll(() => page.locator('.selection-toolbar').isVisible()).toBe(true);
    await page.keyboard.press('h');
    await expect.poll(() => paintedText('yellow')).toBe(FIRST);
    await expect.poll(() => page.locator('.highlight-item .highlight-quote').first().textContent()).toBe(FIRST);
    // The new highlight is the active one: its <mark> draws the outline.
    expect(await activeMark().textContent()).toBe(FIRST);
    expect(await activeMark().getAttribute('class')).toContain('hl-yellow');
    const id = await activeId();
    await expect.poll(async () => (await storedHighlight(id))?.target.quote.exact).toBe(FIRST);
    expect((await storedHighlight(id))?.color).toBe('yellow');
    await expect.poll(() => page.locator('.library-count').textContent()).toBe('1');
  });

  test('pressing n on the active highlight, typing a note and Ctrl+Enter shows the note in the margin beside the passage', async () => {
    const made = await highlight(FIRST, { color: 'yellow' });
    await open();
    await activate(FIRST, 'yellow');
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
    await expect.poll(async () => (await storedHighlight(made.id))?.note).toBe(NOTE);
  });

  test('pressing t on the active highlight, typing a tag and Enter adds a chip under the note', async () => {
    const made = await highlight(FIRST, { color: 'yellow', note: NOTE });
    await open();
    await activate(FIRST, 'yellow');
    await page.keyboard.press('t');
    const input = page.locator('.note-card .tag-input-field');
    await expect.poll(() => input.evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.type('diplomacy');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.note-card .tag-chip').first().textContent()).toContain('#diplomacy');
    await page.keyboard.press('Escape');
    await expect.poll(() => input.count()).toBe(0);
    await expect.poll(() => page.locator('.note-card .tag-chip').textContent()).toBe('#diplomacy');
    const chipUnderNote = async () => {
      const [note, chip] = await Promise.all([page.locator('.note-card .note-text').boundingBox(), page.locator('.note-card .tag-chip').boundingBox()]);
      return note !== null && chip !== null && chip.y >= note.y + note.height;
    };
    await expect.poll(chipUnderNote).toBe(true);
    await expect.poll(async () => (await storedHighlight(made.id))?.tags).toEqual(['diplomacy']);
  });

  test('after a reload the highlight, its note and its tag made with the keys are still there', async () => {
    await open();
    await selectWithMouse(page, FIRST);
    await page.keyboard.press('h');
    await page.keyboard.press('n');
    await page.keyboard.type(NOTE);
    await page.keyboard.press('Control+Enter');
    await page.keyboard.press('t');
    await page.keyboard.type('diplomacy');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    const id = await activeId();
    await expect.poll(async () => (await storedHighlight(id))?.tags).toEqual(['diplomacy']);

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

  test('a highlight in another colour from the toolbar and one overlapping a yellow highlight are both visible', async () => {
    await highlight(FIRST, { color: 'yellow' });
    await open();
    await expect.poll(() => paintedText('yellow')).toBe(FIRST);
    await selectWithMouse(page, SECOND);
    await page.locator('.selection-toolbar [aria-label="Highlight green"]').click();
    await expect.poll(() => paintedText('green')).toBe(SECOND);

    await selectWithMouse(page, OVERLAPPING);
    await page.locator('.selection-toolbar [aria-label="Highlight blue"]').click();
    await expect.poll(() => paintedText('blue')).toBe(OVERLAPPING);
    // The yellow highlight keeps its whole passage; the shared words keep the shorter one's fill and the other's underline.
    expect(await paintedText('yellow')).toBe(FIRST);
    const shared = await page.evaluate(() => {
      const under: string[] = [];
      CSS.highlights.forEach((highlight, name) => {
        if (!name.endsWith('-under')) return;
        highlight.forEach((painted) => {
          const range = document.createRange();
          range.setStart(painted.startContainer, painted.startOffset);
          range.setEnd(painted.endContainer, painted.endOffset);
          under.push(`${name}:${range.toString()}`);
        });
      });
      return under;
    });
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatch(/^hl-(yellow|blue)-under:John Kerry has been pushing for a deal$/);
    for (const color of ['yellow', 'blue']) {
      const background = await page.evaluate((name) => getComputedStyle(document.querySelector('.article p')!, `::highlight(${name})`).backgroundColor, `hl-${color}`);
      expect(background).toMatch(/^rgba\(.*, 0\.\d+\)$/);
    }
    // The side list follows the document: yellow, then blue, then green.
    await expect.poll(() => page.locator('.highlight-list .highlight-item .swatch').evaluateAll((swatches) =>
      swatches.map((s) => s.className.replace('swatch swatch-', '')),
    )).toEqual(['yellow', 'blue', 'green']);
    await expect.poll(async () => (await highlightsOnDisk(reader.dataDir)).map((h) => h.color).sort()).toEqual(['blue', 'green', 'yellow']);
  });

  test('notes of nearby passages stack in the margin without overlapping', async () => {
    await highlight(FIRST, { color: 'yellow', note: NOTE });
    await highlight(OVERLAPPING, { color: 'blue' });
    await open();
    await expect.poll(() => page.locator('.note-card').count()).toBe(1);
    // On the blue passage's own words: where it overlaps the yellow one, the shorter (yellow) is the innermost.
    await clickWords(page, 'between the USA');
    await expect.poll(() => activeMark().first().getAttribute('class')).toContain('hl-blue');
    await page.keyboard.press('n');
    await page.keyboard.type(BLUE_NOTE);
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
    await highlight(FIRST, { color: 'yellow', tags: ['diplomacy'] });
    const green = await highlight(SECOND, { color: 'green' });
    await open();
    await activate(SECOND, 'green');
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
    const card = page.locator(`.note-card[data-highlight-id="${green.id}"]`);
    await expect.poll(() => card.locator('.tag-chip').allTextContents()).toEqual(['#diplomacy', '#summit']);
    await expect.poll(async () => (await storedHighlight(green.id))?.tags).toEqual(['diplomacy', 'summit']);
  });

  test('Shift+arrows select from the caret, h highlights in the colour picked last, and the toolbar recolours and deletes', async () => {
    await open();
    // The colour picked last: blue, from the selection toolbar.
    await selectWithMouse(page, SECOND);
    await page.locator('.selection-toolbar [aria-label="Highlight blue"]').click();
    await expect.poll(() => paintedText('blue')).toBe(SECOND);

    await clickBefore(page, 'Obama’s meeting with Putin');
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.press('Control+Shift+ArrowRight');
    await expect.poll(() => page.evaluate(() => document.getSelection()?.toString().trim())).toBe('Obama’s meeting');
    await page.keyboard.press('h');
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
    await open();
    await selectWithMouse(page, ...ACROSS);
    await page.locator('.selection-toolbar [aria-label="Highlight purple"]').click();
    await expect.poll(async () => (await paintedIn('purple')).length).toBe(1);
    const [purple] = await paintedIn('purple');
    expect(purple!.paragraphs).toBe(2);
    expect(purple!.text).toBe(ACROSS.join(''));
    // The active highlight's outline follows it into both paragraphs.
    expect(await activeMark().evaluateAll((marks) => new Set(marks.map((m) => m.closest('p'))).size)).toBe(2);
    const id = await activeId();
    await expect.poll(async () => (await storedHighlight(id))?.target.quote.exact).toBe(ACROSS.join('\n'));

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
    await highlight(FIRST, { color: 'yellow', note: NOTE, tags: ['diplomacy'] });
    await open();
    const { markdown } = await reader.call<{ markdown: string }>('exportMarkdown', { articleId });
    expect(markdown).toContain(`> ${FIRST}`);
    expect(markdown).toContain(NOTE);
    expect(markdown).toContain('#diplomacy');
    await page.getByRole('button', { name: 'Export highlights and notes as Markdown' }).click();
    await expect.poll(() => page.locator('.notice-info').last().textContent()).toMatch(/Exported to .*\.md/);
  });

  test('Export to folder writes an Obsidian file per article; a second export keeps what the reader wrote in it', async () => {
    await highlight(FIRST, { color: 'yellow', note: NOTE, tags: ['diplomacy'] });
    await open();
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
    const green = await highlight(SECOND, { color: 'green' });
    await open();
    await reader.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: reader.origin });
    await page.locator(`.highlight-item[data-highlight-id="${green.id}"]`).click();
    await page.keyboard.press('c');
    await expect.poll(() => page.locator('.notice-info').last().textContent()).toMatch(/Copied the quote/);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^> /);
    expect(copied).toContain(`marginalia://article/${articleId}#${green.id}`);
  });

  test('a saved web page, imported with the button, opens as an article; an .svg file is refused with a notice', async () => {
    await open();
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
    // The sample article is still there to go back to.
    await page.locator(`.library-item[data-article-id="${articleId}"]`).click();
    await expect.poll(() => page.locator('.article-title').textContent()).toContain('Putin Says');
  });

  test('a long book shows a progress notice while it imports, then opens', async () => {
    await open();
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

  test('a plain-text file dropped on the window is imported and opened; the article read before keeps its highlights', async () => {
    for (const [passage, color] of [[FIRST, 'yellow'], [SECOND, 'green'], [ACROSS[0], 'purple']] as const) await highlight(passage, { color });
    await open();
    await dropFile(page, 'field-notes.txt', 'Field notes\nThe river was high in March.\n', 'text/plain');
    await expect.poll(() => page.locator('.article-title').textContent()).toBe('Field notes');
    await expect.poll(() => page.locator('.library-item').count()).toBe(2);
    await page.locator(`.library-item[data-article-id="${articleId}"]`).click();
    await expect.poll(() => page.locator('.article-title').textContent()).toContain('Putin Says He And Obama');
    await expect.poll(async () => (await paintedPassages(page)).length).toBe(3);
  });

  test('a click in the highlight list scrolls to the passage and makes it active', async () => {
    const green = await highlight(LAST, { color: 'green' });
    await open();
    const inView = async () => {
      const box = (await paintedIn('green'))[0]?.box;
      return box !== undefined && box !== null && box.y >= 0 && box.y + box.height <= page.viewportSize()!.height;
    };
    await expect.poll(async () => (await paintedIn('green')).length).toBe(1);
    expect(await inView()).toBe(false);
    await page.locator(`.highlight-item[data-highlight-id="${green.id}"]`).click();
    await expect.poll(() => activeMark().first().getAttribute('class')).toContain('hl-green');
    expect(await page.locator(`.highlight-item[data-highlight-id="${green.id}"]`).getAttribute('aria-current')).toBe('true');
    await expect.poll(inView).toBe(true);
  });

  test('notes stay beside their passages when the window is resized', async () => {
    const yellow = await highlight(FIRST, { color: 'yellow', note: NOTE });
    await open();
    await page.locator(`.note-card[data-highlight-id="${yellow.id}"]`).waitFor();
    await page.setViewportSize({ width: 1000, height: 900 });
    await expect
      .poll(async () => {
        const markTop = await paintedTop('yellow');
        const cardTop = (await page.locator(`.note-card[data-highlight-id="${yellow.id}"]`).boundingBox())!.y;
        return Math.abs(cardTop - markTop);
      })
      .toBeLessThan(40);
  });

  test('events from main show notices, run commands and open articles', async () => {
    await open();
    reader.broadcast({ type: 'notice', level: 'info', message: 'Hello from the shell.' });
    await expect.poll(() => page.locator('.notice-info').last().textContent()).toContain('Hello from the shell.');
    reader.broadcast({ type: 'command', command: 'export-markdown' });
    await expect.poll(() => page.locator('.notice-info').last().textContent()).toMatch(/Exported to/);
    // Main imported an article (as from the CLI or another window) and says so.
    const notes = await importText('field-notes.txt', 'Field notes\nThe river was high in March.\n');
    reader.broadcast({ type: 'library-changed', openArticleId: notes.id });
    await expect.poll(() => page.locator('.article-title').textContent()).toBe('Field notes');
    await page.locator(`.library-item[data-article-id="${articleId}"]`).click();
    await expect.poll(() => page.locator('.article-title').textContent()).toContain('Putin Says He And Obama');
  });

  test('after a reload the last article read opens again, even when another is newer', async () => {
    for (const [passage, color] of [[FIRST, 'yellow'], [SECOND, 'green'], [ACROSS[0], 'purple']] as const) await highlight(passage, { color });
    const newer = await importText('field-notes.txt', 'Field notes\nThe river was high in March.\n');
    // With nothing read yet, the reader opens the newest article.
    await page.goto(reader.url);
    await expect.poll(() => page.locator('.article-title').textContent()).toBe('Field notes');
    expect((await reader.call<ArticleSummary[]>('listArticles'))[0]!.id).toBe(newer.id);
    await page.locator(`.library-item[data-article-id="${articleId}"]`).click();
    await expect.poll(() => page.locator('.article-title').textContent()).toContain('Putin Says He And Obama');

    await page.reload();
    await expect.poll(() => page.locator('.article-title').textContent()).toContain('Putin Says He And Obama');
    await expect.poll(async () => (await paintedPassages(page)).length).toBe(3);
  });
});

describe('how the reader looks', () => {
  /** WCAG AA for body text. */
  const AA_CONTRAST = 4.5;
  /** Relative luminance a dark theme's page stays under, and a light theme's stays over. */
  const DARK_BELOW = 0.2;
  const LIGHT_ABOVE = 0.8;
  /** A fill this far (largest channel difference, 0–255) from the page is plain to see, and five fills this far apart are told apart. */
  const VISIBLE_FILL = 24;
  const DISTINCT_FILLS = 16;
  /** The screenshot shows a computed colour to within rounding of the blend. */
  const PAINT_TOLERANCE = 3;
  /** A card pushed down by the one above sits close under it. */
  const STACK_GAP_MAX = 16;

  /** Words of each passage that no other highlight covers, to sample its fill alone. */
  const OWN_WORDS: Record<Color, string> = {
    yellow: 'Secretary of State',
    blue: 'USA and Russian',
    green: 'Group of 20',
    pink: 'verifiable cessations',
    purple: 'Sergey Lavrov',
  };
  const PLAIN_WORDS = 'David Welna reported';

  let made: { highlight: Highlight; quote: string }[];

  beforeEach(async () => {
    const passages: [string, HighlightRequest][] = [
      [FIRST, { color: 'yellow', note: NOTE, tags: ['diplomacy'] }],
      [OVERLAPPING, { color: 'blue', note: BLUE_NOTE }],
      [SECOND, { color: 'green', tags: ['diplomacy', 'summit'] }],
      ['meaningful, serious, verifiable cessations of hostilities', { color: 'pink' }],
      ['Sergey Lavrov', { color: 'purple' }],
    ];
    made = [];
    for (const [quote, request] of passages) made.push({ highlight: await highlight(quote, request), quote });
    await open();
  });

  /** What a theme shows: colours computed by the page, and the screenshot. */
  const look = async (shot: Screenshot) => {
    const computed = await page.evaluate((colors) => {
      /** The colour behind an element: its own background or the nearest ancestor's that is not transparent. */
      const backgroundOf = (element: Element | null): string => {
        for (let e = element; e; e = e.parentElement) {
          const background = getComputedStyle(e).backgroundColor;
          if (background !== 'rgba(0, 0, 0, 0)') return background;
        }
        return getComputedStyle(document.documentElement).backgroundColor;
      };
      const paragraph = document.querySelector('.article p')!;
      const note = document.querySelector('.note-card .note-text')!;
      return {
        text: getComputedStyle(paragraph).color,
        page: backgroundOf(paragraph),
        noteText: getComputedStyle(note).color,
        card: backgroundOf(note),
        fills: Object.fromEntries(colors.map((c) => [c, getComputedStyle(paragraph, `::highlight(hl-${c})`).backgroundColor])),
      };
    }, [...COLORS]);
    const pageColour = parseColour(computed.page);
    const painted: Record<string, Rgba> = {};
    for (const color of COLORS) painted[color] = shot.commonestColour(await firstLineOf(page, OWN_WORDS[color]));
    return {
      text: parseColour(computed.text),
      page: pageColour,
      noteText: parseColour(computed.noteText),
      card: parseColour(computed.card),
      expectedFills: Object.fromEntries(COLORS.map((c) => [c, over(parseColour(computed.fills[c]!), pageColour)])) as Record<Color, Rgba>,
      painted: painted as Record<Color, Rgba>,
      plain: shot.commonestColour(await firstLineOf(page, PLAIN_WORDS)),
    };
  };

  const expectReadable = async (theme: 'light' | 'dark', shot: Screenshot) => {
    const seen = await look(shot);
    // The screenshot shows the page's own background where no highlight is.
    expect(channelDistance(seen.plain, seen.page), `${theme}: plain text background`).toBeLessThanOrEqual(PAINT_TOLERANCE);
    expect(contrast(seen.text, seen.page), `${theme}: article text on the page`).toBeGreaterThanOrEqual(AA_CONTRAST);
    expect(contrast(seen.noteText, seen.card), `${theme}: note text on its card`).toBeGreaterThanOrEqual(AA_CONTRAST);
    for (const color of COLORS) {
      const fill = seen.painted[color];
      // Each colour is painted behind its words, visibly, as the theme defines it, and the words stay readable on it.
      expect(channelDistance(fill, seen.page), `${theme}: ${color} fill against the page`).toBeGreaterThanOrEqual(VISIBLE_FILL);
      expect(channelDistance(fill, seen.expectedFills[color]), `${theme}: ${color} fill as computed`).toBeLessThanOrEqual(PAINT_TOLERANCE);
      expect(contrast(seen.text, fill), `${theme}: text on ${color}`).toBeGreaterThanOrEqual(AA_CONTRAST);
      for (const other of COLORS) {
        if (other < color) expect(channelDistance(fill, seen.painted[other]), `${theme}: ${color} told from ${other}`).toBeGreaterThanOrEqual(DISTINCT_FILLS);
      }
    }
    return seen;
  };

  /** Each note card sits in the margin right of the text, level with its passage's first line or stacked close under the card above. */
  const expectCardsBesidePassages = async () => {
    const column = (await page.locator('.article').boundingBox())!;
    const viewport = page.viewportSize()!;
    const cards = [];
    for (const { highlight: h, quote } of made) {
      const card = page.locator(`.note-card[data-highlight-id="${h.id}"]`);
      if ((await card.count()) === 0) continue;
      cards.push({ id: h.id, box: (await card.boundingBox())!, line: await firstLineOf(page, quote) });
    }
    cards.sort((a, b) => a.box.y - b.box.y);
    let above: (typeof cards)[number]['box'] | undefined;
    for (const { id, box, line } of cards) {
      expect(box.x, `card ${id} is right of the text column`).toBeGreaterThanOrEqual(column.x + column.width);
      expect(box.x + box.width, `card ${id} is inside the window`).toBeLessThanOrEqual(viewport.width);
      expect(box.y, `card ${id} is not above its passage`).toBeGreaterThanOrEqual(line.y - 1);
      const level = box.y <= line.y + line.height;
      const stacked = above !== undefined && box.y - (above.y + above.height) >= 0 && box.y - (above.y + above.height) <= STACK_GAP_MAX;
      expect(level || stacked, `card ${id} at ${box.y}: level with its line (${line.y}–${line.y + line.height}) or under the card above`).toBe(true);
      above = box;
    }
    return cards.length;
  };

  test('the reader looks right in light and dark themes: readable text, every highlight colour painted, notes beside their passages', async () => {
    await page.keyboard.press('Escape');
    await page.locator('.notice-close').evaluateAll((buttons) => buttons.forEach((b) => (b as HTMLElement).click()));
    await page.locator('#reader-scroll').evaluate((e) => (e.scrollTop = 0));
    await expect.poll(() => page.locator('.note-card').count()).toBe(3);
    await expect.poll(async () => (await paintedPassages(page)).length).toBe(COLORS.length);
    const shots = join(ROOT, 'docs/screenshots');
    await mkdir(shots, { recursive: true });

    await page.emulateMedia({ colorScheme: 'light' });
    const lightShot = new Screenshot(await page.screenshot({ path: join(shots, 'reader.png') }));
    expect(await expectCardsBesidePassages()).toBe(3);
    const light = await expectReadable('light', lightShot);
    expect(luminance(light.page), 'the light theme is light').toBeGreaterThan(LIGHT_ABOVE);

    await page.emulateMedia({ colorScheme: 'dark' });
    const darkShot = new Screenshot(await page.screenshot({ path: join(shots, 'reader-dark.png') }));
    expect(await expectCardsBesidePassages()).toBe(3);
    const dark = await expectReadable('dark', darkShot);
    expect(luminance(dark.page), 'the dark theme is dark').toBeLessThan(DARK_BELOW);
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
