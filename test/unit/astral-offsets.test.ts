import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { anchorCommand } from '../../main/cli/anchor-command.js';
import { highlightsCommand } from '../../main/cli/commands.js';
import { exportMarkdown, loadTemplate, presetTemplate, PRESET_NAMES } from '../../main/core/export/index.js';
import { toAnnotationCollection } from '../../main/core/interop/w3c-annotations.js';
import type { Library } from '../../main/core/index.js';
import { anchorAll, describe as describePassage, TextIndex } from '../../shared/anchoring/index.js';
import type { Highlight } from '../../shared/model.js';
import { codePoints, utf16 } from '../../shared/offsets.js';
import { openTestLibrary } from '../support/library.js';
import { readExport } from '../support/markdown.js';
import { tempDir } from '../support/temp.js';

/**
 * Offsets through every layer, with characters beyond U+FFFF (emoji, a
 * family joined by ZWJ, flags, CJK Extension B) and combining marks, where
 * UTF-16 offsets and code points part: describe → store (through the
 * contract's code points) → anchor → a new version of the article → exports.
 *
 * field-notes-v2.md is field-notes.md edited around and inside the passages:
 * 🌅 added before the ferry, a boy joined to the family (👩‍👩‍👧 → 👩‍👩‍👧‍👦), the
 * accent added to "cafe", "the … block" around "CJK Extension B", 吉 written
 * as its Extension B variant 𠮷, and ✈ (U+2708) become 🛫 (U+1F6EB).
 */
const fixture = (name: string) => new URL(`../fixtures/astral/${name}`, import.meta.url).pathname;
const ACUTE = '\u0301';
const FAMILY = '👩\u200d👩\u200d👧';

/**
 * Passages as a reader selects them, where they are in code points, and
 * where the new version has them. The positions were counted outside
 * JavaScript (Python's strings index code points), not with TextIndex.
 */
const PASSAGES = [
  { exact: 'The ferry 🚢', at: [31, 42], v2: { exact: 'The ferry 🚢', at: [33, 44] } },
  { exact: `with the ${FAMILY}`, at: [56, 70], v2: { exact: `with the ${FAMILY}\u200d👦`, at: [58, 74] } },
  { exact: 'flying 🇯🇵 and 🇫🇷', at: [86, 102], v2: { exact: 'flying 🇯🇵 and 🇫🇷', at: [90, 106] } },
  { exact: `CAFE${ACUTE}`, at: [147, 152], v2: { exact: `CAFE${ACUTE}`, at: [151, 156] } },
  { exact: 'ordered a cafe', at: [172, 186], v2: { exact: `ordered a cafe${ACUTE}`, at: [176, 191] } },
  { exact: `re${ACUTE}sume${ACUTE} of the day`, at: [208, 227], v2: { exact: `re${ACUTE}sume${ACUTE} of the day`, at: [213, 232] } },
  { exact: '𠀀 (U+20000) opens CJK Extension B', at: [243, 276], v2: { exact: '𠀀 (U+20000) opens the CJK Extension B', at: [248, 285] } },
  { exact: '吉野家の看板があり', at: [301, 310], v2: { exact: '𠮷野家の看板があり', at: [316, 325] } },
  { exact: '𠀀𠀁𠀂の字', at: [311, 316], v2: { exact: '𠀀𠀁𠀂の字', at: [326, 331] } },
  { exact: '✈ crossed the bay while gulls', at: [330, 359], v2: { exact: '🛫 crossed the bay while gulls', at: [345, 374] } },
  { exact: 'tide turned 🌙', at: [395, 408], v2: { exact: 'tide turned 🌙', at: [410, 423] } },
] as const;

/** Half of a surrogate pair on its own: what a string cut inside a character holds. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The position of a passage as a W3C TextPositionSelector has it. */
const position = ([start, end]: readonly [number, number]) => ({ type: 'TextPositionSelector', start, end });

/** field-notes.md imported from a file (so field-notes-v2.md can replace it), with each passage highlighted through the contract's code points. */
async function highlightedNotes(): Promise<{ library: Library; dataDir: string; articleId: string; path: string; highlights: Highlight[] }> {
  const dataDir = await tempDir();
  const library = await openTestLibrary({ dataDir });
  const path = join(await tempDir(), 'field-notes.md');
  await copyFile(fixture('field-notes.md'), path);
  const { summary } = await library.importFile({ fileName: 'field-notes.md', bytes: await readFile(path), path });
  const highlights: Highlight[] = [];
  for (const [i, p] of PASSAGES.entries()) {
    const [start, end] = p.at;
    highlights.push(await library.createHighlight({ articleId: summary.id, start: codePoints(start), end: codePoints(end), color: i % 2 ? 'blue' : 'yellow', note: `Note ${i + 1}` }));
  }
  return { library, dataDir, articleId: summary.id, path, highlights };
}

/** Imports field-notes-v2.md over the article, as a re-import of the edited file. */
async function importNewVersion(library: Library, path: string) {
  await copyFile(fixture('field-notes-v2.md'), path);
  return library.importFile({ fileName: 'field-notes.md', bytes: await readFile(path), path });
}

describe('offsets with emoji, CJK Extension B and combining marks', () => {
  it('describes each selected passage with its exact quote and code-point positions, its context never holding half a character', async () => {
    const { library, articleId } = await highlightedNotes();
    const text = await library.textOf(articleId);
    const index = new TextIndex(text);
    for (const p of PASSAGES) {
      const at = text.indexOf(p.exact);
      expect(at, p.exact).toBeGreaterThan(0);
      // The selection arrives as string indices (UTF-16): one conversion, and the code points counted outside JavaScript.
      expect([index.toCodePoint(utf16(at)), index.toCodePoint(utf16(at + p.exact.length))], p.exact).toEqual(p.at);
      expect(index.toUtf16(codePoints(p.at[0]))).toBe(at);
      const target = describePassage(index, utf16(at), utf16(at + p.exact.length));
      expect(target.position).toEqual(position(p.at));
      expect(target.quote.exact).toBe(p.exact);
      for (const context of [target.quote.prefix, target.quote.suffix]) {
        expect(context, p.exact).not.toMatch(LONE_SURROGATE);
        expect(Array.from(context).length).toBeLessThanOrEqual(32);
      }
      expect(text.slice(0, at).endsWith(target.quote.prefix) && text.slice(at + p.exact.length).startsWith(target.quote.suffix)).toBe(true);
    }
  });

  it('stores what the contract was given in code points, the same after the library is reopened, and anchors it on the same characters', async () => {
    const { library, dataDir, articleId, highlights } = await highlightedNotes();
    for (const [i, h] of highlights.entries()) {
      expect(h.target.position).toEqual(position(PASSAGES[i]!.at));
      expect(h.target.quote.exact).toBe(PASSAGES[i]!.exact);
    }
    await library.close();
    const reopened = await openTestLibrary({ dataDir });
    const { highlights: stored } = await reopened.getArticle(articleId);
    expect(stored.map((h) => [h.target.quote.exact, h.target.position.start, h.target.position.end])).toEqual(PASSAGES.map((p) => [p.exact, ...p.at]));
    const text = await reopened.textOf(articleId);
    const found = anchorAll(text, stored);
    for (const h of stored) {
      const a = found.get(h)!;
      expect(a).toMatchObject({ status: 'anchored', method: 'position' });
      if (a.status === 'anchored') expect(text.slice(a.start, a.end)).toBe(h.target.quote.exact);
    }
  });

  it('moves every highlight to a new version edited around and inside the passages: whole characters, exact quotes, code points', async () => {
    const { library, articleId, path } = await highlightedNotes();
    const { newVersion } = await importNewVersion(library, path);
    expect(newVersion).toMatchObject({ version: 2, anchored: PASSAGES.length, orphaned: 0 });
    const { highlights } = await library.getArticle(articleId);
    const text = await library.textOf(articleId);
    const index = new TextIndex(text);
    expect(highlights.map((h) => h.target.quote.exact)).toEqual(PASSAGES.map((p) => p.v2.exact));
    for (const [i, h] of highlights.entries()) {
      expect(h.orphaned).toBeUndefined();
      expect(h.target.position, h.target.quote.exact).toEqual(position(PASSAGES[i]!.v2.at));
      expect(text.slice(index.toUtf16(h.target.position.start), index.toUtf16(h.target.position.end))).toBe(h.target.quote.exact);
      expect(h.target.quote.prefix + h.target.quote.suffix).not.toMatch(LONE_SURROGATE);
    }
  });

  it('finds the passages from their selectors alone in the new version (as the reader and `marginalia anchor` do), never half a character', async () => {
    const { library, articleId, highlights } = await highlightedNotes();
    const { article } = await library.getArticle(articleId);
    const annotations = join(await tempDir(), 'field-notes.jsonld');
    await writeFile(annotations, JSON.stringify(toAnnotationCollection(article, highlights)));
    const v2 = await openTestLibrary({ dataDir: await tempDir() });
    const { summary } = await v2.importFile({ fileName: 'field-notes-v2.md', bytes: readFileSync(fixture('field-notes-v2.md')) });
    const text = await v2.textOf(summary.id);

    const found = anchorAll(text, highlights);
    expect(highlights.map((h) => {
      const a = found.get(h)!;
      return a.status === 'anchored' ? text.slice(a.start, a.end) : a.status;
    })).toEqual(PASSAGES.map((p) => p.v2.exact));

    const textFile = join(await tempDir(), 'field-notes-v2.txt');
    await writeFile(textFile, text);
    const lines: string[] = [];
    await anchorCommand({ positionals: [], options: new Map([['text', [textFile]], ['annotations', [annotations]]]), flags: new Set() }, (line) => lines.push(line));
    expect(lines.map((line) => JSON.parse(line) as { status: string; start: number; end: number })).toEqual(
      PASSAGES.map((p) => expect.objectContaining({ status: 'anchored', start: p.v2.at[0], end: p.v2.at[1] })),
    );
  });

  it.each(PRESET_NAMES)('exports every quote whole with the %s preset', async (preset) => {
    const { library, articleId } = await highlightedNotes();
    const { article, highlights } = await library.getArticle(articleId);
    const markdown = exportMarkdown(article, highlights, { exportedAt: new Date('2026-12-01T00:00:00Z'), template: presetTemplate(preset) });
    expect(markdown).not.toMatch(LONE_SURROGATE);
    expect(readExport(markdown, preset).map((h) => h.quote)).toEqual(PASSAGES.map((p) => p.exact));
  });

  it('exports code-point positions to a template and to W3C annotations, after the new version too', async () => {
    const { library, articleId, path } = await highlightedNotes();
    const template = await loadTemplate(new URL('../fixtures/export/reading-notes.hbs', import.meta.url).pathname);
    for (const version of ['v1', 'v2'] as const) {
      if (version === 'v2') await importNewVersion(library, path);
      const { article, highlights } = await library.getArticle(articleId);
      const expected = PASSAGES.map((p) => (version === 'v1' ? p : p.v2));
      const markdown = exportMarkdown(article, highlights, { exportedAt: new Date('2026-12-01T00:00:00Z'), template });
      expect([...markdown.matchAll(/^## \d+\. \w+ \((\d+)–(\d+)\)$/gm)].map((m) => [Number(m[1]), Number(m[2])])).toEqual(expected.map((p) => p.at));
      const items = (toAnnotationCollection(article, highlights).first as { items: { target: { selector: { exact?: string }[] } }[] }).items;
      expect(items.map((a) => a.target.selector)).toEqual(
        expected.map((p) => [expect.objectContaining({ type: 'TextQuoteSelector', exact: p.exact }), position(p.at)]),
      );
    }
  });

  it('lists a quote in the CLI as whole characters, where 57 UTF-16 units would end inside a flag', async () => {
    const { library, articleId } = await highlightedNotes();
    const quote = `dawn with the ${FAMILY} family aboard, flying 🇯🇵 and 🇫🇷 flags.`;
    const index = await library.indexOf(articleId);
    const at = index.text.indexOf(quote);
    await library.createHighlight({ articleId, start: index.toCodePoint(utf16(at)), end: index.toCodePoint(utf16(at + quote.length)), color: 'green' });
    const lines: string[] = [];
    await highlightsCommand(library, { positionals: [articleId], options: new Map(), flags: new Set() }, (line) => lines.push(line));
    // 52 characters as read (the family and each flag one character): shown whole.
    expect(lines.find((line) => line.includes('dawn with'))).toContain(JSON.stringify(quote));
    expect(lines.join('\n')).not.toMatch(/\\ud[89a-f]/i);
  });
});
