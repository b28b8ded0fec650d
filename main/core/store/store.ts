import { Low } from 'lowdb';
import { mkdir, readdir, rename } from 'node:fs/promises';
import { join, basename } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { MarginaliaError } from '../../../shared/contract/errors.js';
import { FolderLock } from './folder-lock.js';
import { ValidatedJSONFile } from './json-adapter.js';
import {
  ArticleFileSchema,
  LibraryIndexSchema,
  STORE_VERSION,
  indexEntryOf,
  migrateForward,
  type ArticleFile,
  type LibraryIndex,
} from './files.js';
import { FutureVersionError, StoreFileError } from './store-errors.js';

/**
 * The library on disk: `library.json` (a small index) and one file per
 * article under `articles/`. Every change takes the folder lock, re-reads
 * what it changes from disk (another process may have written it), and
 * resolves only after the write is durable. Damaged files are moved to
 * `quarantine/`, never overwritten.
 */
export class Store {
  private readonly lock: FolderLock;

  constructor(readonly dataDir: string) {
    this.lock = new FolderLock(dataDir);
  }

  /** Creates the folders of an empty library. */
  async init(): Promise<void> {
    await mkdir(join(this.dataDir, 'articles'), { recursive: true }).catch((e) => Promise.reject(storageError(e)));
  }

  /** Reads the index, rebuilding it from the article files when it is missing or damaged. */
  async readIndex(): Promise<LibraryIndex> {
    const db = this.indexDb();
    try {
      await db.read();
      if (db.data) return db.data;
    } catch (error) {
      if (!(error instanceof StoreFileError)) throw storageError(error);
      await this.quarantine(error.path);
    }
    return this.lock.run(() => this.rebuildIndex());
  }

  /** Reads one article file. */
  async readArticle(articleId: string): Promise<ArticleFile> {
    const db = this.articleDb(articleId);
    try {
      await db.read();
    } catch (error) {
      if (error instanceof StoreFileError) {
        const moved = await this.quarantine(error.path);
        throw new MarginaliaError(
          'storage',
          `The file of this article was damaged (${error.reason}); it was moved to ${moved} and nothing was overwritten.`,
        );
      }
      throw storageError(error);
    }
    if (!db.data) throw new MarginaliaError('not-found', `No article with id ${articleId}.`);
    return db.data;
  }

  /** Adds a new article file and its index entry. */
  async addArticle(file: ArticleFile): Promise<void> {
    await this.lock.run(async () => {
      const db = this.articleDb(file.article.id);
      db.data = file;
      await db.write().catch((e) => Promise.reject(storageError(e)));
      await this.updateIndex(file);
    });
  }

  /**
   * Changes one article file: `change` gets the current contents from disk,
   * mutates them and returns a value; the file (and the index, when the
   * summary changed) are then written durably.
   */
  async changeArticle<T>(articleId: string, change: (file: ArticleFile) => T): Promise<T> {
    return this.lock.run(async () => {
      const file = await this.readArticle(articleId);
      const before = indexEntryOf(file);
      const result = change(file);
      const db = this.articleDb(articleId);
      db.data = file;
      await db.write().catch((e) => Promise.reject(storageError(e)));
      if (!isDeepStrictEqual(before, indexEntryOf(file))) await this.updateIndex(file);
      return result;
    });
  }

  private async updateIndex(file: ArticleFile): Promise<void> {
    const db = this.indexDb();
    let index: LibraryIndex;
    try {
      await db.read();
      index = db.data ?? (await this.rebuildIndex());
    } catch (error) {
      if (!(error instanceof StoreFileError)) throw storageError(error);
      await this.quarantine(error.path);
      index = await this.rebuildIndex();
    }
    const entry = indexEntryOf(file);
    const at = index.articles.findIndex((a) => a.id === entry.id);
    if (at === -1) index.articles.push(entry);
    else index.articles[at] = entry;
    db.data = index;
    await db.write().catch((e) => Promise.reject(storageError(e)));
  }

  /** Rebuilds the index from the article files (call with the lock held). */
  private async rebuildIndex(): Promise<LibraryIndex> {
    await this.init();
    const names = (await readdir(join(this.dataDir, 'articles'))).filter((n) => /^a-[a-z0-9]+\.json$/.test(n));
    const articles = [];
    for (const name of names) {
      try {
        articles.push(indexEntryOf(await this.readArticle(basename(name, '.json'))));
      } catch (error) {
        if (!(error instanceof MarginaliaError)) throw error; // damaged files were quarantined
      }
    }
    articles.sort((a, b) => a.importedAt.localeCompare(b.importedAt));
    const index: LibraryIndex = { version: STORE_VERSION, articles };
    const db = this.indexDb();
    db.data = index;
    await db.write().catch((e) => Promise.reject(storageError(e)));
    return index;
  }

  /** Moves a damaged file aside; returns where it went. */
  private async quarantine(path: string): Promise<string> {
    const dir = join(this.dataDir, 'quarantine');
    await mkdir(dir, { recursive: true });
    const target = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${basename(path)}`);
    await rename(path, target);
    console.warn(`[marginalia] damaged store file moved to ${target}`);
    return target;
  }

  private indexDb(): Low<LibraryIndex | null> {
    const path = join(this.dataDir, 'library.json');
    return new Low(new ValidatedJSONFile(path, LibraryIndexSchema.nullable(), migrateForward(path)), null);
  }

  private articleDb(articleId: string): Low<ArticleFile | null> {
    const path = join(this.dataDir, 'articles', `${articleId}.json`);
    return new Low(new ValidatedJSONFile(path, ArticleFileSchema.nullable(), migrateForward(path)), null);
  }
}

/** Turns a file-system failure into a message a reader can act on; nothing was changed. */
function storageError(error: unknown): Error {
  if (error instanceof MarginaliaError) return error;
  if (error instanceof FutureVersionError) return new MarginaliaError('storage', error.message);
  const e = error as NodeJS.ErrnoException;
  const why: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is exceeded',
    EACCES: 'permission was denied',
    EPERM: 'permission was denied',
    EROFS: 'the folder is read-only',
    EEXIST: 'a file is in the way of a folder',
    ENOTDIR: 'a file is in the way of a folder',
  };
  const reason = (e.code && why[e.code]) ?? e.message ?? String(error);
  return new MarginaliaError('storage', `Could not save to ${e.path ?? 'the library'}: ${reason}. Nothing was changed.`);
}
