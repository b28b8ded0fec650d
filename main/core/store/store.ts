import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MarginaliaError } from '../../../shared/contract/errors.js';
import type { Article, Highlight } from '../../../shared/model.js';
import { Backups } from './backups.js';
import {
  ArticleFileSchema,
  HighlightsFileSchema,
  STORE_VERSION,
  indexEntryOf,
  withHighlight,
  type HighlightsFile,
  type IndexEntry,
  type Stamp,
} from './files.js';
import { writeArticleFolder, writeArticleVersion } from './article-files.js';
import { FolderLock, isAlive } from './folder-lock.js';
import { ARTICLE_DIR_NAME, Layout } from './layout.js';
import { fileStamp, readIndexFile, reconcileEntries, sameEntry, sameStamp, stampOf, writeIndexFile } from './library-index.js';
import { appendToJournal, emptyJournal, recordsBetween, replay, type JournalRecord } from './journal.js';
import { migrateLegacyArticles } from './migrate-layout.js';
import { DirtyMarks } from './dirty-marks.js';
import { quarantine, snapshotLooksCurrent, writeJSON } from './read-file.js';
import { recoveryOf, type Recovery } from './recoveries.js';
import { readJournalRepairing, readRepairing, type RepairContext } from './repair.js';
import { FutureVersionError, storageError } from './store-errors.js';

/**
 * The index is a cache (see files.ts), written when changes pause for
 * INDEX_IDLE_MS, or at the latest INDEX_MAX_DELAY_MS after the first unwritten
 * change, so that a burst of highlighting never waits behind an index write.
 */
const INDEX_IDLE_MS = 1000;
const INDEX_MAX_DELAY_MS = 10_000;
/** A journal longer than this is folded into its snapshot when changes pause… */
const JOURNAL_FOLD_IDLE_BYTES = 32 * 1024;
/** …and one longer than this at once, so that no journal grows without end. */
const JOURNAL_FOLD_NOW_BYTES = 1024 * 1024;

/**
 * The library on disk: one folder per article (`article.json`, replaced only
 * by a re-import, and its highlights: a snapshot and a journal) and `library.json`, an
 * index that can always be rebuilt from them.
 *
 * Every change takes the folder lock, re-reads what it changes from disk
 * (the CLI may have written it), keeps the old file as a backup generation,
 * and resolves only once the new file is durable. Damaged files are moved to
 * `quarantine/`, never overwritten, and replaced by their newest good backup.
 */
export class Store {
  readonly layout: Layout;
  /** What was repaired since the store was opened, newest last. */
  readonly recoveries: Recovery[] = [];
  private readonly lock: FolderLock;
  private readonly backups: Backups;
  private entries = new Map<string, IndexEntry>();
  /** Entries changed here and not yet in `library.json`. */
  private readonly dirty = new Set<string>();
  /** The stamp of `library.json` as this process last read or wrote it. */
  private indexStamp: Stamp | null = null;
  private flushTimer: NodeJS.Timeout | undefined;
  /** When the oldest change not yet in `library.json` was made. */
  private firstDirtyAt: number | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** Articles whose journal this process wrote and has not folded yet. */
  private readonly journaled = new Set<string>();
  private readonly marks: DirtyMarks;
  private readonly repair: RepairContext;
  private closing = false;
  /** Articles read or written here, with the stamp their file had then. */
  private readonly articles = new Map<string, { article: Article; stamp: Stamp | null }>();
  /** The highlights files this process last read or wrote, with the stamp they had then. */
  private readonly highlightsCache = new Map<string, { stamp: Stamp; file: HighlightsFile }>();

  private constructor(dataDir: string) {
    this.layout = new Layout(dataDir);
    this.lock = new FolderLock(dataDir);
    this.backups = new Backups(this.layout.backupsDir);
    this.marks = new DirtyMarks(join(dataDir, '.dirty'));
    this.repair = { layout: this.layout, backups: this.backups, recoveries: this.recoveries };
  }

  /** Opens a library folder: creates it, migrates older layouts, and brings the index up to date. */
  static async open(dataDir: string): Promise<Store> {
    const store = new Store(dataDir);
    await mkdir(store.layout.articlesDir, { recursive: true }).catch((error: unknown) => {
      throw storageError(error);
    });
    await store.lock.run(async () => {
      // Writes happen only under this lock, so any temp file left is from a process that died mid-write.
      await rm(store.layout.tempDir, { recursive: true, force: true });
      await mkdir(store.layout.tempDir, { recursive: true });
      const migrated = await migrateLegacyArticles(store.layout);
      store.recoveries.push(...migrated.recoveries);
      await store.loadIndex();
    });
    return store;
  }

  get dataDir(): string {
    return this.layout.dataDir;
  }

  /** Index entries of all articles, including changes other processes have flushed. */
  async listEntries(): Promise<IndexEntry[]> {
    const onDisk = fileStamp(this.layout.index);
    if (onDisk && !sameStamp(onDisk, this.indexStamp)) {
      await this.flushing.catch(() => {});
      await this.lock.run(() => this.mergeIndexFromDisk());
    }
    return [...this.entries.values()];
  }

  /** An article, as its `article.json` is now (a re-import, here or in another process, replaces it). */
  async readArticle(articleId: string): Promise<Article> {
    const path = this.layout.article(articleId);
    const cached = this.articles.get(articleId);
    if (cached && sameStamp(cached.stamp, fileStamp(path))) return cached.article;
    const file = await readRepairing(this.repair, path, articleId, 'article', ArticleFileSchema);
    if (!file) throw new MarginaliaError('not-found', `No article with id ${articleId}.`);
    this.remember(file.article);
    return file.article;
  }

  private remember(article: Article): void {
    this.articles.set(article.id, { article, stamp: fileStamp(this.layout.article(article.id)) });
  }

  /**
   * An article's highlights as they are on disk: the snapshot with its
   * journal replayed. The last version this process read or wrote is reused
   * while the files' stamp is unchanged; callers must not mutate it.
   */
  async readHighlights(articleId: string): Promise<HighlightsFile> {
    await this.readArticle(articleId); // not-found for unknown ids
    const stamp = this.stamp(articleId);
    const cached = this.highlightsCache.get(articleId);
    if (cached && sameStamp(cached.stamp, stamp)) return cached.file;
    const path = this.layout.highlights(articleId);
    const snapshot = (await readRepairing(this.repair,path, articleId, 'highlights', HighlightsFileSchema)) ?? {
      version: STORE_VERSION,
      articleId,
      generation: 0,
      highlights: [],
    };
    const journal = await readJournalRepairing(this.repair,articleId);
    const file: HighlightsFile = journal.length > 0 ? { ...snapshot, highlights: replay(snapshot.highlights, journal) } : snapshot;
    const after = this.stamp(articleId);
    if (after && sameStamp(after, stamp)) this.highlightsCache.set(articleId, { stamp: after, file });
    return file;
  }

  /** Adds a newly imported article. */
  async addArticle(article: Article): Promise<void> {
    await this.lock.run(async () => {
      const highlights = await writeArticleFolder(this.layout, this.backups, article).catch((error: unknown) => {
        throw storageError(error);
      });
      this.remember(article);
      this.setEntry(indexEntryOf(article, highlights, this.stamp(article.id)));
    });
  }

  /**
   * Replaces an article by a new version of itself (a re-import), keeping the
   * old version as `article.v<N>.json` beside it. `change` then rewrites the
   * highlights for the new text, as changeHighlights does; those records are
   * journaled after the article is written, so a crash in between leaves the
   * old targets, which the reader anchors or orphans as it does any other.
   */
  async replaceArticle<T>(next: Article, change: (file: HighlightsFile, previous: Article) => T): Promise<T> {
    return this.lock.run(async () => {
      const previous = await this.readArticle(next.id);
      const current = await this.readHighlights(next.id);
      const file: HighlightsFile = { ...current, highlights: [...current.highlights] };
      const result = change(file, previous);
      await writeArticleVersion(this.layout, this.backups, previous, next).catch((error: unknown) => {
        this.articles.delete(next.id);
        throw storageError(error);
      });
      this.remember(next);
      await this.journalChange(next, current, file, { entryChanged: true });
      return result;
    });
  }

  /**
   * Changes an article's highlights: `change` gets the current file from
   * disk and changes its `highlights` array (replacing, never editing, a
   * highlight object); the new file is then written durably. Resolves
   * (with what `change` returned) only once the change is on disk.
   */
  async changeHighlights<T>(articleId: string, change: (file: HighlightsFile, article: Article) => T): Promise<T> {
    return this.lock.run(async () => {
      const article = await this.readArticle(articleId);
      // Files read are shared (cached) and never mutated: the change gets its own
      // array, and replaces a highlight rather than editing it in place.
      const current = await this.readHighlights(articleId);
      const file: HighlightsFile = { ...current, highlights: [...current.highlights] };
      const result = change(file, article);
      await this.journalChange(article, current, file, { entryChanged: false });
      return result;
    });
  }

  /**
   * Journals how `file` differs from `current` (call with the lock held),
   * then keeps the caches and the index entry current. Nothing is written
   * when nothing changed, unless the article itself did (`entryChanged`).
   */
  private async journalChange(article: Article, current: HighlightsFile, file: HighlightsFile, { entryChanged }: { entryChanged: boolean }): Promise<void> {
    const records = recordsBetween(current.highlights, file.highlights);
    if (records.length === 0 && !entryChanged) return;
    if (records.length > 0) await this.appendRecords(article.id, records);
    const stamp = this.stamp(article.id);
    if (stamp) this.highlightsCache.set(article.id, { stamp, file });
    this.setEntry(indexEntryOf(article, file, stamp));
    if ((stamp?.journal ?? 0) > JOURNAL_FOLD_NOW_BYTES) await this.foldQuietly(article.id);
  }

  /** Appends records to an article's journal, durably; on failure the cached highlights go (the disk decides). */
  private async appendRecords(articleId: string, records: JournalRecord[]): Promise<void> {
    try {
      await this.marks.mark();
      await appendToJournal(this.layout.journal(articleId), records);
    } catch (error) {
      this.highlightsCache.delete(articleId);
      throw storageError(error);
    }
    this.journaled.add(articleId);
  }

  /**
   * Adds one highlight, made by `make` from the article, without reading the
   * article's other highlights: one journal append, and the index entry
   * counted up. Resolves once the highlight is durable.
   */
  async addHighlight(articleId: string, make: (article: Article) => Highlight): Promise<Highlight> {
    return this.lock.run(async () => {
      const article = await this.readArticle(articleId);
      // Never append to the journal of a snapshot this build cannot read (newer version, damage):
      // unless it plainly starts as ours, read it first, which refuses or repairs it.
      if (!this.highlightsCache.has(articleId) && !snapshotLooksCurrent(this.layout.highlights(articleId))) {
        await this.readHighlights(articleId);
      }
      const before = this.stamp(articleId);
      const highlight = make(article);
      await this.appendRecords(articleId, [{ op: 'put', highlight }]);
      const after = this.stamp(articleId);
      const cached = this.highlightsCache.get(articleId);
      if (cached && after && sameStamp(cached.stamp, before)) {
        this.highlightsCache.set(articleId, { stamp: after, file: { ...cached.file, highlights: [...cached.file.highlights, highlight] } });
      } else this.highlightsCache.delete(articleId);
      // The highlight is durable from here on: what follows only keeps caches current, and never fails the change.
      try {
        const entry = this.entries.get(articleId);
        if (entry && sameStamp(entry.stamp, before)) this.setEntry(withHighlight(entry, highlight, after));
        else this.setEntry(indexEntryOf(article, await this.readHighlights(articleId), after));
      } catch (error) {
        console.error(`[marginalia] updating the index for ${articleId}:`, error);
      }
      if ((after?.journal ?? 0) > JOURNAL_FOLD_NOW_BYTES) await this.foldQuietly(articleId);
      return highlight;
    });
  }

  /**
   * Writes an article's journal into its snapshot (`highlights.json`, the
   * previous one kept as a backup generation) and empties the journal.
   * Call with the lock held.
   */
  private async fold(articleId: string): Promise<void> {
    const file = await this.readHighlights(articleId);
    const path = this.layout.highlights(articleId);
    const next: HighlightsFile = { ...file, generation: file.generation + 1 };
    try {
      await this.backups.keep(path, articleId, 'highlights', file.generation);
      await writeJSON(path, HighlightsFileSchema, next, this.layout.tempDir);
      await emptyJournal(this.layout.journal(articleId));
    } catch (error) {
      this.highlightsCache.delete(articleId);
      throw storageError(error);
    }
    this.journaled.delete(articleId);
    const stamp = this.stamp(articleId);
    if (stamp) this.highlightsCache.set(articleId, { stamp, file: next });
    // Counted from the file just folded (read under the lock), not from what this process remembered.
    this.setEntry(indexEntryOf(await this.readArticle(articleId), next, stamp));
  }

  /** Folds a journal after a change was acknowledged: a failure here loses nothing, so it is logged, not thrown. */
  private async foldQuietly(articleId: string): Promise<void> {
    await this.fold(articleId).catch((error) => console.error(`[marginalia] folding the journal of ${articleId}:`, error));
  }

  /** The stamp of an article's highlights (snapshot and journal). */
  private stamp(articleId: string): Stamp | null {
    return stampOf(this.layout.highlights(articleId), this.layout.journal(articleId));
  }

  /** Writes pending index changes now. */
  flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    // One failed flush must not block every later one: the next attempt starts afresh.
    this.flushing = this.flushing.catch(() => {}).then(async () => {
      if (this.dirty.size === 0 && this.journaled.size === 0) return;
      await this.lock.run(async () => {
        for (const id of [...this.journaled]) {
          if ((this.stamp(id)?.journal ?? 0) > JOURNAL_FOLD_IDLE_BYTES || this.closing) await this.fold(id);
        }
        await this.mergeIndexFromDisk();
        await this.writeIndex();
      });
    });
    return this.flushing;
  }

  /** Folds journals and writes the index; call before the process exits (if it dies instead, the next open catches up). */
  async close(): Promise<void> {
    this.closing = true;
    await this.flush();
  }

  private setEntry(entry: IndexEntry): void {
    if (sameEntry(this.entries.get(entry.id), entry)) return;
    this.entries.set(entry.id, entry);
    this.dirty.add(entry.id);
    this.firstDirtyAt ??= Date.now();
    clearTimeout(this.flushTimer);
    const wait = Math.max(0, Math.min(INDEX_IDLE_MS, this.firstDirtyAt + INDEX_MAX_DELAY_MS - Date.now()));
    this.flushTimer = setTimeout(() => void this.flush().catch((e) => console.error('[marginalia] index flush:', e)), wait);
    this.flushTimer.unref();
  }

  private async writeIndex(): Promise<void> {
    this.indexStamp = await writeIndexFile(this.layout.index, this.entries.values(), this.layout.tempDir).catch((error: unknown) => {
      throw storageError(error);
    });
    this.dirty.clear();
    this.firstDirtyAt = undefined;
    this.marks.clear();
  }

  /**
   * Loads `library.json` and reconciles it with the article folders (call
   * with the lock held): entries whose highlights file changed since the
   * index was written are re-read, missing ones added, vanished ones dropped.
   */
  private async loadIndex(): Promise<void> {
    const read = await readIndexFile(this.layout.index).catch((error) => {
      throw error instanceof FutureVersionError ? storageError(error) : error;
    });
    if (read.status === 'damaged') {
      const moved = await quarantine(this.layout.index, this.layout.quarantineDir);
      this.recoveries.push(recoveryOf(this.layout.index, moved, 'rebuilt from the article folders', read.error.reason));
    }
    const known = new Map((read.status === 'ok' ? read.index.articles : []).map((e) => [e.id, e]));
    // No process left changes uncounted: entries can be trusted without looking at each article.
    const trusted = read.status === 'ok' && this.marks.list().length === 0;
    const folders = (await readdir(this.layout.articlesDir)).filter((name) => ARTICLE_DIR_NAME.test(name));
    const source = { stamp: (id: string) => this.stamp(id), fresh: (id: string) => this.freshEntry(id) };
    const { entries, changed } = await reconcileEntries(folders, known, trusted, source);
    this.entries = entries;
    if (changed || read.status !== 'ok' || known.size !== this.entries.size) await this.writeIndex();
    else this.indexStamp = fileStamp(this.layout.index);
    this.marks.clearDead(isAlive);
  }

  /** Takes what another process wrote to `library.json`, keeping this process's own unflushed entries. */
  private async mergeIndexFromDisk(): Promise<void> {
    const read = await readIndexFile(this.layout.index).catch(() => ({ status: 'missing' as const }));
    if (read.status === 'ok') {
      for (const entry of read.index.articles) {
        if (this.dirty.has(entry.id)) continue;
        this.entries.set(entry.id, entry);
      }
    }
    // Our dirty entries may be older than a change another process made since.
    for (const id of this.dirty) {
      const mine = this.entries.get(id);
      if (!mine || sameStamp(mine.stamp, this.stamp(id))) continue;
      const fresh = await this.freshEntry(id);
      if (fresh) this.entries.set(id, fresh);
    }
    this.indexStamp = fileStamp(this.layout.index);
  }

  /** An entry read from an article folder, or null when the folder holds no readable article. */
  private async freshEntry(articleId: string): Promise<IndexEntry | null> {
    try {
      const article = await this.readArticle(articleId);
      const highlights = await this.readHighlights(articleId);
      return indexEntryOf(article, highlights, this.stamp(articleId));
    } catch (error) {
      if (error instanceof MarginaliaError) return null; // damaged beyond repair, or an import cut short
      throw error;
    }
  }
}
