import { statSync, unlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Highlight } from '../../../shared/model.js';
import { mergeRecords, readRecords, type SyncRecord } from '../sync/index.js';
import { ArticleUnavailableError, FutureVersionError, storageError } from './store-errors.js';
import { HighlightsFileSchema, SNAPSHOT_VERSION, type HighlightsFile } from './files.js';
import { readJournal, replay } from './journal.js';
import { ArticleFileV1Schema } from './migrations.js';
import { jsonFile, quarantine, writeJSON } from './read-file.js';
import { recoveryOf } from './recoveries.js';
import { readStoreFile as readStoreFileOf, type FileRead, type RepairContext } from './repair.js';
import { emptySnapshot, upgradeSnapshot } from './article-records.js';
import { legacyRecords } from './legacy-highlights.js';
import { StoreFileError } from './store-errors.js';
import { dedupeRecords } from './snapshot-records.js';

/**
 * An article's highlights snapshot (`highlights.json`). A damaged or missing
 * one is moved to quarantine and rebuilt from the newest good generation
 * kept in the backups plus the changes kept after it (see backups.ts); the
 * journal beside it is then replayed by the caller as always. One from a
 * newer Marginalia is refused and left as it is.
 */
export async function readSnapshotRepairing(ctx: RepairContext, articleId: string): Promise<HighlightsFile> {
  const path = ctx.layout.highlights(articleId);
  const first = await readSnapshot(ctx, path, articleId);
  if (first.status === 'ok') return first.data;
  if (await notArrivedYet(ctx, articleId, first)) return emptySnapshot(articleId);
  return ctx.underLock(async () => {
    const read = await readSnapshot(ctx, path, articleId); // another writer may have repaired it meanwhile
    if (read.status === 'ok') return read.data;
    if (await notArrivedYet(ctx, articleId, read)) return emptySnapshot(articleId);
    return rebuildSnapshot(ctx, articleId, read);
  });
}

/**
 * A snapshot missing, or empty, on a device that never had it (no backup of
 * it here): another device's, which the sync engine has not brought yet (or
 * a placeholder of it). Read as empty, and not repaired: the file arrives
 * later. On a device that wrote it, a missing snapshot is damage.
 */
async function notArrivedYet(ctx: RepairContext, articleId: string, read: Exclude<FileRead<HighlightsFile>, { status: 'ok' }>): Promise<boolean> {
  if (read.status === 'damaged' && !read.error.reason.startsWith('is empty')) return false;
  return (await ctx.backups.generations(articleId, 'highlights')).length === 0 && (await ctx.backups.changes(articleId)).length === 0;
}

async function readSnapshot(ctx: RepairContext, path: string, articleId: string): Promise<FileRead<HighlightsFile>> {
  const future = (version: number) =>
    new ArticleUnavailableError(articleId, `its highlights.json was written by a newer Marginalia (format version ${version}); update the app to open it`);
  try {
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw storageError(error);
    });
    if (text === null) return { status: 'missing' };
    if (text === '') return { status: 'damaged', error: new StoreFileError(path, 'is empty') };
    const db = jsonFile(path, HighlightsFileSchema, {
      migrate: (raw) => {
        const version = (raw as { version?: unknown } | null)?.version;
        if (typeof version === 'number' && version > SNAPSHOT_VERSION) throw new FutureVersionError(path, version);
        return upgradeSnapshot(raw, ctx.layout.device);
      },
    });
    await db.read();
    return db.data === null ? { status: 'missing' } : { status: 'ok', data: db.data };
  } catch (error) {
    if (error instanceof FutureVersionError) throw future(error.version);
    if (error instanceof StoreFileError) return { status: 'damaged', error };
    throw error;
  }
}

/** Where a rebuilt snapshot starts: a kept generation, or the first one (as imported, or migrated from version 1). */
interface Base {
  generation: number;
  /** Its highlights, when it is a version 2 file (or the first generation): records are made of them. */
  highlights: Highlight[];
  /** Its records, when it is a version 3 file. */
  records: SyncRecord[] | null;
  /** The backup file it was read from; null for an imported article's empty first generation. */
  from: string | null;
}

/**
 * Rebuilds a damaged or missing snapshot (call with the lock held) from the
 * newest good generation kept and every change kept after it; writes it and
 * logs the repair. Version 3 changes are records, which merge in any order;
 * version 2 changes (whole highlights, from before the library was
 * upgraded) are replayed in order on a version 2 generation first.
 */
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
    const read = await readSnapshot(ctx, backup.path, articleId).catch(() => null);
    if (read?.status === 'ok') {
      const v3 = (await readFile(backup.path, 'utf8').catch(() => '')).startsWith(`{"version":${SNAPSHOT_VERSION},`);
      base = { generation: backup.generation, highlights: read.data.highlights, records: v3 ? read.data.records : null, from: backup.path };
      break;
    }
  }
  base ??= await firstGeneration(ctx, articleId);

  // Each kept change set turns its generation into the next; all from the base's on are taken in order.
  let highlights = base.highlights;
  let records: SyncRecord[] | null = base.records;
  let next = base.generation;
  let complete = true;
  let newest = Math.max(newestKept, base.generation - 1);
  for (const changes of await ctx.backups.changes(articleId)) {
    if (changes.generation < base.generation) continue;
    const text = await readFile(changes.path, 'utf8').catch(() => '');
    const asRecords = readRecords(text);
    if (records === null && asRecords.records.length === 0 && asRecords.damaged.length > 0) {
      // Version 2 changes: whole highlights, replayed in order.
      const read = await readJournal(changes.path);
      if (read.damaged.length > 0 || read.tornBytes > 0) complete = false;
      highlights = replay(highlights, read.records);
    } else {
      records ??= legacyRecords(highlights, ctx.layout.device);
      records.push(...asRecords.records);
      if (asRecords.damaged.length > 0 || asRecords.tornBytes > 0) complete = false;
    }
    if (changes.generation !== next) complete = false;
    next = changes.generation + 1;
    newest = Math.max(newest, changes.generation);
  }
  // A generation newer than the base was kept, so the changes made after it were folded: without them, some are missing.
  if (next <= newestKept) complete = false;
  const all = dedupeRecords(records ?? legacyRecords(highlights, ctx.layout.device));
  const file: HighlightsFile = {
    version: SNAPSHOT_VERSION,
    articleId,
    generation: Math.max(newest + 1, base.generation),
    highlights: mergeRecords(all).highlights.map((m) => m.highlight),
    records: all,
  };
  await writeJSON(path, HighlightsFileSchema, file, ctx.layout.tempDir).catch((e) => Promise.reject(storageError(e)));
  const reason = damage.status === 'damaged' ? damage.error.reason : 'is missing';
  const restoredFrom = base.from ?? (next > base.generation ? 'rebuilt from the changes kept in its backups' : 'rebuilt as it was first written, before any change was folded into it');
  await ctx.log.record(recoveryOf(path, moved, restoredFrom, reason, complete));
  return file;
}

/** The first generation of an article's highlights: those migrated from version 1 (kept in the backups), else none. */
async function firstGeneration(ctx: RepairContext, articleId: string): Promise<Base> {
  const legacy = ctx.backups.path(articleId, 'legacy-v1.json');
  const read = await readStoreFileOf(legacy, ArticleFileV1Schema).catch(() => null);
  if (read?.status === 'ok') return { generation: 0, highlights: read.data.highlights, records: null, from: legacy };
  return { generation: 0, highlights: [], records: null, from: null };
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
