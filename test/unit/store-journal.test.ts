import { describe, expect, it } from 'vitest';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openTestLibrary } from '../support/library.js';
import { SAMPLE_ARTICLE, tempDir } from '../support/temp.js';
import { codePoints } from '../../shared/offsets.js';
import { layoutOf } from '../support/store-layout.js';

/** This device's journal of the article. */
const journalFile = (dataDir: string, id: string) => layoutOf(dataDir).journal(id);
const quietly = <T>(fn: () => Promise<T>) => {
  const warn = console.warn;
  console.warn = () => {};
  return fn().finally(() => (console.warn = warn));
};

/** A library with the sample article and `notes.length` highlights made one journal line each (not folded). */
async function journaled(notes: string[]) {
  const dataDir = await tempDir();
  const library = await openTestLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE });
  const [summary] = await library.listArticles();
  const articleId = summary!.id;
  await library.close(); // folds the sample's empty journal; what follows stays in the journal
  const writer = await openTestLibrary({ dataDir });
  const ids: string[] = [];
  for (const [i, note] of notes.entries()) {
    ids.push((await writer.createHighlight({ articleId, start: codePoints(i * 10), end: codePoints(i * 10 + 5), color: 'green', note })).id);
  }
  const path = journalFile(dataDir, articleId);
  const lines = (await readFile(path, 'utf8')).split('\n').slice(0, -1);
  expect(lines).toHaveLength(notes.length);
  return { dataDir, articleId, ids, path, lines, writer };
}

/** Reads the article's highlights in a library opened afresh on the folder. */
async function reopenAndRead(dataDir: string, articleId: string) {
  const library = await quietly(() => openTestLibrary({ dataDir }));
  const { highlights } = await quietly(() => library.getArticle(articleId));
  return { library, notes: highlights.map((h) => h.note) };
}

describe('a damaged journal line', () => {
  it('keeps every later line whose checksum holds; only the damaged line goes to quarantine, and the reader is told', async () => {
    const { dataDir, articleId, path, lines } = await journaled(['one', 'two', 'three', 'four']);
    const damaged = lines[1]!.replace('"two"', '"twX"');
    await writeFile(path, [lines[0], damaged, lines[2], lines[3], ''].join('\n'));

    const { library, notes } = await reopenAndRead(dataDir, articleId);
    expect(notes).toEqual(['one', 'three', 'four']);
    expect(await library.recoveries()).toMatchObject([{ file: path, reason: 'line 2 is damaged' }]);
    const [moved] = await readdir(join(dataDir, 'quarantine'));
    expect(await readFile(join(dataDir, 'quarantine', moved!), 'utf8')).toBe(`${damaged}\n`);
    // The journal keeps only the good lines, so the damage is reported once, not at every open.
    expect(await readFile(path, 'utf8')).toBe([lines[0], lines[2], lines[3], ''].join('\n'));
    const again = await reopenAndRead(dataDir, articleId);
    expect(again.notes).toEqual(['one', 'three', 'four']);
    expect(await again.library.recoveries()).toEqual([]);
  });

  it('keeps a later change of the same highlight, and reports several damaged lines in one notice', async () => {
    const { dataDir, articleId, ids, path, writer } = await journaled(['one', 'two']);
    await writer.updateHighlight({ articleId, highlightId: ids[0]!, note: 'one, edited' });
    await writer.updateHighlight({ articleId, highlightId: ids[1]!, note: 'two, edited' });
    await writer.updateHighlight({ articleId, highlightId: ids[0]!, note: 'one, edited again' });
    const lines = (await readFile(path, 'utf8')).split('\n').slice(0, -1);
    expect(lines).toHaveLength(5);
    // Damage the third and the fourth line (the first two edits), one bit of each flipped: the fifth, a later edit of the first highlight, stands.
    const flip = (line: string) => line.replace('edited', 'edIted');
    await writeFile(path, [lines[0], lines[1], flip(lines[2]!), flip(lines[3]!), lines[4], ''].join('\n'));

    const { library, notes } = await reopenAndRead(dataDir, articleId);
    expect(notes.sort()).toEqual(['one, edited again', 'two']);
    expect(await library.recoveries()).toMatchObject([{ file: path, reason: 'lines 3 and 4 are damaged' }]);
    const [moved] = await readdir(join(dataDir, 'quarantine'));
    expect((await readFile(join(dataDir, 'quarantine', moved!), 'utf8')).split('\n')).toEqual([flip(lines[2]!), flip(lines[3]!), '']);
  });

  it('tells a damaged line in the middle from a last line cut short by a crash, which is ignored without a notice', async () => {
    const { dataDir, articleId, path, lines } = await journaled(['one', 'two', 'three']);
    const torn = lines[2]!.slice(0, 40);
    await writeFile(path, [lines[0], 'not a journal line at all', lines[1], torn].join('\n'));

    const { library, notes } = await reopenAndRead(dataDir, articleId);
    expect(notes).toEqual(['one', 'two']);
    expect(await library.recoveries()).toMatchObject([{ reason: 'line 2 is damaged' }]);
    const [moved] = await readdir(join(dataDir, 'quarantine'));
    expect(await readFile(join(dataDir, 'quarantine', moved!), 'utf8')).toBe('not a journal line at all\n');
    // The next change appends after the good lines; the torn tail is gone.
    await library.createHighlight({ articleId, start: codePoints(100), end: codePoints(105), color: 'blue', note: 'after' });
    expect((await readFile(path, 'utf8')).split('\n').slice(0, 2)).toEqual([lines[0], lines[1]]);
    expect((await reopenAndRead(dataDir, articleId)).notes).toEqual(['one', 'two', 'after']);
  });

  it('treats a last line with its newline but a wrong checksum as damage, not as a write cut short', async () => {
    const { dataDir, articleId, path, lines } = await journaled(['one', 'two']);
    await writeFile(path, [lines[0], lines[1]!.replace('"two"', '"tw0"'), ''].join('\n'));
    const { library, notes } = await reopenAndRead(dataDir, articleId);
    expect(notes).toEqual(['one']);
    expect(await library.recoveries()).toMatchObject([{ reason: 'line 2 is damaged' }]);
  });

  it('keeps the good lines of a journal whose damage is a run of NUL bytes in the middle', async () => {
    const { dataDir, articleId, path, lines } = await journaled(['one', 'two', 'three']);
    await writeFile(path, `${lines[0]}\n${'\u0000'.repeat(300)}\n${lines[2]}\n`);
    const { library, notes } = await reopenAndRead(dataDir, articleId);
    expect(notes).toEqual(['one', 'three']);
    expect(await library.recoveries()).toMatchObject([{ reason: 'line 2 is damaged' }]);
  });
});
