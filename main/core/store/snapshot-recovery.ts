import { statSync, unlinkSync } from 'node:fs';
import type { Highlight } from '../../../shared/model.js';
import { ArticleUnavailableError, FutureVersionError, storageError } from './store-errors.js';
import { HighlightsFileSchema, STORE_VERSION, type HighlightsFile } from './files.js';
import { readJournal, replay } from './journal.js';
import { ArticleFileV1Schema } from './migrations.js';
import { quarantine, writeJSON } from './read-file.js';
import { recoveryOf } from './recoveries.js';
import { readStoreFile, type FileRead, type RepairContext } from './repair.js';

/**
 * An article's highlights snapshot (`highlights.json`). A damaged or missing
 * one is moved to quarantine and rebuilt from the newest good generation
 * kept in the backups plus the changes kept after it (see backups.ts); the
 * journal beside it is then replayed by the caller as always. One from a
 * newer Marginalia is refused and left as it is.
 */
export async function readSnapshotRepairing(ctx: RepairContext, articleId: string): Promise<HighlightsFile> {
  const path = ctx.layout.highlights(articleId);
  const first = await readSnapshot(path, articleId);
  if (first.status === 'ok') return first.data;
  return ctx.underLock(async () => {
    const read = await readSnapshot(path, articleId); // another writer may have repaired it meanwhile
    if (read.status === 'ok') return read.data;
    return rebuildSnapshot(ctx, articleId, read);
  });
}

async function readSnapshot(path: string, articleId: string): Promise<FileRead<HighlightsFile>> {
  try {
    return await readStoreFile(path, HighlightsFileSchema);
  } catch (error) {
    if (error instanceof FutureVersionError) {
      throw new ArticleUnavailableError(articleId, `its highlights.json was written by a newer Marginalia (format version ${error.version}); update the app to open it`);
    }
    throw error;
  }
}

/** Where a rebuilt snapshot starts: a kept generation, or the first one (as imported, or migrated from version 1). */
interface Base {
  generation: number;
  highlights: Highlight[];
  /** The backup file it was read from; null for an imported article's empty first generation. */
  from: string | null;
}

/** Rebuilds a damaged or missing snapshot (call with the lock held); writes it and logs the repair. */
async function rebuildSnapshot(ctx: RepairContext, articleId: string, damage: Exclude<FileRead<HighlightsFile>, { status: 'ok' }>): Promise<HighlightsFile> {
  const path = ctx.layout.highlights(articleId);
  const liveInode = damage.status === 'damaged' ? inodeOf(path) : null;
  const moved = damage.status === 'damaged' ? await quarantine(path, ctx.layout.quarantineDir, `${articleId}-highlights.json`) : '';
  // A backup name still linked to the live file (a fold cut short after its link) is that damaged file, now in quarantine.
  const kept = [];
  for (const backup of await ctx.backups.generations(articleId, 'highlights')) {
    if (liveInode === null || inodeOf(backup.path) !== liveInode) kept.push(backup);
    else removeQuietly(backup.path);
  }
  const newestKept = kept[0]?.generation ?? -1;
  let base: Base | null = null;
  for (const backup of kept) {
    const read = await readStoreFile(backup.path, HighlightsFileSchema).catch(() => null);
    if (read?.status === 'ok') {
      base = { generation: backup.generation, highlights: read.data.highlights, from: backup.path };
      break;
    }
  }
  base ??= await firstGeneration(ctx, articleId);

  // Each kept change set turns its generation into the next; all from the base's on are replayed in order.
  let highlights = base.highlights;
  let next = base.generation;
  let complete = true;
  let newest = Math.max(newestKept, base.generation - 1);
  for (const changes of await ctx.backups.changes(articleId)) {
    if (changes.generation < base.generation) continue;
    const read = await readJournal(changes.path);
    if (changes.generation !== next || read.damaged.length > 0 || read.tornBytes > 0) complete = false;
    highlights = replay(highlights, read.records);
    next = changes.generation + 1;
    newest = Math.max(newest, changes.generation);
  }
  // A generation newer than the base was kept, so the changes made after it were folded: without them, some are missing.
  if (next <= newestKept) complete = false;
  const file: HighlightsFile = { version: STORE_VERSION, articleId, generation: Math.max(newest + 1, base.generation), highlights };
  await writeJSON(path, HighlightsFileSchema, file, ctx.layout.tempDir).catch((e) => Promise.reject(storageError(e)));
  const reason = damage.status === 'damaged' ? damage.error.reason : 'is missing';
  const restoredFrom = base.from ?? (next > base.generation ? 'rebuilt from the changes kept in its backups' : 'rebuilt as it was first written, before any change was folded into it');
  await ctx.log.record(recoveryOf(path, moved, restoredFrom, reason, complete));
  return file;
}

/** The first generation of an article's highlights: those migrated from version 1 (kept in the backups), else none. */
async function firstGeneration(ctx: RepairContext, articleId: string): Promise<Base> {
  const legacy = ctx.backups.path(articleId, 'legacy-v1.json');
  const read = await readStoreFile(legacy, ArticleFileV1Schema).catch(() => null);
  if (read?.status === 'ok') return { generation: 0, highlights: read.data.highlights, from: legacy };
  return { generation: 0, highlights: [], from: null };
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // left as it is: it is skipped as a backup either way, having the damaged file's inode
  }
}

function inodeOf(path: string): number | null {
  try {
    return statSync(path).ino;
  } catch {
    return null;
  }
}
