/**
 * A reader's library for the library-view and tag-pane tests: the ten
 * articles of test/fixtures/library imported in the order of their file
 * names (after the sample article a fresh library starts with), and what
 * the list shows of them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { toBase64Pieces } from '../../shared/contract/import-request.js';
import type { Highlight } from '../../shared/model.js';
import { highlightQuote, ROOT, type ReaderSession } from './harness.js';

const FIXTURES = join(ROOT, 'test/fixtures/library');

/** The titles of the library's articles, as their front matter gives them. */
export const TITLES = {
  commonplace: 'The Commonplace Book, Revisited',
  underline: 'Why We Underline',
  montaigne: 'Notes in the Margin of Montaigne',
  slowReading: 'A Field Guide to Slow Reading',
  indexCards: 'Index Cards and the Zettelkasten',
  againstHighlighting: 'Against Highlighting Everything',
  monks: 'How Monks Annotated Manuscripts',
  paper: 'Reading on Paper, Reading on Screens',
  journal: 'The Quiet Art of the Reading Journal',
  wiki: 'Zettels All the Way Down: Building a Personal Wiki',
  sample: 'Putin Says He And Obama Took Step Forward On Syria',
} as const;
export type ArticleName = keyof typeof TITLES;

/** Imports the ten articles, oldest file first; answers each article's id by name. */
export async function importReadingLibrary(reader: ReaderSession): Promise<Record<ArticleName, string>> {
  const ids = new Map<string, string>();
  for (const summary of await reader.call<{ id: string; title: string }[]>('listArticles')) ids.set(summary.title, summary.id);
  for (const fileName of readdirSync(FIXTURES).filter((f) => f.endsWith('.md') && f !== 'README.md').sort()) {
    const dataBase64 = toBase64Pieces(readFileSync(join(FIXTURES, fileName)));
    const { summary } = await reader.call<{ summary: { id: string; title: string } }>('importFile', { fileName, dataBase64 });
    ids.set(summary.title, summary.id);
  }
  const byName = Object.fromEntries(Object.entries(TITLES).map(([name, title]) => [name, ids.get(title)])) as Record<ArticleName, string | undefined>;
  for (const [name, id] of Object.entries(byName)) if (!id) throw new Error(`the library has no article "${TITLES[name as ArticleName]}"`);
  return byName as Record<ArticleName, string>;
}

/** The titles the library list shows, in its order (by each row's place in the whole list, not in the page). */
export async function listedTitles(page: Page): Promise<string[]> {
  const rows = await page.locator('#library > li').evaluateAll((items) =>
    items.map((li) => ({ at: Number(li.getAttribute('aria-posinset')), size: Number(li.getAttribute('aria-setsize')), title: li.querySelector('.library-title')?.textContent ?? '' })),
  );
  rows.sort((a, b) => a.at - b.at);
  // Every row of a short list is in the page: a title missing from it would be a title not listed.
  if (rows.some((row, i) => row.at !== i + 1 || row.size !== rows.length)) throw new Error(`not every row of the list is in the page: ${JSON.stringify(rows)}`);
  return rows.map((row) => row.title);
}

/** Opens an article by clicking its row, and waits for the reader to show it. */
export async function openArticle(page: Page, articleId: string, title: string): Promise<void> {
  await page.locator(`.library-item[data-article-id="${articleId}"]`).click();
  await page.waitForFunction((wanted) => document.title.startsWith(wanted), title);
}

/** The five highlights the tag and All highlights tests read, by a short name, in the order made. */
export type MadeHighlights = Record<'promise' | 'reason' | 'card' | 'glosses' | 'choosing', Highlight>;

/**
 * Highlights five passages of the reading library, made in this order, with
 * five tags, two of them nested under #method (which one highlight carries
 * itself too): two in Against Highlighting, one each in Index Cards, Monks
 * and Why We Underline.
 */
export async function highlightReadingLibrary(reader: ReaderSession, ids: Record<ArticleName, string>): Promise<MadeHighlights> {
  return {
    promise: await highlightQuote(reader, ids.againstHighlighting, 'A highlight is a promise to come back.', {
      color: 'yellow',
      note: 'The whole essay in one line.',
      tags: ['method/highlighting'],
    }),
    reason: await highlightQuote(reader, ids.againstHighlighting, 'highlight with a reason', { color: 'green', tags: ['method/highlighting', 'memory'] }),
    card: await highlightQuote(reader, ids.indexCards, 'Each card held one idea', { color: 'blue', tags: ['method/index-cards', 'history'] }),
    glosses: await highlightQuote(reader, ids.monks, 'Medieval scribes wrote glosses', { color: 'pink', note: 'Three layers of commentary.', tags: ['history'] }),
    choosing: await highlightQuote(reader, ids.underline, 'The act of choosing is what helps', { color: 'purple', note: 'Choosing, not marking.', tags: ['method', 'memory'] }),
  };
}
