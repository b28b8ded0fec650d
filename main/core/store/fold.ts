import type { Backups } from './backups.js';
import { HighlightsFileSchema, type HighlightsFile } from './files.js';
import { emptyJournal, replay, type JournalRecord } from './journal.js';
import type { Layout } from './layout.js';
import { writeJSON } from './read-file.js';

/** One step of folding a journal into its snapshot; a crash can come between any two. */
export interface FoldStep {
  name: 'keep the snapshot' | 'keep the changes' | 'write the snapshot' | 'empty the journal';
  run(): Promise<void>;
}

/**
 * The steps that fold an article's journal into its snapshot (call them in
 * order, with the folder lock held). Each leaves a state from which nothing
 * acknowledged can be lost, even if the snapshot is damaged afterwards:
 *
 * 1. the current snapshot (generation N) is kept as a backup generation;
 * 2. the journal's records are kept beside it as the changes from N to N+1;
 * 3. the snapshot N+1 (N with the journal replayed) replaces it;
 * 4. the journal is emptied (until then, replaying it on N+1 changes nothing).
 *
 * A damaged snapshot is rebuilt from the newest good backup generation plus
 * the changes kept after it (see snapshot-recovery.ts).
 */
export function foldSteps(layout: Layout, backups: Backups, snapshot: HighlightsFile, records: readonly JournalRecord[]): { steps: FoldStep[]; next: HighlightsFile } {
  const { articleId, generation } = snapshot;
  const path = layout.highlights(articleId);
  const next: HighlightsFile = { ...snapshot, generation: generation + 1, highlights: replay(snapshot.highlights, records) };
  const steps: FoldStep[] = [
    { name: 'keep the snapshot', run: () => backups.keep(path, articleId, 'highlights', generation) },
    { name: 'keep the changes', run: () => backups.keepChanges(articleId, generation, records, layout.tempDir) },
    { name: 'write the snapshot', run: () => writeJSON(path, HighlightsFileSchema, next, layout.tempDir) },
    { name: 'empty the journal', run: () => emptyJournal(layout.journal(articleId)) },
  ];
  return { steps, next };
}
