import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, realpath, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hostname } from 'node:os';
import {
  exportToFolder,
  marginaliaLink,
  presetTemplate,
  uuidOf,
  PRESET_NAMES,
  type FolderExportReport,
  type PresetName,
  type Selection,
} from '../../main/core/export/index.js';
import type { Library } from '../../main/core/index.js';
import type { Highlight } from '../../shared/model.js';
import { openTestLibrary } from '../support/library.js';
import { tempDir } from '../support/temp.js';
import { utf16 } from '../../shared/offsets.js';

const SAMPLE = '../shared/corpus/sample/putin-obama-syria.txt';
const TITLE = 'Putin Says He And Obama Took Step Forward On Syria';

/** A library with the sample article, a clock the test moves on, and an export folder. */
async function setup(preset: PresetName) {
  const dataDir = await tempDir();
  let clock = Date.parse('2026-11-25T10:00:00Z');
  const now = () => new Date((clock += 60_000));
  const library = await openTestLibrary({ dataDir, now });
  const { summary } = await library.importFile({ fileName: 'putin-obama-syria.txt', bytes: await readFile(SAMPLE) });
  const articleId = summary.id;
  const folder = await tempDir();
  const stateDir = join(dataDir, 'exports', 'sync');
  const template = presetTemplate(preset);
  const path = join(folder, `${TITLE}.md`);
  return {
    library,
    articleId,
    folder,
    path,
    /** The article's sync state file (the last export's copy, the merge base). */
    record: async () => join(stateDir, createHash('sha256').update(await realpath(folder)).digest('hex').slice(0, 24), `${articleId}.json`),
    exportAll: (selection: Selection = { all: true }): Promise<FolderExportReport> =>
      exportToFolder(library, selection, { folder, stateDir, template, now }),
    /** Exports into another folder (the same one renamed, say), with the same sync state directory. */
    exportTo: (target: string): Promise<FolderExportReport> => exportToFolder(library, { all: true }, { folder: target, stateDir, template, now }),
    stateDir,
    highlight: (quote: string, note = '', tags: string[] = []) => highlightQuote(library, articleId, quote, note, tags),
    read: () => readFile(path, 'utf8'),
    write: (text: string) => writeFile(path, text),
  };
}

/** Highlights the first occurrence of `quote`, with code-point offsets as the reader sends them. */
async function highlightQuote(library: Library, articleId: string, quote: string, note: string, tags: string[]) {
  const index = await library.indexOf(articleId);
  const at = index.text.indexOf(quote);
  expect(at).toBeGreaterThanOrEqual(0);
  return library.createHighlight({
    articleId,
    start: index.toCodePoint(utf16(at)),
    end: index.toCodePoint(utf16(at + quote.length)),
    color: 'yellow',
    note,
    tags,
  });
}

/** The id text a preset writes for a highlight: its block id, comment id or UUID. */
const idIn = (preset: PresetName, h: Highlight): string => (preset === 'logseq' ? `id:: ${uuidOf(h.id)}` : h.id);

/** Where a highlight's block starts in an exported file (the line before or holding its id). */
function blockStart(text: string, preset: PresetName, h: Highlight): number {
  const id = text.indexOf(idIn(preset, h));
  expect(id).toBeGreaterThan(0);
  const marker = preset === 'obsidian' ? '> [!quote|' : preset === 'logseq' ? '\n-\n' : '<!-- ';
  return text.lastIndexOf(marker, id) + (preset === 'logseq' ? 1 : 0);
}

/** The whole block of a highlight, up to the next one (or the end of the file). */
function blockOf(text: string, preset: PresetName, h: Highlight, next?: Highlight): string {
  const start = blockStart(text, preset, h);
  return text.slice(start, next ? blockStart(text, preset, next) : text.length);
}

/** How a user writes a paragraph of their own in each kind of file. */
const own = (preset: PresetName, text: string) => (preset === 'logseq' ? `- ${text}\n\n` : `${text}\n\n`);

const count = (text: string, part: string) => text.split(part).length - 1;

const QUOTES = [
  'Secretary of State John Kerry has been pushing for a deal',
  'The two leaders conversed on the sidelines of the Group of 20 summit',
  'worked to clarify gaps in negotiations',
  'the President described it as',
  'a senior U.S. official said',
];

describe.each(PRESET_NAMES)('vault sync (%s)', (preset) => {
  it('keeps every edit made in the file and applies every change made in the app, each exactly once', async () => {
    const v = await setup(preset);
    const [h1, h2, h3, h4] = [
      await v.highlight(QUOTES[0]!, 'Kerry pushed first.', ['diplomacy']),
      await v.highlight(QUOTES[1]!, 'Ninety minutes.'),
      await v.highlight(QUOTES[2]!, 'Gaps remain.'),
      await v.highlight(QUOTES[3]!, 'To be deleted in the app.'),
    ];
    const first = await v.exportAll();
    expect(first.files).toMatchObject([{ status: 'created', fileName: `${TITLE}.md`, conflicts: 0 }]);
    const exported = await v.read();

    // The user: a paragraph between two blocks and one at the end, a note edited inside a block, a block deleted.
    let text = exported;
    const between = blockStart(text, preset, h2!);
    text = text.slice(0, between) + own(preset, 'My thought between two highlights.') + text.slice(between);
    text = text.replace('Kerry pushed first.', 'Kerry pushed first, and hard.');
    text = text.replace(blockOf(text, preset, h3!, h4!), '');
    text += `\n${own(preset, 'My summary at the end.')}`;
    await v.write(text);

    // The app: a new highlight, a changed note, a deleted highlight.
    const h5 = await v.highlight(QUOTES[4]!, 'Added in the app.');
    await v.library.updateHighlight({ articleId: v.articleId, highlightId: h2!.id, note: 'Ninety minutes, in Hangzhou.' });
    await v.library.deleteHighlight({ articleId: v.articleId, highlightId: h4!.id });

    const second = await v.exportAll();
    expect(second.files).toMatchObject([{ status: 'updated', conflicts: 0 }]);
    const merged = await v.read();
    for (const part of [
      'My thought between two highlights.',
      'My summary at the end.',
      'Kerry pushed first, and hard.',
      'Ninety minutes, in Hangzhou.',
      'Added in the app.',
      QUOTES[4]!,
      idIn(preset, h1!),
      idIn(preset, h2!),
      idIn(preset, h5),
    ]) {
      expect(count(merged, part), part).toBe(1);
    }
    for (const gone of ['Kerry pushed first.', 'Ninety minutes.', 'Gaps remain.', 'To be deleted in the app.', idIn(preset, h3!), idIn(preset, h4!)]) {
      expect(count(merged, gone), gone).toBe(0);
    }
    // User text stays where it was: the thought still sits just before the second highlight.
    expect(merged.indexOf('My thought between two highlights.')).toBeLessThan(blockStart(merged, preset, h2!));
    expect(merged.indexOf('My thought between two highlights.')).toBeGreaterThan(blockStart(merged, preset, h1!));
    expect(merged.trimEnd().endsWith('My summary at the end.')).toBe(true);
    // The new highlight follows the second in the text; the third was deleted in the file, so it goes just after the second.
    expect(blockStart(merged, preset, h5)).toBeGreaterThan(blockStart(merged, preset, h2!));
    expect(blockStart(merged, preset, h5)).toBeLessThan(merged.indexOf('My summary at the end.'));

    // Nothing changed on either side: the file is left alone, byte for byte.
    const before = await stat(v.path);
    const third = await v.exportAll();
    expect(third.files).toMatchObject([{ status: 'unchanged' }]);
    expect(await v.read()).toBe(merged);
    expect((await stat(v.path)).mtimeMs).toBe(before.mtimeMs);
  });

  it('exports twice without changes to a byte-identical file that is not rewritten', async () => {
    const v = await setup(preset);
    await v.highlight(QUOTES[0]!, 'A note.', ['tag']);
    await v.exportAll();
    const first = await v.read();
    const { mtimeMs, ino } = await stat(v.path);
    const again = await v.exportAll();
    expect(again.files).toMatchObject([{ status: 'unchanged' }]);
    expect(await v.read()).toBe(first);
    expect(await stat(v.path)).toMatchObject({ mtimeMs, ino });
  });

  it('keeps both versions under a notice when a highlight changed in the file and in the app', async () => {
    const v = await setup(preset);
    const h = await v.highlight(QUOTES[1]!, 'Original note.');
    await v.exportAll();
    await v.write((await v.read()).replace('Original note.', 'My edit of the note.'));
    await v.library.updateHighlight({ articleId: v.articleId, highlightId: h.id, note: 'The app changed the note.' });

    const report = await v.exportAll();
    const merged = await v.read();
    expect(report.conflicts).toBe(1);
    expect(count(merged, 'Marginalia sync conflict')).toBe(1);
    expect(count(merged, 'My edit of the note.')).toBe(1);
    expect(count(merged, 'The app changed the note.')).toBe(1);
    expect(merged.indexOf('My edit of the note.')).toBeLessThan(merged.indexOf('The app changed the note.'));
    expect(count(merged, 'Original note.')).toBe(0);
    // The conflict is written once: a later export with no changes leaves it alone.
    expect((await v.exportAll()).files).toMatchObject([{ status: 'unchanged', conflicts: 0 }]);
    expect(await v.read()).toBe(merged);
  });

  it('writes a header conflict once: later exports, with or without changes in the app, do not repeat it', async () => {
    const v = await setup(preset);
    const h = await v.highlight(QUOTES[0]!, 'A note.', ['first']);
    await v.exportAll();
    await v.write((await v.read()).replace('first', 'first, mine'));
    await v.highlight(QUOTES[1]!, 'Second.', ['second']);
    const report = await v.exportAll();
    let text = await v.read();
    const notices = count(text, 'Marginalia sync conflict');
    expect(report.conflicts, text).toBe(notices);
    if (preset === 'obsidian') expect(notices).toBe(1);
    // Nothing changed: the file is left as it is.
    expect((await v.exportAll()).files).toMatchObject([{ status: 'unchanged', conflicts: 0 }]);
    // A change in a highlight only, then one in the header again (another highlight).
    await v.library.updateHighlight({ articleId: v.articleId, highlightId: h.id, note: 'A note, changed.' });
    expect((await v.exportAll()).conflicts).toBe(0);
    await v.highlight(QUOTES[2]!, 'Third.');
    const later = await v.exportAll();
    text = await v.read();
    expect(later.conflicts, text).toBe(0);
    expect(count(text, 'Marginalia sync conflict'), text).toBe(notices);
    expect(count(text, 'Third.')).toBe(1);
    // The user's edit stays above the notice.
    expect(text.indexOf('first, mine'), text).toBeGreaterThanOrEqual(0);
    if (notices > 0) expect(text.indexOf('first, mine')).toBeLessThan(text.indexOf('Marginalia sync conflict'));
  });

  it('merges edits to different lines of one highlight without a conflict', async () => {
    const v = await setup(preset);
    const h = await v.highlight(QUOTES[1]!, 'First paragraph.\nSecond paragraph.');
    await v.exportAll();
    await v.write((await v.read()).replace('First paragraph.', 'First paragraph, edited by me.'));
    await v.library.updateHighlight({ articleId: v.articleId, highlightId: h.id, note: 'First paragraph.\nSecond paragraph, edited in the app.' });
    const report = await v.exportAll();
    expect(report.conflicts).toBe(0);
    const merged = await v.read();
    expect(count(merged, 'First paragraph, edited by me.')).toBe(1);
    expect(count(merged, 'Second paragraph, edited in the app.')).toBe(1);
  });

  it('brings back a block the user deleted once the app changes it, and keeps a block the user edited when the app deletes it', async () => {
    const v = await setup(preset);
    const deletedInFile = await v.highlight(QUOTES[0]!, 'Deleted in the file.');
    const editedInFile = await v.highlight(QUOTES[2]!, 'Edited in the file.');
    await v.exportAll();
    let text = await v.read();
    text = text.replace(blockOf(text, preset, deletedInFile, editedInFile), '').replace('Edited in the file.', 'Edited in the file, by me.');
    await v.write(text);
    await v.library.updateHighlight({ articleId: v.articleId, highlightId: deletedInFile.id, note: 'Changed in the app after.' });
    await v.library.deleteHighlight({ articleId: v.articleId, highlightId: editedInFile.id });

    const report = await v.exportAll();
    const merged = await v.read();
    expect(count(merged, 'Changed in the app after.')).toBe(1);
    expect(count(merged, 'Edited in the file, by me.')).toBe(1);
    expect(count(merged, 'Marginalia sync conflict')).toBe(1);
    expect(report.conflicts).toBe(1);
  });

  it('adds a highlight once when the export that first wrote it lost its sync state (a crash, a failed save)', async () => {
    const v = await setup(preset);
    await v.highlight(QUOTES[0]!, 'First note.');
    await v.exportAll();
    const record = await v.record();
    const lastGoodState = await readFile(record, 'utf8');
    const h2 = await v.highlight(QUOTES[1]!, 'Second note.');
    await v.exportAll();
    // The file was written but its state was not: the older state is still the merge base.
    await writeFile(record, lastGoodState);
    await v.write(`${(await v.read()).replace('Second note.', 'Second note, edited by me.')}\n${own(preset, 'Mine.')}`);

    const report = await v.exportAll();
    const merged = await v.read();
    expect(report.conflicts).toBe(0);
    for (const part of [idIn(preset, h2), QUOTES[1]!, 'Second note, edited by me.', 'Mine.', QUOTES[0]!, 'First note.']) {
      expect(count(merged, part), `${part}\n${merged}`).toBe(1);
    }
    expect(count(merged, 'Marginalia sync conflict')).toBe(0);
    expect((await v.exportAll()).files).toMatchObject([{ status: 'unchanged' }]);
    expect(await v.read()).toBe(merged);
  });

  it('leaves the blocks of highlights a tag export did not select as they are, and a later full export updates them', async () => {
    const v = await setup(preset);
    const tagged = await v.highlight(QUOTES[0]!, 'Tagged note.', ['syria']);
    const untagged = await v.highlight(QUOTES[1]!, 'Untagged note.');
    await v.exportAll();
    await v.write(`${await v.read()}\n${own(preset, 'Mine.')}`);
    const before = await v.read();

    // Nothing changed: the tag export leaves the file alone.
    expect((await v.exportAll({ tag: 'syria' })).files).toMatchObject([{ status: 'unchanged', conflicts: 0 }]);
    expect(await v.read()).toBe(before);

    // Both highlights change in the app; the tag export updates only the tagged one.
    await v.library.updateHighlight({ articleId: v.articleId, highlightId: tagged.id, note: 'Tagged note, changed.' });
    await v.library.updateHighlight({ articleId: v.articleId, highlightId: untagged.id, note: 'Untagged note, changed.' });
    const byTag = await v.exportAll({ tag: 'syria' });
    expect(byTag.conflicts).toBe(0);
    let text = await v.read();
    for (const part of ['Tagged note, changed.', 'Untagged note.', QUOTES[0]!, QUOTES[1]!, idIn(preset, tagged), idIn(preset, untagged), 'Mine.']) {
      expect(count(text, part), `${part}\n${text}`).toBe(1);
    }
    expect(count(text, 'Marginalia sync conflict')).toBe(0);
    expect(blockStart(text, preset, tagged)).toBeLessThan(blockStart(text, preset, untagged));

    // The full export brings the untagged highlight up to date, once.
    const all = await v.exportAll();
    expect(all.conflicts).toBe(0);
    text = await v.read();
    for (const part of ['Tagged note, changed.', 'Untagged note, changed.', QUOTES[1]!, idIn(preset, untagged), 'Mine.']) {
      expect(count(text, part), `${part}\n${text}`).toBe(1);
    }
    expect(count(text, 'Untagged note.')).toBe(0);
    expect(count(text, 'Marginalia sync conflict')).toBe(0);
  });

  it('still knows a block whose id line the user deleted, and updates it rather than adding it again', async () => {
    const v = await setup(preset);
    const h1 = await v.highlight(QUOTES[0]!, 'First note.');
    const h2 = await v.highlight(QUOTES[2]!, 'Second note.');
    await v.exportAll();
    const withoutId = (await v.read())
      .split('\n')
      .filter((line) => !line.includes(idIn(preset, h1)))
      .join('\n');
    await v.write(withoutId);
    await v.library.updateHighlight({ articleId: v.articleId, highlightId: h1.id, note: 'First note, changed in the app.' });

    const report = await v.exportAll();
    const merged = await v.read();
    expect(report.conflicts).toBe(0);
    for (const part of [QUOTES[0]!, 'First note, changed in the app.', QUOTES[2]!, 'Second note.', idIn(preset, h2)]) {
      expect(count(merged, part), `${part}\n${merged}`).toBe(1);
    }
    expect(count(merged, 'First note.')).toBe(0);
  });

  it('re-creates a file the user deleted', async () => {
    const v = await setup(preset);
    await v.highlight(QUOTES[0]!);
    await v.exportAll();
    const exported = await v.read();
    await unlink(v.path);
    expect((await v.exportAll()).files).toMatchObject([{ status: 'recreated' }]);
    expect(await v.read()).toBe(exported);
  });

  it.each([
    ['renamed', 'Putin and Obama.md'],
    ['moved into a subfolder', 'Articles/Syria/Putin and Obama.md'],
  ])('merges into a file the user %s rather than writing it again', async (_, moved) => {
    const v = await setup(preset);
    const h1 = await v.highlight(QUOTES[0]!, 'First note.');
    const h2 = await v.highlight(QUOTES[1]!, 'Second note.');
    await v.exportAll();
    const target = join(v.folder, ...moved.split('/'));
    await mkdir(join(target, '..'), { recursive: true });
    await writeFile(target, `${await v.read()}\n${own(preset, 'My paragraph.')}`);
    await unlink(v.path);
    // Other notes of the vault, and Obsidian's own folders, are no match.
    await writeFile(join(v.folder, 'Unrelated.md'), 'Nothing to do with it.\n');
    await mkdir(join(v.folder, '.trash'), { recursive: true });
    await writeFile(join(v.folder, '.trash', `${TITLE}.md`), await readFile(target, 'utf8'));
    await v.library.updateHighlight({ articleId: v.articleId, highlightId: h1!.id, note: 'First note, changed in the app.' });

    const second = await v.exportAll();
    expect(second.files).toMatchObject([{ status: 'updated', fileName: moved, path: join(await realpath(v.folder), moved), conflicts: 0 }]);
    expect((await readdir(v.folder)).sort()).toEqual(['.trash', moved.split('/')[0]!, 'Unrelated.md'].sort());
    const text = await readFile(target, 'utf8');
    for (const part of [QUOTES[0]!, QUOTES[1]!, 'First note, changed in the app.', 'Second note.', 'My paragraph.', idIn(preset, h1!), idIn(preset, h2!)]) {
      expect(count(text, part), part).toBe(1);
    }
    expect(count(text, 'First note.')).toBe(0);

    // The new place is remembered: no search, no change.
    await rm(join(v.folder, '.trash'), { recursive: true });
    expect((await v.exportAll()).files).toMatchObject([{ status: 'unchanged', fileName: moved }]);
    expect(await readFile(target, 'utf8')).toBe(text);
    await v.library.updateHighlight({ articleId: v.articleId, highlightId: h2!.id, note: 'Second note, changed too.' });
    expect((await v.exportAll()).files).toMatchObject([{ status: 'updated', fileName: moved }]);
    expect(count(await readFile(target, 'utf8'), 'Second note, changed too.')).toBe(1);
    await expect(stat(v.path)).rejects.toThrow(expect.objectContaining({ code: 'ENOENT', message: `ENOENT: no such file or directory, stat '${v.path}'` }));
  });

  it.each([
    ['a note of their own', (title: string) => `My own note on ${title}.\n\nNothing exported here.\n`],
    ['an empty note (made by following a link)', () => ''],
  ])('never merges into %s that took the name of a deleted file: the article gets a new name', async (_, note) => {
    const v = await setup(preset);
    await v.highlight(QUOTES[0]!, 'A note.');
    await v.exportAll();
    const exported = await v.read();
    await unlink(v.path);
    await v.write(note(TITLE));

    const second = await v.exportAll();
    expect(second.files).toMatchObject([{ fileName: `${TITLE} (2).md`, nameTakenBy: `${TITLE}.md`, conflicts: 0 }]);
    expect(await v.read()).toBe(note(TITLE));
    const moved = join(v.folder, `${TITLE} (2).md`);
    expect(await readFile(moved, 'utf8')).toBe(exported);
    // The new name is remembered, and the user's note stays theirs.
    const third = await v.exportAll();
    expect(third.files).toMatchObject([{ fileName: `${TITLE} (2).md`, status: 'unchanged' }]);
    expect(await v.read()).toBe(note(TITLE));
    expect(await readFile(moved, 'utf8')).toBe(exported);
    expect((await readdir(v.folder)).sort()).toEqual([`${TITLE} (2).md`, `${TITLE}.md`]);
  });

  it.each([
    ['one of its block ids', (id: string, h: Highlight) => `Rewritten by me.\n\n${idIn(preset, h)}\n`],
    ['the article link', (id: string) => `Rewritten by me, from ${marginaliaLink(id)}\n`],
  ])('still merges into a file the user rewrote that keeps %s', async (_, rewrite) => {
    const v = await setup(preset);
    const h1 = await v.highlight(QUOTES[0]!, 'First note.');
    await v.highlight(QUOTES[1]!, 'Second note.');
    await v.exportAll();
    await v.write(rewrite(v.articleId, h1));
    await v.library.updateHighlight({ articleId: v.articleId, highlightId: h1.id, note: 'First note, changed in the app.' });

    const report = await v.exportAll();
    expect(report.files).toMatchObject([{ fileName: `${TITLE}.md`, status: 'updated' }]);
    expect(report.files[0]!.nameTakenBy).toBeUndefined();
    expect(await readdir(v.folder)).toEqual([`${TITLE}.md`]);
    expect(await v.read()).toContain('Rewritten by me');
  });

  it('re-creates a deleted file when no other file in the folder carries the article', async () => {
    const v = await setup(preset);
    await v.highlight(QUOTES[0]!);
    await v.exportAll();
    const exported = await v.read();
    await mkdir(join(v.folder, 'Notes'));
    await writeFile(join(v.folder, 'Notes', 'Other.md'), 'My notes.\n');
    await unlink(v.path);
    expect((await v.exportAll()).files).toMatchObject([{ status: 'recreated', fileName: `${TITLE}.md` }]);
    expect(await v.read()).toBe(exported);
  });
});

describe('folder export', () => {
  it('follows a vault folder that was renamed: the same files are updated, edits kept, nothing written twice', async () => {
    const v = await setup('obsidian');
    const first = await v.highlight(QUOTES[0]!, 'First note.');
    await v.exportAll();
    await v.write(`${await v.read()}\nA line I wrote in the vault.\n`);
    const renamed = `${v.folder}-renamed`;
    await rename(v.folder, renamed);
    await v.library.updateHighlight({ articleId: v.articleId, highlightId: first.id, note: 'First note, changed in the app.' });
    await v.highlight(QUOTES[1]!, 'Second note.');

    const report = await v.exportTo(renamed);
    expect(report.files).toMatchObject([{ fileName: `${TITLE}.md`, status: 'updated' }]);
    expect(await readdir(renamed)).toEqual([`${TITLE}.md`]);
    const text = await readFile(join(renamed, `${TITLE}.md`), 'utf8');
    expect(count(text, 'A line I wrote in the vault.')).toBe(1);
    expect(count(text, 'First note, changed in the app.')).toBe(1);
    expect(text).not.toContain('First note.\n');
    expect(count(text, 'Second note.')).toBe(1);
    // The state moved with the folder: one state directory, keyed by the new path.
    expect(await readdir(v.stateDir)).toEqual([createHash('sha256').update(await realpath(renamed)).digest('hex').slice(0, 24)]);
    expect((await v.exportTo(renamed)).files).toMatchObject([{ status: 'unchanged' }]);
  });

  it('does not take over the state of a renamed folder that holds none of its files', async () => {
    const v = await setup('plain');
    await v.exportAll();
    const renamed = `${v.folder}-emptied`;
    await rename(v.folder, renamed);
    await unlink(join(renamed, `${TITLE}.md`));
    const report = await v.exportTo(renamed);
    expect(report.files).toMatchObject([{ fileName: `${TITLE}.md`, status: 'created' }]);
    expect((await readdir(v.stateDir)).length).toBe(2);
  });

  it('never overwrites a file it did not write: the article takes the next free name, for good', async () => {
    const v = await setup('obsidian');
    await writeFile(v.path, 'My own notes on Putin.\n');
    const first = await v.exportAll();
    expect(first.files).toMatchObject([{ fileName: `${TITLE} (2).md`, status: 'created', nameTakenBy: `${TITLE}.md` }]);
    expect(await v.read()).toBe('My own notes on Putin.\n');
    // Even once the other file is gone, the article keeps its name.
    await unlink(v.path);
    const second = await v.exportAll();
    expect(second.files).toMatchObject([{ fileName: `${TITLE} (2).md`, status: 'unchanged' }]);
    expect(await readdir(v.folder)).toEqual([`${TITLE} (2).md`]);
  });

  it('gives articles with the same title stable names whatever the order of the export', async () => {
    const v = await setup('plain');
    const { summary } = await v.library.importFile({ fileName: 'again.txt', bytes: await readFile(SAMPLE) });
    const first = await v.exportAll({ articles: [summary.id, v.articleId] });
    const names = new Map(first.files.map((f) => [f.articleId, f.fileName]));
    expect([...names.values()].sort()).toEqual([`${TITLE} (2).md`, `${TITLE}.md`]);
    const second = await v.exportAll({ articles: [v.articleId, summary.id] });
    expect(new Map(second.files.map((f) => [f.articleId, f.fileName]))).toEqual(names);
    expect(second.files.every((f) => f.status === 'unchanged')).toBe(true);
  });

  it('exports for a tag the articles with the tag and, of other articles, only the highlights with it', async () => {
    const v = await setup('obsidian');
    await v.highlight(QUOTES[0]!, 'Tagged.', ['syria']);
    await v.highlight(QUOTES[1]!, 'Not tagged.');
    const report = await v.exportAll({ tag: 'syria' });
    expect(report.files).toHaveLength(1);
    const text = await v.read();
    expect(text).toContain('Tagged.');
    expect(text).not.toContain('Not tagged.');
    expect((await v.exportAll({ tag: 'nothing-has-this' })).files).toEqual([]);
  });

  it('loses nothing and makes no duplicate when an export fails between a file and its sync state', async () => {
    const v = await setup('obsidian');
    await v.highlight(QUOTES[0]!, 'Note.');
    const { summary: second } = await v.library.importFile({ fileName: 'second.txt', bytes: Buffer.from('Second article\nBody text here.\n') });
    const stateDir = await tempDir();
    // The second article's state cannot be written: a folder is in the way.
    const folderKey = createHash('sha256').update(await realpath(v.folder)).digest('hex').slice(0, 24);
    const blocker = join(stateDir, folderKey, `${second.id}.json`);
    await mkdir(blocker, { recursive: true });
    const progress: [number, number][] = [];
    const run = () => exportToFolder(v.library, { all: true }, { folder: v.folder, stateDir, onProgress: (d, t) => progress.push([d, t]) });
    // One clear line: the sync state file that could not be written, and why.
    await expect(run()).rejects.toThrow(expect.objectContaining({ name: 'MarginaliaError', code: 'storage', message: `Cannot write ${blocker}: EISDIR.` }));
    expect((await readdir(v.folder)).sort()).toEqual([`${TITLE}.md`, 'Second article.md']);

    await rm(blocker, { recursive: true });
    const report = await run();
    expect(report.files.map((f) => f.fileName).sort()).toEqual([`${TITLE}.md`, 'Second article.md']);
    expect((await readdir(v.folder)).sort()).toEqual([`${TITLE}.md`, 'Second article.md']);
    expect(progress.at(-1)).toEqual([2, 2]);
    expect((await run()).files.every((f) => f.status === 'unchanged')).toBe(true);
  });

  it('waits for another export into the same folder (the app and the CLI) to finish before reading the sync state', async () => {
    const v = await setup('obsidian');
    await v.highlight(QUOTES[0]!, 'Note.');
    // Another live process (init: always running) holds the folder's lock.
    const lock = join(await v.record(), '..', '.lock');
    await mkdir(join(lock, '..'), { recursive: true });
    await writeFile(lock, JSON.stringify({ pid: 1, host: hostname(), since: new Date().toISOString() }));
    let finished = false;
    const running = v.exportAll().finally(() => (finished = true));
    await new Promise((r) => setTimeout(r, 400));
    expect(finished).toBe(false);
    expect(await readdir(v.folder)).toEqual([]);
    await unlink(lock);
    expect((await running).files).toMatchObject([{ status: 'created' }]);
    expect(count(await v.read(), idIn('obsidian', (await v.library.getArticle(v.articleId)).highlights[0]!))).toBe(1);
  });

  it('warns when the folder was last exported with another layout', async () => {
    const v = await setup('obsidian');
    await v.highlight(QUOTES[0]!, 'Note.');
    expect((await v.exportAll()).warnings).toEqual([]);
    const stateDir = join(await v.record(), '..', '..');
    const report = await exportToFolder(v.library, { all: true }, { folder: v.folder, stateDir, template: presetTemplate('plain') });
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toContain('"obsidian"');
  });

  it('adopts a moved file only when one file carries the article', async () => {
    const v = await setup('obsidian');
    await v.highlight(QUOTES[0]!, 'Note.');
    await v.exportAll();
    const exported = await v.read();
    await mkdir(join(v.folder, 'A'));
    await mkdir(join(v.folder, 'B'));
    await writeFile(join(v.folder, 'A', 'Copy one.md'), exported);
    await writeFile(join(v.folder, 'B', 'Copy two.md'), exported);
    await unlink(v.path);
    expect((await v.exportAll()).files).toMatchObject([{ status: 'recreated', fileName: `${TITLE}.md` }]);
  });

  it('sets a damaged sync state aside and still keeps every edit, adding only what is missing', async () => {
    const v = await setup('obsidian');
    const stateDir = await tempDir();
    const run = () => exportToFolder(v.library, { all: true }, { folder: v.folder, stateDir });
    await v.highlight(QUOTES[0]!, 'Original note.');
    await run();
    await v.write(`${(await v.read()).replace('Original note.', 'My note.')}\nMy paragraph.\n`);
    const folderKey = createHash('sha256').update(await realpath(v.folder)).digest('hex').slice(0, 24);
    await writeFile(join(stateDir, folderKey, `${v.articleId}.json`), '{"version": 1, "articleId": ');
    await v.highlight(QUOTES[1]!, 'New in the app.');

    const report = await run();
    expect(report.files).toMatchObject([{ fileName: `${TITLE}.md`, conflicts: 0 }]);
    const text = await v.read();
    for (const part of ['My note.', 'My paragraph.', 'New in the app.', QUOTES[0]!]) expect(count(text, part), part).toBe(1);
    expect((await readdir(join(stateDir, folderKey))).some((f) => f.endsWith('.damaged'))).toBe(true);
  });
});
