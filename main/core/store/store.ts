import { mkdir, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { MarginaliaError } from '../../../shared/contract/errors.js';
import { join } from 'node:path';
import type { Article, Highlight } from '../../../shared/model.js';
import { Backups } from './backups.js';
import {
  indexEntryOf,
  withHighlight,
  type HighlightsFile,
  type IndexEntry,
  type Stamp,
} from './files.js';
import { writeArticleFolder, writeArticleVersion, writeRenamedArticle } from './article-files.js';
import { FolderLock, isAlive } from './folder-lock.js';
import { ARTICLE_DIR_NAME, Layout } from './layout.js';
import { fileStamp, readIndexFile, reconcileEntries, sameEntry, sameStamp, writeIndexFile } from './library-index.js';
import { appendToJournal, changesBetween, type HighlightChange } from './journal.js';
import { foldSteps } from './fold.js';
import type { Device, SyncRecord } from '../sync/index.js';
import { ChangeRecords } from './change-records.js';
import { deviceFilePath, fileKeeper } from '../sync/device-file.js';
import { renameDevice, thisDevice, type DeviceId, type DeviceKeeper } from '../sync/index.js';
import { hostname } from 'node:os';
import { withRecords, type SyncState } from './synced-read.js';
import { prepareDeviceFolder } from './device-folder.js';
import { DeviceNames, type SeenDevice } from './device-names.js';
import { migrateLegacyArticles } from './migrate-layout.js';
import { DirtyMarks } from './dirty-marks.js';
import { quarantine, snapshotLooksCurrent } from './read-file.js';
import { RecoveryLog, recoveryOf, type Recovery } from './recoveries.js';
import { CachedReads } from './cached-reads.js';
import { emptyTrash, listTrashed, moveBack, moveToTrash } from './trash.js';
import { entryInFolder } from './trashed-entry.js';
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
  /** Every repair: this process's, and (on disk) those of other processes; see recoveries.ts. */
  readonly recoveryLog: RecoveryLog;
  private readonly lock: FolderLock;
  private readonly backups: Backups;
  private entries = new Map<string, IndexEntry>();
  /** Article folders whose article cannot be read, with why; listed, never written to `library.json`. */
  private unavailable = new Map<string, IndexEntry>();
  /** Entries changed here and not yet in `library.json`. */
  private readonly dirty = new Set<string>();
  /** The stamp of `library.json` as this process last read or wrote it. */
  private indexStamp: Stamp | null = null;
  private flushTimer: NodeJS.Timeout | undefined;
  /** When the oldest change not yet in `library.json` was made. */
  private firstDirtyAt: number | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** Articles whose journal this process wrote and has not folded yet. */
  private readonly entryListeners = new Set<(articleId: string) => void>();
  private readonly highlightListeners = new Set<(articleId: string, changes: HighlightChange[]) => void>();
  private readonly journaled = new Set<string>();
  private readonly marks: DirtyMarks;
  private closing = false;
  private readonly reads: CachedReads;
  /** Whether the library had no `library.json` when opened: never used (or its index was lost). */
  isNew = false;

  /** The records of changes made here, stamped after everything this device has read. */
  private readonly recorder: ChangeRecords;
  /** The names of the devices that write to this library. */
  private readonly names: DeviceNames;
  /** The device file this store's device comes from (absent when the device was given). */
  private ownDeviceFile: DeviceKeeper | undefined;
  /** Articles whose folder holds conflict copies or version 2's journal: folded at the next flush, whatever their size. */
  private readonly foldWanted = new Set<string>();
  /** Articles another process or device changed, taken in without noticeChanges: it returns them next. */
  private readonly untold = new Set<string>();

  private constructor(
    dataDir: string,
    readonly device: Device,
  ) {
    this.layout = new Layout(dataDir, device.id);
    // The lock serialises this device's processes (the app and the CLI); another device's never reach this disk.
    this.lock = new FolderLock(this.layout.deviceDir);
    this.backups = new Backups(this.layout.backupsDir);
    this.marks = new DirtyMarks(join(this.layout.deviceDir, '.dirty'));
    this.recorder = new ChangeRecords(device.id);
    this.names = new DeviceNames(this.layout, device, () => this.reads.forgetAllHighlights());
    this.recoveryLog = new RecoveryLog(this.layout.recoveryLog);
    this.reads = new CachedReads(
      this.layout,
      { layout: this.layout, backups: this.backups, log: this.recoveryLog, underLock: (repair) => this.lock.run(repair) },
      undefined,
      (articleId) => {
        this.foldWanted.add(articleId);
        this.scheduleFlush();
      },
      (device) => this.names.nameNow(device),
      (sync) => this.names.checkClocks(sync.latestWrite, Date.now()),
    );
  }

  /** What was repaired since the store was opened, oldest first. */
  get recoveries(): readonly Recovery[] {
    return this.recoveryLog.made;
  }

  /**
   * Opens a library folder: creates it, migrates older layouts, and brings
   * the index up to date. `device` is which device this is; by default the
   * one the device file outside the library names (see sync/device-file.ts).
   */
  static async open(dataDir: string, options: { device?: Device } = {}): Promise<Store> {
    const keeper = options.device ? undefined : fileKeeper(deviceFilePath());
    const store = new Store(dataDir, options.device ?? (await thisDevice(keeper!, hostname())));
    store.ownDeviceFile = keeper;
    store.isNew = !existsSync(store.layout.devicesDir) && !existsSync(store.layout.legacyIndex);
    await mkdir(store.layout.articlesDir, { recursive: true }).catch((error: unknown) => {
      throw storageError(error);
    });
    await prepareDeviceFolder(store.layout).catch((error: unknown) => {
      throw storageError(error);
    });
    await store.names.list(); // the names of the devices, before anything read shows one
    await store.lock.run(async () => {
      // Writes happen only under this lock, so any temp file left is from a process that died mid-write.
      await rm(store.layout.tempDir, { recursive: true, force: true });
      await mkdir(store.layout.tempDir, { recursive: true });
      const migrated = await migrateLegacyArticles(store.layout);
      for (const recovery of migrated.recoveries) await store.recoveryLog.record(recovery);
      await store.loadIndex();
    });
    await store.names.announce().catch((error: unknown) => console.error('[marginalia] writing this device’s name:', error));
    return store;
  }

  get dataDir(): string {
    return this.layout.dataDir;
  }

  /**
   * Index entries of all articles, including changes other processes have
   * flushed and article folders they added or removed; then those that
   * cannot be read (`unavailable` says why).
   */
  async listEntries(): Promise<IndexEntry[]> {
    const onDisk = fileStamp(this.layout.index);
    if (onDisk && !sameStamp(onDisk, this.indexStamp)) {
      await this.flushing.catch(() => {});
      await this.lock.run(() => this.mergeIndexFromDisk());
    }
    const folders = await this.articleFolders();
    const known = (id: string) => this.entries.has(id) || this.unavailable.has(id);
    if (folders.some((id) => !known(id)) || this.entries.size + this.unavailable.size !== folders.length) {
      await this.lock.run(() => this.followFolders());
    }
    return [...this.entries.values(), ...this.unavailable.values()];
  }

  /** Whether the library has any article folder (readable or not). */
  async hasArticleFolders(): Promise<boolean> {
    return (await this.articleFolders()).length > 0;
  }

  /** An article, as its `article.json` is now (a re-import, here or in another process, replaces it). */
  readArticle(articleId: string): Promise<Article> {
    return this.reads.article(articleId, false);
  }

  /**
   * An article's highlights as they are on disk: the snapshot with its
   * journal replayed. The last version this process read or wrote is reused
   * while the files' stamp is unchanged; callers must not mutate it.
   */
  async readHighlights(articleId: string): Promise<HighlightsFile> {
    return (await this.reads.highlightsOf(articleId, false)).file;
  }

  /** Adds a newly imported article; `documentJSON`, when given, is its document already serialised. */
  async addArticle(article: Article, documentJSON?: Uint8Array): Promise<void> {
    await this.lock.run(async () => {
      const highlights = await writeArticleFolder(this.layout, this.backups, article, documentJSON).catch((error: unknown) => {
        throw storageError(error);
      });
      this.reads.remember(article);
      this.setEntry(indexEntryOf(article, highlights, this.reads.stamp(article.id)));
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
      const previous = await this.reads.article(next.id, true);
      const current = await this.readForChange(next.id);
      const file: HighlightsFile = { ...current.file, highlights: [...current.file.highlights] };
      const result = change(file, previous);
      await writeArticleVersion(this.layout, this.backups, previous, next).catch((error: unknown) => {
        this.reads.forgetArticle(next.id);
        throw storageError(error);
      });
      this.reads.remember(next);
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
      const article = await this.reads.article(articleId, true);
      // Files read are shared (cached) and never mutated: the change gets its own
      // array, and replaces a highlight rather than editing it in place.
      const current = await this.readForChange(articleId);
      const file: HighlightsFile = { ...current.file, highlights: [...current.file.highlights] };
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
  private async journalChange(article: Article, current: { file: HighlightsFile; sync: SyncState }, file: HighlightsFile, { entryChanged }: { entryChanged: boolean }): Promise<void> {
    const changes = changesBetween(current.file.highlights, file.highlights);
    const records = changes.map((change) => this.recorder.of(change, current.sync)).filter((r): r is SyncRecord => r !== null);
    if (records.length === 0 && !entryChanged) return;
    if (records.length > 0) await this.appendRecords(article.id, records);
    this.tellHighlights(article.id, changes);
    const stamp = this.reads.stamp(article.id);
    const after = withRecords(current.file, current.sync, records, this.reads.deviceName);
    this.reads.keepHighlights(article.id, stamp, after.file, after.sync);
    this.setEntry(indexEntryOf(article, after.file, stamp));
    if ((stamp?.journal ?? 0) > JOURNAL_FOLD_NOW_BYTES) await this.foldQuietly(article.id);
  }

  /** An article's highlights read for a change (lock held): this device's clock moves past every stamp read. */
  private async readForChange(articleId: string): Promise<{ file: HighlightsFile; sync: SyncState }> {
    const read = await this.reads.highlightsOf(articleId, true);
    this.recorder.observe(read.sync);
    return read;
  }

  /** Appends records to an article's journal, durably; on failure the cached highlights go (the disk decides). */
  private async appendRecords(articleId: string, records: SyncRecord[]): Promise<void> {
    try {
      await this.marks.mark();
      await appendToJournal(this.layout.journal(articleId), records);
    } catch (error) {
      this.reads.forgetHighlights(articleId);
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
      const article = await this.reads.article(articleId, true);
      // Never append to the journal of a snapshot this build cannot read (newer version, damage):
      // unless it plainly starts as ours, read it first, which refuses or repairs it.
      if (!this.reads.cachedHighlights(articleId) && !snapshotLooksCurrent(this.layout.highlights(articleId))) {
        await this.reads.highlightsOf(articleId, true);
      }
      const before = this.reads.stamp(articleId);
      const highlight = make(article);
      const record = this.recorder.creation(highlight);
      await this.appendRecords(articleId, [record]);
      this.tellHighlights(articleId, [{ before: null, after: highlight }]);
      const after = this.reads.stamp(articleId);
      const cached = this.reads.cachedHighlights(articleId);
      if (cached && after && sameStamp(cached.stamp, before)) {
        const next = withRecords(cached.file, cached.sync, [record], this.reads.deviceName);
        this.reads.keepHighlights(articleId, after, next.file, next.sync);
      } else this.reads.forgetHighlights(articleId);
      // The highlight is durable from here on: what follows only keeps caches current, and never fails the change.
      try {
        const entry = this.entries.get(articleId);
        if (entry && sameStamp(entry.stamp, before)) this.setEntry(withHighlight(entry, highlight, after));
        else this.setEntry(indexEntryOf(article, (await this.reads.highlightsOf(articleId, true)).file, after));
      } catch (error) {
        console.error(`[marginalia] updating the index for ${articleId}:`, error);
      }
      if ((after?.journal ?? 0) > JOURNAL_FOLD_NOW_BYTES) await this.foldQuietly(articleId);
      return highlight;
    });
  }

  /**
   * Writes an article's journal into its snapshot (`highlights.json`), keeping
   * the previous snapshot and the journal's changes as backups, and empties
   * the journal (see fold.ts). Call with the lock held.
   */
  private async fold(articleId: string): Promise<void> {
    this.reads.forgetHighlights(articleId); // read the parts afresh, under the lock
    const { parts, sync } = await this.reads.highlightsOf(articleId, true);
    this.recorder.observe(sync);
    const { steps, next } = foldSteps(this.layout, this.backups, parts!.snapshot, parts!.folder);
    try {
      for (const step of steps) await step.run();
    } catch (error) {
      this.reads.forgetHighlights(articleId);
      throw storageError(error);
    }
    this.journaled.delete(articleId);
    // Its own read saw the copies it has just set aside: nothing is left to fold.
    this.foldWanted.delete(articleId);
    this.reads.forgetHighlights(articleId);
    const stamp = this.reads.stamp(articleId);
    // Counted from the file just folded (read under the lock), not from what this process remembered.
    this.setEntry(indexEntryOf(await this.reads.article(articleId, true), next, stamp));
  }

  /** Folds a journal after a change was acknowledged: a failure here loses nothing, so it is logged, not thrown. */
  private async foldQuietly(articleId: string): Promise<void> {
    await this.fold(articleId).catch((error) => console.error(`[marginalia] folding the journal of ${articleId}:`, error));
  }

  /** Writes pending index changes now. */
  flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    // One failed flush must not block every later one: the next attempt starts afresh.
    this.flushing = this.flushing.catch(() => {}).then(async () => {
      if (this.dirty.size === 0 && this.journaled.size === 0 && this.foldWanted.size === 0) return;
      await this.lock.run(async () => {
        for (const id of [...this.foldWanted]) {
          this.foldWanted.delete(id);
          if (existsSync(this.layout.articleDir(id))) await this.foldQuietly(id);
        }
        for (const id of [...this.journaled]) {
          // Deleted (moved to the trash) since, here or by another process: its journal went with it.
          if (!existsSync(this.layout.articleDir(id))) {
            this.journaled.delete(id);
            continue;
          }
          if ((this.reads.stamp(id)?.journal ?? 0) > JOURNAL_FOLD_IDLE_BYTES || this.closing) await this.fold(id);
        }
        await this.mergeIndexFromDisk();
        await this.writeIndex();
      });
    });
    return this.flushing;
  }

  /**
   * Deletes an article: its folder goes whole into the trash, from where
   * restoreArticle brings it back (see trash.ts). Not found if it is not in the library.
   */
  async trashArticle(articleId: string, at: Date): Promise<void> {
    await this.lock.run(async () => {
      if (!ARTICLE_DIR_NAME.test(articleId) || !existsSync(this.layout.articleDir(articleId))) {
        throw new MarginaliaError('not-found', `No article with id ${articleId}.`);
      }
      await moveToTrash(this.layout, articleId, at).catch((error: unknown) => {
        throw storageError(error);
      });
      this.journaled.delete(articleId);
      this.reads.forgetArticle(articleId);
      this.reads.forgetHighlights(articleId);
      this.entries.delete(articleId);
      this.unavailable.delete(articleId);
      this.markDirty(articleId);
    });
  }

  /** Brings an article back from the trash, as it was; not found if it is not there. */
  async restoreArticle(articleId: string): Promise<IndexEntry> {
    return this.lock.run(async () => {
      const moved = await moveBack(this.layout, articleId).catch((error: unknown) => {
        throw storageError(error);
      });
      if (!moved) throw new MarginaliaError('not-found', `No article with id ${articleId} in the trash.`);
      const entry = await this.reads.entry(articleId);
      if (!entry) throw new MarginaliaError('not-found', `No article with id ${articleId}.`);
      if (entry.unavailable !== undefined) this.unavailable.set(articleId, entry);
      else this.setEntry(entry);
      return entry;
    });
  }

  /** The articles in the trash, most recently deleted first, each as its article file says (or unavailable). */
  async trashed(): Promise<(IndexEntry & { trashedAt?: string })[]> {
    const listed: (IndexEntry & { trashedAt?: string })[] = [];
    for (const { articleId, dir, trashedAt } of await listTrashed(this.layout)) {
      const entry = await entryInFolder(dir, articleId, this.device.id);
      listed.push({ ...entry, ...(trashedAt ? { trashedAt } : {}) });
    }
    return listed;
  }

  /** Removes the articles in the trash for good; how many there were. */
  emptyTrash(): Promise<number> {
    return this.lock.run(() => emptyTrash(this.layout).catch((error: unknown) => Promise.reject(storageError(error))));
  }

  /** Gives an article the reader's own title (a new version of it keeps that title). */
  async renameArticle(articleId: string, title: string): Promise<IndexEntry> {
    return this.lock.run(async () => {
      const article = await this.reads.article(articleId, true);
      const next: Article = { ...article, title, titleSetByReader: true };
      await writeRenamedArticle(this.layout, this.backups, next).catch((error: unknown) => {
        this.reads.forgetArticle(articleId);
        throw storageError(error);
      });
      this.reads.remember(next);
      const { file } = await this.reads.highlightsOf(articleId, true);
      const entry = indexEntryOf(next, file, this.reads.stamp(articleId));
      this.setEntry(entry);
      return entry;
    });
  }

  /** Folds journals and writes the index; call before the process exits (if it dies instead, the next open catches up). */
  async close(): Promise<void> {
    this.closing = true;
    await this.flush();
  }

  /** Every device that writes to this library (its folder under `devices/`), this one first. */
  devices(): Promise<SeenDevice[]> {
    return this.names.list();
  }

  /** Renames this device (kept in its device file, and told to the others through the library). */
  async renameDevice(name: string): Promise<Device> {
    const renamed = this.ownDeviceFile ? await renameDevice(this.ownDeviceFile, name, hostname()) : { id: this.device.id, name: name.trim() || this.device.name };
    (this as { device: Device }).device = renamed;
    await this.names.announce(renamed).catch((error: unknown) => {
      throw storageError(error);
    });
    return renamed;
  }

  /** Who changed each highlight of an article last, and when (their own clock). */
  async highlightAuthors(articleId: string): Promise<Map<string, { device: DeviceId; deviceName: string; changedAt: string }>> {
    const { sync } = await this.reads.highlightsOf(articleId, false);
    const authors = new Map<string, { device: DeviceId; deviceName: string; changedAt: string }>();
    for (const [id, merged] of sync.merged) {
      authors.set(id, { device: merged.changedBy, deviceName: await this.names.nameOf(merged.changedBy), changedAt: merged.highlight.updatedAt });
    }
    return authors;
  }

  /**
   * Looks for changes another device (through the sync engine) or another
   * process made to the article folders since this store last looked: new,
   * changed (a journal line, a fold, a conflict copy) and removed folders.
   * What changed is read again and told to the onEntryChanged listeners;
   * conflict copies found are merged and set aside by a fold. Returns the ids
   * of the articles that changed. `articleIds` limits the look to those.
   */
  async noticeChanges(articleIds?: readonly string[]): Promise<string[]> {
    await this.names.list(); // a device seen for the first time, or renamed, before what it wrote is shown
    const folders = new Set(await this.articleFolders());
    // Changes of others taken in on the way (an index flush, a listing), not returned by a look yet.
    const changed: string[] = [...this.untold];
    this.untold.clear();
    const ids = articleIds ? articleIds.filter((id) => ARTICLE_DIR_NAME.test(id)) : [...new Set([...folders, ...this.entries.keys(), ...this.unavailable.keys()])];
    for (const [n, id] of ids.entries()) {
      // A look at every folder of a large library is thousands of stat calls: let other work in between.
      if (n % 256 === 255) await new Promise((resolve) => setImmediate(resolve));
      const known = this.entries.get(id) ?? this.unavailable.get(id);
      if (!folders.has(id)) {
        if (!known) continue;
        await this.lock.run(async () => {
          this.entries.delete(id);
          this.unavailable.delete(id);
          this.reads.forgetHighlights(id);
          this.reads.forgetArticle(id);
          this.markDirty(id);
        });
        changed.push(id);
        continue;
      }
      const stamp = this.reads.stamp(id);
      if (known && known.unavailable === undefined && sameStamp(known.stamp, stamp)) continue;
      const fresh = await this.lock.run(() => this.reads.entry(id));
      if (!fresh) continue; // not arrived whole yet
      if (sameEntry(known, fresh)) continue;
      if (fresh.unavailable !== undefined) {
        this.entries.delete(id);
        this.unavailable.set(id, fresh);
        for (const listener of this.entryListeners) listener(id);
      } else this.setEntry(fresh);
      changed.push(id);
    }
    if (this.foldWanted.size > 0) await this.flush();
    return [...new Set(changed)];
  }

  /**
   * An entry changed by another process or device, taken in without a look
   * (a flush merging the index from disk, a listing following the folders):
   * its listeners are told now, and the next noticeChanges returns it.
   */
  private changedOutside(articleId: string): void {
    this.untold.add(articleId);
    for (const listener of this.entryListeners) listener(articleId);
  }

  private setEntry(entry: IndexEntry): void {
    if (sameEntry(this.entries.get(entry.id), entry)) return;
    this.entries.set(entry.id, entry);
    this.markDirty(entry.id);
  }

  /**
   * Hears each change of highlights written here: for one article, each
   * highlight as it was and as it is now (null: not there). Called once the
   * change is durable; what undo records.
   */
  onHighlightsChanged(listener: (articleId: string, changes: HighlightChange[]) => void): () => void {
    this.highlightListeners.add(listener);
    return () => this.highlightListeners.delete(listener);
  }

  private tellHighlights(articleId: string, changes: HighlightChange[]): void {
    if (changes.length > 0) for (const listener of this.highlightListeners) listener(articleId, changes);
  }

  /** Hears each article whose index entry changed here (a write, or a change found on disk); returns the function that stops it. */
  onEntryChanged(listener: (articleId: string) => void): () => void {
    this.entryListeners.add(listener);
    return () => this.entryListeners.delete(listener);
  }

  /** Schedules the index write for a changed (or removed) entry, and tells who listens. */
  private markDirty(articleId: string): void {
    for (const listener of this.entryListeners) listener(articleId);
    this.dirty.add(articleId);
    this.scheduleFlush();
  }

  /** Schedules the next flush: when changes pause, or at the latest INDEX_MAX_DELAY_MS after the first one not flushed. */
  private scheduleFlush(): void {
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
   * index was written are re-read, missing ones added, vanished ones dropped,
   * and folders whose article cannot be read listed as unavailable.
   */
  private async loadIndex(): Promise<void> {
    const read = await readIndexFile(this.layout.index).catch((error) => {
      throw error instanceof FutureVersionError ? storageError(error) : error;
    });
    if (read.status === 'damaged') {
      const moved = await quarantine(this.layout.index, this.layout.quarantineDir);
      await this.recoveryLog.record(recoveryOf(this.layout.index, moved, 'rebuilt from the article folders', read.error.reason, true));
    }
    const known = new Map((read.status === 'ok' ? read.index.articles : []).map((e) => [e.id, e]));
    // No process left changes uncounted: entries can be trusted without looking at each article.
    const trusted = read.status === 'ok' && this.marks.list().length === 0;
    const source = {
      stamp: (id: string) => this.reads.stamp(id),
      hasArticle: (id: string) => fileStamp(this.layout.article(id)) !== null,
      fresh: (id: string) => this.reads.entry(id),
    };
    const { entries, unavailable, changed } = await reconcileEntries(await this.articleFolders(), known, trusted, source);
    this.entries = entries;
    this.unavailable = unavailable;
    if (changed || read.status !== 'ok') await this.writeIndex();
    else this.indexStamp = fileStamp(this.layout.index);
    this.marks.clearDead(isAlive);
  }

  /** The names of the article folders (call freely: one readdir). */
  private async articleFolders(): Promise<string[]> {
    return (await readdir(this.layout.articlesDir)).filter((name) => ARTICLE_DIR_NAME.test(name));
  }

  /** Reads article folders another process added, and forgets removed ones (call with the lock held). */
  private async followFolders(): Promise<void> {
    const folders = new Set(await this.articleFolders());
    for (const id of [...this.entries.keys(), ...this.unavailable.keys()]) {
      if (folders.has(id)) continue;
      this.entries.delete(id);
      this.unavailable.delete(id);
      this.dirty.add(id); // the index is written without it
      this.changedOutside(id);
    }
    for (const id of folders) {
      if (this.entries.has(id) || this.unavailable.has(id)) continue;
      const fresh = await this.reads.entry(id);
      if (fresh?.unavailable !== undefined) this.unavailable.set(id, fresh);
      else if (fresh) this.setEntry(fresh);
      if (fresh) this.changedOutside(id);
    }
  }

  /** Takes what another process wrote to `library.json`, keeping this process's own unflushed entries. */
  private async mergeIndexFromDisk(): Promise<void> {
    const read = await readIndexFile(this.layout.index).catch(() => ({ status: 'missing' as const }));
    if (read.status === 'ok') {
      for (const entry of read.index.articles) {
        if (this.dirty.has(entry.id)) continue;
        const before = this.entries.get(entry.id);
        this.entries.set(entry.id, entry);
        this.unavailable.delete(entry.id);
        if (!sameEntry(before, entry)) this.changedOutside(entry.id);
      }
    }
    // Our dirty entries may be older than a change another process (or device) made since.
    for (const id of this.dirty) {
      const mine = this.entries.get(id);
      if (!mine || sameStamp(mine.stamp, this.reads.stamp(id))) continue;
      const fresh = await this.reads.entry(id);
      if (fresh?.unavailable === undefined && fresh) {
        this.entries.set(id, fresh);
        if (!sameEntry(mine, fresh)) this.changedOutside(id);
      }
    }
    this.indexStamp = fileStamp(this.layout.index);
  }
}
