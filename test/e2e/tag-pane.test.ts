import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Highlight } from '../../shared/model.js';
import { closeReader, highlightsOnDisk, ROOT, startReader, type ReaderSession } from './harness.js';
import { importReadingLibrary, listedTitles, openArticle, TITLES, type ArticleName, highlightReadingLibrary, type MadeHighlights } from './reading-library.js';

let reader: ReaderSession;
let page: Page;
let ids: Record<ArticleName, string>;
/** The highlights made for the test, by a short name. */
let made: MadeHighlights;

/**
 * Each test has a reader of its own over a fresh library (the sample article
 * and ten saved articles) whose highlights carry five tags, two of them
 * nested under #method (which one highlight carries itself too):
 *
 * | tag | highlights | articles |
 * |---|---|---|
 * | #history | 2 | 2 (Index Cards, Monks) |
 * | #memory | 2 | 2 (Against Highlighting, Why We Underline) |
 * | #method | 1 | 1 (Why We Underline) |
 * | #method/highlighting | 2 | 1 (Against Highlighting) |
 * | #method/index-cards | 1 | 1 (Index Cards) |
 *
 * Why We Underline is open.
 */
beforeEach(async () => {
  reader = await startReader();
  page = reader.page;
  ids = await importReadingLibrary(reader);
  made = await highlightReadingLibrary(reader, ids);
  await page.goto(reader.url);
  await page.waitForFunction((title) => document.title.startsWith(title), TITLES.wiki);
  await openArticle(page, ids.underline, TITLES.underline);
  await expect.poll(() => chipsOf(made.choosing)).toEqual(['#method', '#memory']);
});

afterEach(() => closeReader(reader));

const titlesOf = (names: readonly ArticleName[]) => names.map((name) => TITLES[name]);
/** The tag chips of a highlight's card in the margin. */
const chipsOf = (highlight: Highlight) => page.locator(`.note-card[data-highlight-id="${highlight.id}"] .tag-chip`).allTextContents();
/** The tags of a highlight's row in the side list of the open article's highlights. */
const listedTagsOf = (highlight: Highlight) =>
  page.locator(`#highlight-list .highlight-entry:has(.highlight-item[data-highlight-id="${highlight.id}"]) .tag-link`).allTextContents();
const tagRow = (tag: string) => page.locator(`#tag-tree .tag-row[data-tag="${tag}"]`);

/** What the tag pane shows, row by row in its order: the name shown, the count, and how deep it is nested. */
async function paneRows(): Promise<{ tag: string; name: string; count: number; depth: number }[]> {
  const rows = await page.locator('#tag-tree > li').evaluateAll((items) =>
    items.map((li) => {
      const row = li.querySelector<HTMLElement>('.tag-row')!;
      return {
        at: Number(li.getAttribute('aria-posinset')),
        tag: row.dataset.tag!,
        name: row.querySelector('.tag-label')?.textContent ?? '',
        count: Number(row.querySelector('.tag-count')?.textContent),
        depth: Number(row.style.getPropertyValue('--depth')),
        indent: row.querySelector('.tag-name')!.getBoundingClientRect().left,
      };
    }),
  );
  rows.sort((a, b) => a.at - b.at);
  // Nested tags are drawn further right than their parent.
  for (const row of rows) {
    const parent = rows.find((r) => row.tag.startsWith(`${r.tag}/`));
    if (parent) expect(row.indent, `#${row.tag} is indented under #${parent.tag}`).toBeGreaterThan(parent.indent);
  }
  return rows.map(({ tag, name, count, depth }) => ({ tag, name, count, depth }));
}

async function showTags(): Promise<void> {
  await page.locator('#tab-tags').click();
  await expect.poll(() => page.locator('#tag-tree > li').count()).toBeGreaterThan(0);
}

/** Renames a tag in the pane: its Rename button, the new name typed over the old one, Enter. */
async function renameTag(from: string, to: string): Promise<void> {
  await tagRow(from).hover();
  await tagRow(from).getByRole('button', { name: `Rename #${from}` }).click();
  const field = page.locator('.tag-rename-input');
  await expect.poll(() => field.evaluate((e) => e === document.activeElement)).toBe(true);
  await page.keyboard.type(to);
  await page.keyboard.press('Enter');
}

describe('the tag pane', () => {
  test('lists every tag with how many highlights carry it, nested tags under their parent, counted in its total', async () => {
    await showTags();
    await expect.poll(paneRows).toEqual([
      { tag: 'history', name: '#history', count: 2, depth: 0 },
      { tag: 'memory', name: '#memory', count: 2, depth: 0 },
      { tag: 'method', name: '#method', count: 4, depth: 0 },
      { tag: 'method/highlighting', name: 'highlighting', count: 2, depth: 1 },
      { tag: 'method/index-cards', name: 'index-cards', count: 1, depth: 1 },
    ]);
    expect(await tagRow('history').locator('.tag-count').getAttribute('title')).toBe('2 highlights in 2 articles');
    expect(await tagRow('method').locator('.tag-count').getAttribute('title')).toBe('4 highlights with its nested tags');

    // Its Rename and Remove buttons show on the row under the pointer.
    await tagRow('memory').hover();
    const shots = join(ROOT, 'docs/screenshots');
    await mkdir(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'tag-pane.png') });
  });

  test('the articles button of a tag shows the articles whose highlights carry it or a tag nested under it', async () => {
    const showArticles = async (tag: string) => {
      await tagRow(tag).hover();
      await tagRow(tag).getByRole('button', { name: `Show the articles tagged #${tag}`, exact: true }).click();
    };
    await showTags();
    await showArticles('method');
    await expect.poll(() => listedTitles(page)).toEqual(titlesOf(['againstHighlighting', 'indexCards', 'underline']));
    await showTags();
    expect(await tagRow('method').locator('.tag-name').getAttribute('aria-current')).toBe('true');
    await showArticles('method/index-cards');
    await expect.poll(() => listedTitles(page)).toEqual(titlesOf(['indexCards']));
  });

  test('clicking a tag opens all its highlights across the library, nested tags included', async () => {
    await showTags();
    await tagRow('method').locator('.tag-name').click();
    const view = page.locator('#all-highlights');
    await view.waitFor();
    expect(await view.locator('.all-highlights-tag').inputValue()).toBe('method');
    const shown = () => view.locator('.all-highlight').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.highlightId));
    const tagged = Object.values(made).filter((h) => h.tags.some((t) => t === 'method' || t.startsWith('method/')));
    await expect.poll(async () => (await shown()).sort()).toEqual(tagged.map((h) => h.id).sort());
    await page.keyboard.press('Escape');
    await expect.poll(() => view.isVisible()).toBe(false);
  });

  test('renaming a tag shows the new name in the pane, the margin, the side list and the next export; Esc cancels a rename', async () => {
    await showTags();
    await renameTag('memory', 'remembering');
    await page.locator('.notice', { hasText: 'Renamed #memory to #remembering on 2 highlights in 2 articles.' }).waitFor();
    await expect.poll(async () => (await paneRows()).map((r) => r.tag)).toEqual(['history', 'method', 'method/highlighting', 'method/index-cards', 'remembering']);
    // The open article's highlight, in the margin and in the side list.
    await expect.poll(() => chipsOf(made.choosing)).toEqual(['#method', '#remembering']);
    await expect.poll(() => listedTagsOf(made.choosing)).toEqual(['#method', '#remembering']);
    // And another article's, on disk.
    expect((await highlightsOnDisk(reader.dataDir)).find((h) => h.id === made.reason.id)?.tags).toEqual(['method/highlighting', 'remembering']);

    await reader.call('exportToFolder', { selection: { articleIds: [ids.underline] }, preset: 'obsidian' });
    const folder = join(reader.dataDir, 'exports', 'obsidian');
    const [file] = await readdir(folder);
    const exported = await readFile(join(folder, file!), 'utf8');
    expect(exported).toContain('#remembering');
    expect(exported).not.toContain('#memory');

    await tagRow('history').hover();
    await tagRow('history').getByRole('button', { name: 'Rename #history' }).click();
    await page.keyboard.type('never-saved');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.tag-rename-input').count()).toBe(0);
    expect((await paneRows()).map((r) => r.tag)).toContain('history');
    expect((await reader.call<{ tag: string }[]>('listTagCounts')).map((c) => c.tag)).not.toContain('never-saved');
  });

  test('renaming a tag onto one in use merges the two, and says so', async () => {
    await openArticle(page, ids.indexCards, TITLES.indexCards);
    await showTags();
    await renameTag('history', 'memory');
    await page.locator('.notice', { hasText: 'Merged #history into #memory: 2 highlights in 2 articles.' }).waitFor();
    await expect.poll(paneRows).toEqual([
      { tag: 'memory', name: '#memory', count: 4, depth: 0 },
      { tag: 'method', name: '#method', count: 4, depth: 0 },
      { tag: 'method/highlighting', name: 'highlighting', count: 2, depth: 1 },
      { tag: 'method/index-cards', name: 'index-cards', count: 1, depth: 1 },
    ]);
    await expect.poll(() => chipsOf(made.card)).toEqual(['#method/index-cards', '#memory']);
  });

  test('removing a tag takes it off every highlight, and Undo in the notice puts it back', async () => {
    await openArticle(page, ids.monks, TITLES.monks);
    await expect.poll(() => chipsOf(made.glosses)).toEqual(['#history']);
    await showTags();
    await tagRow('history').hover();
    await tagRow('history').getByRole('button', { name: 'Remove #history from every highlight' }).click();
    const notice = page.locator('.notice-undo', { hasText: 'Removed #history from 2 highlights.' });
    await notice.waitFor();
    await expect.poll(async () => (await paneRows()).map((r) => r.tag)).toEqual(['memory', 'method', 'method/highlighting', 'method/index-cards']);
    // The open article's card keeps its note, without the tag.
    await expect.poll(() => chipsOf(made.glosses)).toEqual([]);
    expect(await page.locator(`.note-card[data-highlight-id="${made.glosses.id}"] .note-text`).textContent()).toBe('Three layers of commentary.');
    expect((await highlightsOnDisk(reader.dataDir)).find((h) => h.id === made.card.id)?.tags).toEqual(['method/index-cards']);

    await notice.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await paneRows()).find((r) => r.tag === 'history')?.count).toBe(2);
    await expect.poll(() => chipsOf(made.glosses)).toEqual(['#history']);
    expect((await highlightsOnDisk(reader.dataDir)).find((h) => h.id === made.card.id)?.tags).toEqual(['method/index-cards', 'history']);
  });

  test('clicking a tag chip in the margin or a tag in the side list shows the articles carrying that tag', async () => {
    await page.locator(`.note-card[data-highlight-id="${made.choosing.id}"] .tag-chip-link`, { hasText: '#memory' }).click();
    await expect.poll(() => listedTitles(page)).toEqual(titlesOf(['againstHighlighting', 'underline']));
    expect(await page.locator('.library-tag-filter').textContent()).toContain('#memory');
    // The card was not made active by the click on its chip.
    expect(await page.locator(`.note-card[data-highlight-id="${made.choosing.id}"]`).getAttribute('class')).not.toContain('is-active');

    await page.locator('#highlight-list .tag-link', { hasText: '#method' }).click();
    await expect.poll(() => listedTitles(page)).toEqual(titlesOf(['againstHighlighting', 'indexCards', 'underline']));
    expect(await page.locator('.library-tag-filter').textContent()).toContain('#method');
    // From the Tags tab too: the chip's filter shows the Articles tab.
    await showTags();
    await page.locator(`.note-card[data-highlight-id="${made.choosing.id}"] .tag-chip-link`, { hasText: '#memory' }).click();
    expect(await page.locator('#articles-panel').isVisible()).toBe(true);
    await expect.poll(() => listedTitles(page)).toEqual(titlesOf(['againstHighlighting', 'underline']));
  });
});
