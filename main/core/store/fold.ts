import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { mergeRecords } from '../sync/index.js';
import type { Backups } from './backups.js';
import { HighlightsFileSchema, SNAPSHOT_VERSION, type HighlightsFile } from './files.js';
import { emptyJournal } from './journal.js';
import type { Layout } from './layout.js';
import { quarantine, writeJSON } from './read-file.js';
import { foldedRecords, inOrder, type FolderRecords } from './synced-read.js';

/** One step of folding a journal into its snapshot; a crash can come between any two. */
export interface FoldStep {
  name: 'keep the snapshot' | 'keep the changes' | 'write the snapshot' | 'empty the journal' | 'set conflict copies aside';
  run(): Promise<void>;
}

/**
 * The steps that fold an article's records into its snapshot (call them in
 * order, with the folder lock held): every record the folder holds — the
 * snapshot's, this device's journal, other devices' journals, conflict
 * copies — written once each into the next snapshot, which any device could
 * have written the same. Each step leaves a state from which nothing
 * acknowledged can be lost, even if the snapshot is damaged afterwards:
 *
 * 1. the current snapshot (generation N) is kept as a backup generation;
 * 2. the records it did not hold are kept beside it as the changes from N to N+1;
 * 3. the snapshot N+1 replaces it;
 * 4. this device's journal is emptied (its records are in N+1; other
 *    devices' journals are theirs to empty), and version 2's journal is
 *    retired to the backups;
 * 5. conflict copies, now merged, are moved to `quarantine/` (never
 *    deleted; never read again as the real file).
 *
 * A damaged snapshot is rebuilt from the newest good backup generation plus
 * the changes kept after it (see snapshot-recovery.ts).
 */
export function foldSteps(layout: Layout, backups: Backups, snapshot: HighlightsFile, folder: FolderRecords): { steps: FoldStep[]; next: HighlightsFile } {
  const { articleId, generation } = snapshot;
  const path = layout.highlights(articleId);
  const records = foldedRecords(snapshot, folder);
  const held = new Set(snapshot.upgradedFrom ? [] : snapshot.records.map((r) => `${r.id} ${r.at} ${r.op}`));
  const changes = records.filter((r) => !held.has(`${r.id} ${r.at} ${r.op}`));
  const highlights = inOrder(mergeRecords(records).highlights);
  const next: HighlightsFile = { version: SNAPSHOT_VERSION, articleId, generation: generation + 1, highlights, records };
  const steps: FoldStep[] = [
    { name: 'keep the snapshot', run: () => backups.keep(path, articleId, 'highlights', generation) },
    { name: 'keep the changes', run: () => backups.keepChanges(articleId, generation, changes, layout.tempDir) },
    { name: 'write the snapshot', run: () => writeJSON(path, HighlightsFileSchema, next, layout.tempDir) },
    {
      name: 'empty the journal',
      run: async () => {
        await emptyJournal(layout.journal(articleId));
        if (folder.legacyJournal && existsSync(layout.legacyJournal(articleId))) {
          await mkdir(join(backups.dir, articleId), { recursive: true });
          await rename(layout.legacyJournal(articleId), backups.path(articleId, 'journal.v2.jsonl'));
        }
      },
    },
    {
      name: 'set conflict copies aside',
      run: async () => {
        for (const copy of [...folder.copies, ...folder.unreadableCopies, ...folder.articleCopies]) {
          if (existsSync(copy)) await quarantine(copy, layout.quarantineDir, `${articleId}-${basename(copy)}`);
        }
      },
    },
  ];
  return { steps, next };
}
