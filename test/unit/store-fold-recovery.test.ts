import { beforeAll, describe, expect, it } from 'vitest';
import { cp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Backups } from '../../main/core/store/backups.js';
import { HighlightsFileSchema } from '../../main/core/store/files.js';
import { foldSteps } from '../../main/core/store/fold.js';
import { readRecordJournal } from '../../main/core/store/journal.js';
import { readFolderRecords } from '../../main/core/store/synced-read.js';
import { openTestLibrary } from '../support/library.js';
import { SAMPLE_ARTICLE, suiteTempDir, tempDir } from '../support/temp.js';
import { codePoints } from '../../shared/offsets.js';
import { layoutOf } from '../support/store-layout.js';

/** The ways a snapshot is found damaged. */
const DAMAGE = {
  'truncated JSON': (text: string) => text.slice(0, Math.floor(text.length / 2)),
  'garbage bytes': () => '\u0000\u0001garbage\u00ff',
  'valid JSON of the wrong schema': () => JSON.stringify({ version: 2, articleId: 42, generation: 'two', highlights: {} }),
} as const;
/** How many of the fold's steps ran before the crash (5: the fold finished). */
const FOLD_DONE = 5;
const POINTS = [
  [0, 'before the fold writes anything'],
  [1, 'after keeping the old snapshot as a backup'],
  [2, 'after keeping the journal as the changes of that generation'],
  [3, 'after writing the new snapshot, before the journal is emptied'],
  [4, 'after the journal is emptied, before conflict copies are set aside'],
  [FOLD_DONE, 'after the fold finished'],
] as const;

const quietly = <T>(fn: () => Promise<T>) => {
  const warn = console.warn;
  console.warn = () => {};
  return fn().finally(() => (console.warn = warn));
};

/**
 * A library as a crash would leave it: generation 1 holds "first", generation
 * 2 adds "second" (generation 1 is then a backup), and the journal holds
 * "third" and an edit of "first" — copied while the library that wrote them is
 * still open, so nothing was folded or closed.
 */
let crashed: { dir: string; articleId: string; notes: string[] };
beforeAll(async () => {
  const dir = await suiteTempDir();
  const first = await openTestLibrary({ dataDir: dir, defaultArticlePath: SAMPLE_ARTICLE });
  const [summary] = await first.listArticles();
  const articleId = summary!.id;
  const a = await first.createHighlight({ articleId, start: codePoints(0), end: codePoints(10), color: 'green', note: 'first' });
  await first.close();
  const second = await openTestLibrary({ dataDir: dir });
  await second.createHighlight({ articleId, start: codePoints(20), end: codePoints(30), color: 'blue', note: 'second' });
  await second.close();
  const third = await openTestLibrary({ dataDir: dir });
  await third.createHighlight({ articleId, start: codePoints(40), end: codePoints(50), color: 'pink', note: 'third' });
  await third.updateHighlight({ articleId, highlightId: a.id, note: 'first, edited' });
  const copy = await suiteTempDir();
  await cp(dir, copy, { recursive: true });
  crashed = { dir: copy, articleId, notes: ['first, edited', 'second', 'third'] };
});

/** A copy of the crashed library with the fold run up to `point` steps, as a crash there would leave it. */
async function foldCutShort(point: number): Promise<{ dataDir: string; snapshot: string }> {
  const dataDir = await tempDir();
  await cp(crashed.dir, dataDir, { recursive: true });
  const layout = layoutOf(dataDir);
  const snapshot = HighlightsFileSchema.parse(JSON.parse(await readFile(layout.highlights(crashed.articleId), 'utf8')));
  const { records } = await readRecordJournal(layout.journal(crashed.articleId));
  expect(snapshot.generation).toBe(2);
  expect(records).toHaveLength(2);
  const { folder } = await readFolderRecords(layout, crashed.articleId, snapshot, records);
  const { steps } = foldSteps(layout, new Backups(layout.backupsDir), snapshot, folder);
  expect(steps).toHaveLength(FOLD_DONE);
  for (const step of steps.slice(0, point)) await step.run();
  return { dataDir, snapshot: layout.highlights(crashed.articleId) };
}

async function notesAfterReopening(dataDir: string) {
  const library = await quietly(() => openTestLibrary({ dataDir }));
  const { highlights } = await quietly(() => library.getArticle(crashed.articleId));
  return { library, notes: highlights.map((h) => h.note).sort() };
}

describe('a damaged highlights snapshot, at each point of the fold', () => {
  for (const [point, when] of POINTS) {
    for (const [name, damage] of Object.entries(DAMAGE)) {
      it(`${when}: with ${name}, keeps every highlight from the newest good generation, the changes since and the journal`, async () => {
        const { dataDir, snapshot } = await foldCutShort(point);
        await writeFile(snapshot, damage(await readFile(snapshot, 'utf8')));

        const { library, notes } = await notesAfterReopening(dataDir);
        expect(notes).toEqual(crashed.notes);
        expect(await library.recoveries()).toMatchObject([{ file: snapshot, complete: true, restoredFrom: expect.stringMatching(/highlights\.[12]\.json$/) }]);
        // The rebuilt snapshot is whole again, and the next fold and open keep everything.
        expect(HighlightsFileSchema.safeParse(JSON.parse(await readFile(snapshot, 'utf8'))).success).toBe(true);
        await library.close();
        const again = await notesAfterReopening(dataDir);
        expect(again.notes).toEqual(crashed.notes);
        expect(await again.library.recoveries()).toEqual([]);
      });
    }
  }

  it('goes back past a damaged newest backup to an older generation and replays the changes of both', async () => {
    const { dataDir, snapshot } = await foldCutShort(FOLD_DONE);
    await writeFile(snapshot, 'garbage');
    await writeFile(join(layoutOf(dataDir).backupsDir, crashed.articleId, 'highlights.2.json'), '{"version":2,');
    const { library, notes } = await notesAfterReopening(dataDir);
    expect(notes).toEqual(crashed.notes);
    expect(await library.recoveries()).toMatchObject([{ complete: true, restoredFrom: expect.stringMatching(/highlights\.1\.json$/) }]);
  });

  it('rebuilds from the changes alone when no backup generation reads, and says so', async () => {
    const { dataDir, snapshot } = await foldCutShort(FOLD_DONE);
    await writeFile(snapshot, 'garbage');
    for (const generation of [0, 1, 2]) await writeFile(join(layoutOf(dataDir).backupsDir, crashed.articleId, `highlights.${generation}.json`), 'garbage');
    const { library, notes } = await notesAfterReopening(dataDir);
    expect(notes).toEqual(crashed.notes);
    expect(await library.recoveries()).toMatchObject([{ complete: true, restoredFrom: 'rebuilt from the changes kept in its backups' }]);
  });

  it('says what may be missing when the changes after the good generation are gone', async () => {
    const { dataDir, snapshot } = await foldCutShort(FOLD_DONE);
    await writeFile(snapshot, 'garbage');
    await writeFile(join(layoutOf(dataDir).backupsDir, crashed.articleId, 'highlights.2.json'), 'garbage');
    await rm(join(layoutOf(dataDir).backupsDir, crashed.articleId, 'changes.1.jsonl'));
    const { library, notes } = await notesAfterReopening(dataDir);
    // Generation 1 and the changes of generation 2 (the journal folded last): only "second" was in the changes lost.
    expect(notes).toEqual(['first, edited', 'third']);
    expect(await library.recoveries()).toMatchObject([{ complete: false, restoredFrom: expect.stringMatching(/highlights\.1\.json$/) }]);
  });

  it('restores a missing snapshot the same way', async () => {
    const { dataDir, snapshot } = await foldCutShort(FOLD_DONE);
    await rm(snapshot);
    const { library, notes } = await notesAfterReopening(dataDir);
    expect(notes).toEqual(crashed.notes);
    expect(await library.recoveries()).toMatchObject([{ file: snapshot, reason: 'is missing', quarantinedTo: '', complete: true }]);
    expect(await readdir(dataDir)).not.toContain('quarantine');
  });
});
