import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  SNAPSHOT_NAME,
  isNotYetReadable,
  journalDevice,
  readRecords,
  syncEngineFile,
  type DeviceId,
  type RecordsRead,
  type SyncRecord,
} from '../sync/index.js';
import { HighlightsFileSchema, HighlightsFileV2Schema, SNAPSHOT_VERSION, type HighlightsFile, type Stamp } from './files.js';
import { legacyRecords } from './legacy-highlights.js';

/**
 * The files of one article folder that hold its highlights, as a synced
 * folder may have them: the shared snapshot, this device's journal, other
 * devices' journals (read, never written), copies a sync engine made when two
 * devices wrote one file (read record by record, then merged and moved to
 * quarantine by a fold), and files not there yet (a placeholder of a file
 * the engine has not brought, a download in progress), which are skipped
 * and read later, not taken for damage.
 */
export interface FolderFiles {
  /** Other devices' journals, by device. */
  journals: { device: DeviceId; path: string }[];
  /** Conflict copies of the snapshot or of a journal. */
  copies: { path: string; original: string }[];
  /** Conflict copies of `article.json`: moved to quarantine as they are (see fold.ts). */
  articleCopies: string[];
  /** Names of files a sync engine is still bringing. */
  pending: string[];
  /** Whether version 2's `journal.jsonl` is there. */
  legacyJournal: boolean;
}

const OWN_NAMES = new Set(['article.json', 'highlights.json', 'journal.jsonl']);

/** Sorts the names in an article folder (one readdir); `own` is this device's journal name. */
export function folderFiles(dir: string, ownJournal: string): FolderFiles {
  const files: FolderFiles = { journals: [], copies: [], articleCopies: [], pending: [], legacyJournal: false };
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return files;
  }
  for (const name of names) {
    if (name === 'journal.jsonl') files.legacyJournal = true;
    if (name === ownJournal || OWN_NAMES.has(name) || /^article\.v\d+\.json$/.test(name)) continue;
    const device = journalDevice(name);
    if (device) {
      files.journals.push({ device, path: join(dir, name) });
      continue;
    }
    const engine = syncEngineFile(name);
    if (!engine) continue;
    if (engine.kind !== 'conflict-copy') files.pending.push(name);
    else if (engine.original === 'article.json') files.articleCopies.push(join(dir, name));
    else if (engine.original === 'highlights.json' || engine.original === SNAPSHOT_NAME || journalDevice(engine.original) || engine.original === 'journal.jsonl') {
      files.copies.push({ path: join(dir, name), original: engine.original });
    }
  }
  files.journals.sort((a, b) => (a.device < b.device ? -1 : 1));
  return files;
}

/**
 * The stamp of an article's highlights: the snapshot's, plus the total size
 * and newest change of every other file that holds records (journals of all
 * devices, conflict copies) and of the article. Any change on disk — a line appended here or
 * brought by the sync engine, a fold, a copy merged away — changes it.
 * Null when the snapshot does not exist.
 */
export function highlightsStamp(dir: string, snapshotPath: string, ownJournal: string, articlePath?: string): Stamp | null {
  let snapshot;
  try {
    snapshot = statSync(snapshotPath);
  } catch {
    return null;
  }
  const own = statOrNull(join(dir, ownJournal));
  let count = 0;
  let size = 0;
  let mtimeMs = 0;
  const add = (path: string) => {
    const stats = statOrNull(path);
    if (!stats) return; // gone between the listing and now: the next look sees it
    count++;
    size += stats.size;
    mtimeMs = Math.max(mtimeMs, stats.mtimeMs);
  };
  // The article too: another device's rename or new version changes the entry.
  if (articlePath) add(articlePath);
  const files = folderFiles(dir, ownJournal);
  for (const j of files.journals) add(j.path);
  for (const c of files.copies) add(c.path);
  if (files.legacyJournal) add(join(dir, 'journal.jsonl'));
  return { ino: snapshot.ino, size: snapshot.size, mtimeMs: snapshot.mtimeMs, journal: own?.size ?? 0, journalMtimeMs: own?.mtimeMs ?? 0, others: `${count}:${size}:${mtimeMs}` };
}

function statOrNull(path: string): { size: number; mtimeMs: number } | null {
  try {
    const { size, mtimeMs } = statSync(path);
    return { size, mtimeMs };
  } catch {
    return null;
  }
}

/** Reads the records of a file another device wrote (or a sync engine made): never throws, never repairs. */
export async function readOthersRecords(path: string): Promise<RecordsRead & { unreadable?: true }> {
  try {
    return readRecords(await readFile(path, 'utf8'));
  } catch (error) {
    // Gone since the listing, or not readable yet (a placeholder, a file locked by the engine): later.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || isNotYetReadable(code)) return { records: [], damaged: [], tornBytes: 0, unreadable: true };
    throw error;
  }
}

/**
 * The records of a conflict copy of the snapshot (a JSON file, version 3 or
 * 2) or of a journal (JSON lines). Null when it cannot be read as either:
 * it is then moved to quarantine as it is.
 */
export async function readCopyRecords(path: string, original: string, device: DeviceId): Promise<SyncRecord[] | null> {
  if (original.endsWith('.jsonl')) {
    const read = await readOthersRecords(path);
    return read.unreadable ? null : read.records;
  }
  try {
    const raw: unknown = JSON.parse(await readFile(path, 'utf8'));
    const v3 = HighlightsFileSchema.safeParse(raw);
    if (v3.success) return v3.data.records;
    const v2 = HighlightsFileV2Schema.safeParse(raw);
    if (v2.success) return legacyRecords(v2.data.highlights, device);
    return null;
  } catch {
    return null;
  }
}

/** A snapshot as version 3 has it, from a version 2 one (read on this device). */
export function upgradeSnapshot(raw: unknown, device: DeviceId): unknown {
  const v2 = HighlightsFileV2Schema.safeParse(raw);
  if (!v2.success) return raw;
  const { articleId, generation, highlights } = v2.data;
  return { version: SNAPSHOT_VERSION, articleId, generation, highlights, records: legacyRecords(highlights, device), upgradedFrom: 2 };
}

/** The empty snapshot of an article (new, or whose snapshot has not arrived from another device yet). */
export function emptySnapshot(articleId: string, generation = 0): HighlightsFile {
  return { version: SNAPSHOT_VERSION, articleId, generation, highlights: [], records: [] };
}
