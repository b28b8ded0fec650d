import { statSync, type Stats } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { LibraryIndexSchema, STORE_VERSION, type IndexEntry, type LibraryIndex, type Stamp } from './files.js';
import { jsonFile, writeJSON } from './read-file.js';
import { isVersion1Index, refuseFutureVersions } from './migrations.js';
import { StoreFileError } from './store-errors.js';

/** The stamp of a file, or null when it does not exist. */
export function stampOf(path: string): Stamp | null {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    return null;
  }
  return { ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
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
  return stampOf(path);
}

/** Whether two entries describe the same state of an article. */
export const sameEntry = (a: IndexEntry | undefined, b: IndexEntry | undefined): boolean => isDeepStrictEqual(a, b);
