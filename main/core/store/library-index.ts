import { statSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { ENTRY_VERSION, LibraryIndexSchema, STORE_VERSION, type IndexEntry, type LibraryIndex, type Stamp } from './files.js';
import { jsonFile, writeJSON } from './read-file.js';
import { isVersion1Index, refuseFutureVersions } from './migrations.js';
import { StoreFileError } from './store-errors.js';

/** The stamp of `library.json` itself (no journal). */
export function fileStamp(path: string): Stamp | null {
  try {
    const stats = statSync(path);
    return { ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs, journal: 0, journalMtimeMs: 0 };
  } catch {
    return null;
  }
}

/** The outcome of reading `library.json`. */
export type IndexRead =
  | { status: 'ok'; index: LibraryIndex }
  | { status: 'missing' }
  | { status: 'damaged'; error: StoreFileError };

/** Reads `library.json`; a version 1 index reads as missing (it is rebuilt). Future versions throw. */
export async function readIndexFile(path: string): Promise<IndexRead> {
  // A version 1 index is only a cache of what the article files say: read it as missing.
  const refuseFuture = refuseFutureVersions(path);
  const db = jsonFile(path, LibraryIndexSchema, {
    migrate: (raw) => (isVersion1Index(raw) ? null : refuseFuture(raw)),
  });
  try {
    await db.read();
  } catch (error) {
    if (error instanceof StoreFileError) return { status: 'damaged', error };
    throw error;
  }
  return db.data ? { status: 'ok', index: db.data } : { status: 'missing' };
}

/** Writes `library.json` durably from the entries. */
export async function writeIndexFile(path: string, entries: Iterable<IndexEntry>, tempDir: string): Promise<Stamp | null> {
  const articles = [...entries].sort((a, b) => a.importedAt.localeCompare(b.importedAt));
  await writeJSON(path, LibraryIndexSchema, { version: STORE_VERSION, articles }, tempDir);
  return fileStamp(path);
}

/** Whether two entries describe the same state of an article. */
export const sameEntry = (a: IndexEntry | undefined, b: IndexEntry | undefined): boolean => isDeepStrictEqual(a, b);

/** Whether two stamps describe the same state of an article's highlights. */
export function sameStamp(a: Stamp | null, b: Stamp | null): boolean {
  return a !== null && b !== null && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.journal === b.journal && a.journalMtimeMs === b.journalMtimeMs && a.others === b.others;
}

/** How to judge and re-read one article folder while the index is reconciled with the folders. */
export interface EntrySource {
  /** The stamp of the article's highlights on disk now. */
  stamp(articleId: string): Stamp | null;
  /** Whether the article's `article.json` is there (an index entry is not trusted without it). */
  hasArticle(articleId: string): boolean;
  /** An entry read from the article's folder (`unavailable` set when its article cannot be read), or null when it holds none. */
  fresh(articleId: string): Promise<IndexEntry | null>;
}

/**
 * The index entries of the article folders present: taken from the index
 * where they can be trusted (`trusted`, or their stamp is unchanged, and the
 * article file is there), read afresh from the folder where not. Folders
 * whose article cannot be read come back in `unavailable`, never in the
 * index. `changed` says whether the index should be written again.
 */
export async function reconcileEntries(
  folders: readonly string[],
  known: ReadonlyMap<string, IndexEntry>,
  trusted: boolean,
  source: EntrySource,
): Promise<{ entries: Map<string, IndexEntry>; unavailable: Map<string, IndexEntry>; changed: boolean }> {
  const entries = new Map<string, IndexEntry>();
  const unavailable = new Map<string, IndexEntry>();
  for (const id of folders) {
    const entry = known.get(id);
    if (entry && entry.entryVersion === ENTRY_VERSION && (trusted || sameStamp(entry.stamp, source.stamp(id))) && source.hasArticle(id)) {
      entries.set(id, entry);
      continue;
    }
    const fresh = await source.fresh(id);
    if (fresh?.unavailable !== undefined) unavailable.set(id, fresh);
    else if (fresh) entries.set(id, fresh);
  }
  const changed = entries.size !== known.size || [...entries].some(([id, entry]) => entry !== known.get(id) && !sameEntry(entry, known.get(id)));
  return { entries, unavailable, changed };
}
