import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalEdits } from '../support/store-layout.js';
import { describe as describePassage, TextIndex } from '../../shared/anchoring/index.js';
import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import type { Article, Highlight } from '../../shared/model.js';
import { codePoints, utf16 } from '../../shared/offsets.js';
import { highlightsOnDisk, paintedPassages, startReader, type ReaderSession } from './harness.js';
import { toBase64Pieces } from '../../shared/contract/import-request.js';

/**
 * Selecting and highlighting passages around characters beyond U+FFFF and
 * combining marks in the real reader: what Chromium selects (UTF-16, whole
 * characters), what is painted, and what reaches the disk (code points).
 * The article is test/fixtures/astral/field-notes.md; the positions were
 * counted outside JavaScript (as in test/unit/astral-offsets.test.ts).
 */
const ACUTE = '\u0301';
const PASSAGES = [
  // Ends right after an emoji; selected with the keyboard.
  { exact: 'The ferry 🚢', at: [31, 42], by: 'keyboard' },
  // Ends right after a family joined by ZWJs (five code points, one character).
  { exact: 'with the 👩\u200d👩\u200d👧', at: [56, 70], by: 'keyboard' },
  // Ends right after a flag (two regional indicators).
  { exact: 'flying 🇯🇵 and 🇫🇷', at: [86, 102], by: 'mouse' },
  // Letters with combining accents.
  { exact: `re${ACUTE}sume${ACUTE} of the day`, at: [208, 227], by: 'mouse' },
  // Starts at U+20000, the first CJK Extension B ideograph.
  { exact: '𠀀 (U+20000) opens CJK Extension B', at: [243, 276], by: 'mouse' },
  { exact: '𠀀𠀁𠀂の字', at: [311, 316], by: 'keyboard' },
] as const;

const fixture = (name: string) => readFileSync(new URL(`../fixtures/astral/${name}`, import.meta.url));

const characters = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Where the first and last characters (grapheme clusters, whole) of a phrase of the article are on screen. */
async function phraseEnds(page: Page, phrase: string) {
  return page.evaluate((phrase) => {
    const walker = document.createTreeWalker(document.querySelector('.article')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const at = node.data.indexOf(phrase);
      if (at < 0) continue;
      node.parentElement!.scrollIntoView({ block: 'center' });
      const chars = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(phrase)];
      const box = ({ index, segment }: { index: number; segment: string }) => {
        const range = document.createRange();
        range.setStart(node, at + index);
        range.setEnd(node, at + index + segment.length);
        const rect = range.getClientRects()[0];
        if (!rect) throw new Error(`no box for ${segment}`);
        return rect;
      };
      const first = box(chars[0]!);
      const last = box(chars.at(-1)!);
      return {
        before: { x: first.left + Math.min(2, first.width / 3), y: first.top + first.height / 2 },
        after: { x: last.right - Math.min(2, last.width / 3), y: last.top + last.height / 2 },
      };
    }
    throw new Error(`not in one text node of the article: ${phrase}`);
  }, phrase);
}

/** Selects a phrase as a reader would: dragging the mouse over it, or clicking before it and Shift+→ once per character. */
async function select(page: Page, phrase: string, by: 'mouse' | 'keyboard'): Promise<void> {
  const { before, after } = await phraseEnds(page, phrase);
  if (by === 'mouse') {
    await page.mouse.move(before.x, before.y);
    await page.mouse.down();
    await page.mouse.move(after.x, after.y, { steps: 6 });
    await page.mouse.up();
    return;
  }
  await page.mouse.click(before.x, before.y);
  for (let i = [...characters.segment(phrase)].length; i > 0; i--) await page.keyboard.press('Shift+ArrowRight');
}

describe('highlights around emoji, CJK Extension B and combining marks, in the reader', () => {
  let session: ReaderSession;
  let articleId: string;

  beforeAll(async () => {
    session = await startReader();
    const { page, call } = session;
    await page.goto(session.url);
    await page.locator('.article-title').waitFor();
    articleId = (await call<{ summary: { id: string } }>('importFile', { fileName: 'field-notes.md', dataBase64: toBase64Pieces(fixture('field-notes.md')) })).summary.id;
    await page.reload();
    await page.locator(`.library-item[data-article-id="${articleId}"]`).click();
    await page.locator('.article-title', { hasText: 'Field notes' }).waitFor();
  });
  afterAll(() => session?.close());

  it.each(PASSAGES)('selecting $exact by $by and pressing h paints those characters and stores code points $at', async ({ exact, at, by }) => {
    const { page, dataDir } = session;
    await select(page, exact, by);
    expect(await page.evaluate(() => document.getSelection()?.toString())).toBe(exact);
    await page.keyboard.press('h');
    await expect.poll(async () => (await paintedPassages(page)).map((p) => p.text)).toContain(exact);
    await expect
      .poll(async () => {
        const stored = (await highlightsOnDisk(dataDir)).find((h) => h.target.quote.exact === exact) as { target: { position: { start: number; end: number } } } | undefined;
        return stored && [stored.target.position.start, stored.target.position.end];
      })
      .toEqual(at);
    await page.keyboard.press('Escape');
  });

  it('paints every passage on the same characters again after a reload, from the stored code points', async () => {
    const { page, log } = session;
    await page.reload();
    await page.locator(`.library-item[data-article-id="${articleId}"]`).click();
    await page.locator('.article-title', { hasText: 'Field notes' }).waitFor();
    await expect.poll(async () => (await paintedPassages(page)).map((p) => p.text)).toEqual(PASSAGES.map((p) => p.exact));
    expect(log.pageErrors).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
  });

  it('paints a passage found only by a fuzzy match on whole characters: 𠮷 where the selectors say 吉, 🛫 where they say ✈', async () => {
    const { page, call, dataDir, log } = session;
    // Selectors made on field-notes.md (as another app or an older export would hand them over) on an article of field-notes-v2.md.
    const { article } = await call<{ article: Article }>('getArticle', { articleId });
    const index = new TextIndex(articleText(documentFromJSON(article.document)).text);
    const { summary } = await call<{ summary: { id: string } }>('importFile', { fileName: 'field-notes-v2.md', dataBase64: toBase64Pieces(fixture('field-notes-v2.md')) });
    const moved: { before: Highlight; after: Highlight }[] = [];
    for (const [old, now] of [['吉野家の看板があり', '𠮷野家の看板があり'], ['✈ crossed the bay while gulls', '🛫 crossed the bay while gulls']] as const) {
      const at = index.text.indexOf(old);
      // Made on the new text through the contract, then given the old selectors, as an import of them would.
      const made = await call<Highlight>('createHighlight', { articleId: summary.id, start: codePoints(0), end: codePoints(5), color: 'green', note: now });
      moved.push({ before: made, after: { ...made, target: describePassage(index, utf16(at), utf16(at + old.length)) } });
    }
    await journalEdits(dataDir, summary.id, moved);
    await page.reload();
    await page.locator(`.library-item[data-article-id="${summary.id}"]`).click();
    await page.locator('.article-title', { hasText: 'Field notes' }).waitFor();
    await expect.poll(async () => (await paintedPassages(page)).map((p) => p.text)).toEqual(['𠮷野家の看板があり', '🛫 crossed the bay while gulls']);
    expect(log.pageErrors).toEqual([]);
  });
});
