import { describe, expect, it } from 'vitest';
import { copyFile, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  exportMarkdown,
  exportToFolder,
  loadTemplate,
  placedOrder,
  presetTemplate,
  PRESET_NAMES,
  quoteForClipboard,
  syncStateDir,
  uuidOf,
  type PresetName,
} from '../../main/core/export/index.js';
import type { Library } from '../../main/core/index.js';
import type { Highlight } from '../../shared/model.js';
import { openTestLibrary } from '../support/library.js';
import { readExport } from '../support/markdown.js';
import { tempDir } from '../support/temp.js';
import { utf16 } from '../../shared/offsets.js';

const fixture = (name: string) => new URL(`../fixtures/export/${name}`, import.meta.url).pathname;

/**
 * The passages highlighted in orphans-v1.txt, in the order they are made. The
 * second version of the file drops the paragraphs of `spleen` and `wharves`:
 * those two become orphaned, and their stored positions (between the others)
 * point at text that no longer holds them.
 */
const PASSAGES = {
  wharves: 'belted round by wharves as Indian isles',
  sail: 'Some years ago I thought I would sail',
  spleen: 'driving off the spleen',
  slip: 'go from Corlears Hook to Coenties Slip',
  grim: 'growing grim about the mouth',
} as const;
type Name = keyof typeof PASSAGES;
/** Placed in document order, then the orphans oldest first (wharves was made before spleen). */
const EXPORT_ORDER: Name[] = ['sail', 'grim', 'slip', 'wharves', 'spleen'];
const ORPHANED = new Set<Name>(['wharves', 'spleen']);

/** A library with orphans-v1.txt imported from a path, a highlight on each passage (a minute apart), then v2 imported over it. */
async function orphanedLibrary({ reimport = true } = {}) {
  const dataDir = await tempDir();
  let clock = Date.parse('2026-11-25T10:00:00Z');
  const now = () => new Date((clock += 60_000));
  const library = await openTestLibrary({ dataDir, now });
  const path = join(await tempDir(), 'whale.txt');
  await copyFile(fixture('orphans-v1.txt'), path);
  const { summary } = await library.importFile({ fileName: 'whale.txt', bytes: await readFile(path), path });
  const made = new Map<Name, Highlight>();
  for (const [name, quote] of Object.entries(PASSAGES) as [Name, string][]) made.set(name, await highlight(library, summary.id, quote, name));
  const newVersion = async () => {
    await copyFile(fixture('orphans-v2.txt'), path);
    const result = await library.importFile({ fileName: 'whale.txt', bytes: await readFile(path), path });
    expect(result.newVersion).toMatchObject({ version: 2, orphaned: 2, anchored: 3 });
  };
  if (reimport) await newVersion();
  const current = async () => library.getArticle(summary.id);
  const nameOf = (id: string): Name => [...made].find(([, h]) => h.id === id)![0];
  return { dataDir, library, articleId: summary.id, made, current, nameOf, newVersion };
}

async function highlight(library: Library, articleId: string, quote: string, note: string): Promise<Highlight> {
  const index = await library.indexOf(articleId);
  const at = index.text.indexOf(quote);
  expect(at).toBeGreaterThanOrEqual(0);
  return library.createHighlight({ articleId, start: index.toCodePoint(utf16(at)), end: index.toCodePoint(utf16(at + quote.length)), color: 'blue', note: `On ${note}.` });
}

describe('orphaned highlights in Markdown exports', () => {
  it('orders placed highlights by position and orphans after them by creation time, never by their stale position', async () => {
    const { current, nameOf } = await orphanedLibrary();
    const { highlights } = await current();
    // The stale positions would put the orphans between the placed ones.
    const byStoredPosition = [...highlights].sort((a, b) => a.target.position.start - b.target.position.start).map((h) => nameOf(h.id));
    expect(byStoredPosition).toEqual(['sail', 'spleen', 'grim', 'slip', 'wharves']);
    expect(placedOrder(highlights).map((h) => nameOf(h.id))).toEqual(EXPORT_ORDER);
    expect(placedOrder([...highlights].reverse()).map((h) => nameOf(h.id))).toEqual(EXPORT_ORDER);
  });

  it.each(PRESET_NAMES)('%s marks each orphaned highlight as orphaned and writes it after the placed ones', async (preset) => {
    const { current, nameOf } = await orphanedLibrary();
    const { article, highlights } = await current();
    const markdown = exportMarkdown(article, highlights, { exportedAt: new Date(), template: presetTemplate(preset) });
    const read = readExport(markdown, preset);
    const idOf = (h: (typeof read)[number]) => (preset === 'logseq' ? highlights.find((x) => uuidOf(x.id) === h.id)!.id : h.id);
    expect(read.map((h) => [nameOf(idOf(h)), h.orphaned])).toEqual(EXPORT_ORDER.map((name) => [name, ORPHANED.has(name)]));
    expect(read.map((h) => h.quote)).toEqual(EXPORT_ORDER.map((name) => PASSAGES[name]));
    if (preset === 'obsidian') expect(markdown).toMatch(/\nhighlights: 5\norphaned: 2\n/);
  });

  it('gives templates `orphaned`, `orphanedCount`, and no position for an orphan (docs/templates.md)', async () => {
    const { current, made } = await orphanedLibrary();
    const { article, highlights } = await current();
    const markdown = exportMarkdown(article, highlights, { exportedAt: new Date(), template: await loadTemplate(fixture('orphans.hbs')) });
    const lines = markdown.split('\n').filter((l) => /^\d+\. /.test(l));
    const placedAt = (name: Name) => {
      const { position } = highlights.find((h) => h.id === made.get(name)!.id)!.target;
      return `at ${position.start}–${position.end}`;
    };
    expect(markdown.split('\n')[0]).toBe('# The Whiteness of the Whale: 5 highlights, 2 orphaned');
    expect(lines).toEqual(
      EXPORT_ORDER.map((name, i) => `${i + 1}. ${ORPHANED.has(name) ? 'ORPHANED' : placedAt(name)} <!-- ${made.get(name)!.id} -->`),
    );
  });
});

describe('an orphaned highlight copied as a quote', () => {
  it('says in its citation that the passage is no longer in the article', async () => {
    const { current, made } = await orphanedLibrary();
    const { article, highlights } = await current();
    const copy = (name: Name) => quoteForClipboard(article, highlights.find((h) => h.id === made.get(name)!.id)!);
    expect(copy('spleen')).toBe(
      `> ${PASSAGES.spleen}\n>\n> — [The Whiteness of the Whale](marginalia://article/${article.id}#${made.get('spleen')!.id}) (orphaned: this passage is no longer in the article)\n`,
    );
    expect(copy('sail')).toBe(`> ${PASSAGES.sail}\n>\n> — [The Whiteness of the Whale](marginalia://article/${article.id}#${made.get('sail')!.id})\n`);
  });
});

describe('orphaned highlights in a folder kept in sync', () => {
  const count = (text: string, part: string) => text.split(part).length - 1;
  const idIn = (preset: PresetName, h: Highlight) => (preset === 'logseq' ? `id:: ${uuidOf(h.id)}` : h.id);

  it.each(PRESET_NAMES)('%s: a highlight that becomes orphaned, then is re-attached, changes its block in place, never twice', async (preset) => {
    const v = await orphanedLibrary({ reimport: false });
    const folder = await tempDir();
    const options = { folder, stateDir: syncStateDir(v.dataDir), template: presetTemplate(preset) };
    const [first] = (await exportToFolder(v.library, { all: true }, options)).files;
    expect(readExport(await readFile(first!.path, 'utf8'), preset).every((h) => !h.orphaned)).toBe(true);
    await writeFile(first!.path, `${await readFile(first!.path, 'utf8')}\nMy closing thought.\n`);

    await v.newVersion();
    const [second] = (await exportToFolder(v.library, { all: true }, options)).files;
    expect(second).toMatchObject({ status: 'updated', conflicts: 0 });
    let text = await readFile(second!.path, 'utf8');
    const states = () => new Map(readExport(text, preset).map((h) => [h.quote, h.orphaned]));
    expect(states()).toEqual(new Map(Object.entries(PASSAGES).map(([name, quote]) => [quote, ORPHANED.has(name as Name)])));
    for (const h of v.made.values()) expect(count(text, idIn(preset, h)), h.note).toBe(1);
    expect(count(text, 'My closing thought.')).toBe(1);

    // Re-attached (on another passage, as the reader would choose): its block is an ordinary quote again, still once.
    const spleen = v.made.get('spleen')!;
    const index = await v.library.indexOf(v.articleId);
    const at = index.text.indexOf('Circumambulate');
    await v.library.reattachHighlight({ articleId: v.articleId, highlightId: spleen.id, start: index.toCodePoint(utf16(at)), end: index.toCodePoint(utf16(at + 14)) });
    const [third] = (await exportToFolder(v.library, { all: true }, options)).files;
    expect(third).toMatchObject({ status: 'updated', conflicts: 0 });
    text = await readFile(third!.path, 'utf8');
    const reattached = readExport(text, preset).filter((h) => h.after.includes('On spleen.'));
    expect(reattached).toMatchObject([{ orphaned: false, quote: 'Circumambulate' }]);
    expect(readExport(text, preset).filter((h) => h.orphaned)).toMatchObject([{ quote: PASSAGES.wharves }]);
    for (const h of v.made.values()) expect(count(text, idIn(preset, h)), h.note).toBe(1);
    expect(count(text, 'My closing thought.')).toBe(1);

    // Written afresh, the file has the orphan last.
    await unlink(third!.path);
    await exportToFolder(v.library, { all: true }, options);
    expect(readExport(await readFile(third!.path, 'utf8'), preset).map((h) => [h.quote, h.orphaned]).at(-1)).toEqual([PASSAGES.wharves, true]);
  });
});
