import { MarginaliaError } from '../../../shared/contract/errors.js';
import type { Article } from '../../../shared/model.js';
import { journalName } from '../sync/index.js';
import { indexEntryOf, type HighlightsFile, type IndexEntry, type Stamp } from './files.js';
import type { Layout } from './layout.js';
import { fileStamp, sameStamp } from './library-index.js';
import { highlightsStamp } from './article-records.js';
import { mergeFolder, readFolderRecords, type DeviceName, type FolderRecords, type SyncState } from './synced-read.js';
import { readArticleRepairing, readJournalRepairing, type RepairContext } from './repair.js';
import { readSnapshotRepairing } from './snapshot-recovery.js';
import { ArticleUnavailableError } from './store-errors.js';
import { unavailableEntry } from './unavailable.js';

/** An article's highlights, what the merge knows of them, and when read afresh the files they came from. */
export interface HighlightsRead {
  file: HighlightsFile;
  sync: SyncState;
  parts?: { snapshot: HighlightsFile; folder: FolderRecords };
}

/** How much of the library's article files stay parsed in memory: a few books' worth. */
export const ARTICLE_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * The store's reads of articles and their highlights: each file read from
 * disk (damaged ones repaired on the way, see repair.ts) and kept while its
 * stamp is unchanged, so that a change made by another process is always
 * seen. `held` says whether the caller holds the folder lock, which a
 * repair takes.
 */
export class CachedReads {
  /**
   * Articles read or written here, with the stamp their file had then, the
   * most recently used last; at most `articleBudget` bytes of article files
   * (or the one in use, alone, when it is larger).
   * Unbounded, a library's every book stayed parsed in the heap, and every
   * major garbage collection of the thread serving the windows marked it.
   */
  private readonly articles = new Map<string, { article: Article; stamp: Stamp | null }>();
  private articleBytes = 0;
  /** The highlights this process last read or wrote, with the stamp their files had then. */
  private readonly highlights = new Map<string, { stamp: Stamp; file: HighlightsFile; sync: SyncState }>();

  constructor(
    private readonly layout: Layout,
    private readonly repair: RepairContext,
    /** The most bytes of article files kept parsed. */
    private readonly articleBudget = ARTICLE_CACHE_BYTES,
    /** Told of an article whose folder a fold should tidy: conflict copies to merge and set aside, version 2's journal. */
    private readonly foldWanted: (articleId: string) => void = () => {},
    /** The name the reader knows a device by (a note written on it at the same time as another is shown with it). */
    readonly deviceName: DeviceName = (id) => id,
    /** Told what each fresh read found (the devices' clocks are checked on it). */
    private readonly read: (sync: SyncState) => void = () => {},
  ) {}

  /** Bytes of the article files kept parsed now: within the budget, or one article larger than it alone. */
  get cachedArticleBytes(): number {
    return this.articleBytes;
  }

  /** The stamp of an article's highlights (snapshot and journal). */
  stamp(articleId: string): Stamp | null {
    return highlightsStamp(this.layout.articleDir(articleId), this.layout.highlights(articleId), journalName(this.layout.device), this.layout.article(articleId));
  }

  /** An article as its `article.json` is now. */
  async article(articleId: string, held: boolean): Promise<Article> {
    const cached = this.articles.get(articleId);
    if (cached && sameStamp(cached.stamp, fileStamp(this.layout.article(articleId)))) {
      this.forgetArticle(articleId);
      this.keep(articleId, cached);
      return cached.article;
    }
    const article = await readArticleRepairing(this.repairs(held), articleId);
    this.remember(article);
    return article;
  }

  /** Keeps an article just read or written, while it fits; the least recently used give way. */
  remember(article: Article): void {
    this.forgetArticle(article.id);
    this.keep(article.id, { article, stamp: fileStamp(this.layout.article(article.id)) });
  }

  forgetArticle(articleId: string): void {
    const cached = this.articles.get(articleId);
    if (!cached) return;
    this.articles.delete(articleId);
    this.articleBytes -= cached.stamp?.size ?? 0;
  }

  /**
   * Keeps an article as the most recently used. The least recently used
   * give way until it fits; one larger than the whole budget is kept alone,
   * since it is the article in use (each change to its highlights reads it).
   */
  private keep(articleId: string, entry: { article: Article; stamp: Stamp | null }): void {
    if (entry.stamp === null) return;
    const size = entry.stamp.size;
    for (const [oldest] of this.articles) {
      if (this.articleBytes + size <= this.articleBudget) break;
      this.forgetArticle(oldest);
    }
    this.articles.set(articleId, entry);
    this.articleBytes += size;
  }

  /**
   * An article's highlights: the records of its snapshot, of every device's
   * journal and of any conflict copy, merged (see synced-read.ts). Callers
   * must not mutate the file.
   */
  async highlightsOf(articleId: string, held: boolean): Promise<HighlightsRead> {
    await this.article(articleId, held); // not-found for unknown ids
    const stamp = this.stamp(articleId);
    const cached = this.highlights.get(articleId);
    if (cached && sameStamp(cached.stamp, stamp)) return { file: cached.file, sync: cached.sync };
    const repairs = this.repairs(held);
    const read = await readSnapshotRepairing(repairs, articleId);
    const own = await readJournalRepairing(repairs, articleId);
    const { snapshot, folder } = await readFolderRecords(this.layout, articleId, read, own);
    const { file, sync } = mergeFolder(snapshot, folder, this.deviceName);
    if (folder.copies.length + folder.unreadableCopies.length + folder.articleCopies.length > 0 || folder.legacyJournal) this.foldWanted(articleId);
    this.read(sync);
    const after = this.stamp(articleId);
    if (after && sameStamp(after, stamp)) this.highlights.set(articleId, { stamp: after, file, sync });
    return { file, sync, parts: { snapshot, folder } };
  }

  /** The highlights kept for an article, with the stamp their files had then. */
  cachedHighlights(articleId: string): { stamp: Stamp; file: HighlightsFile; sync: SyncState } | undefined {
    return this.highlights.get(articleId);
  }

  /** Keeps highlights just written, under the stamp their files have now (nothing is kept without one). */
  keepHighlights(articleId: string, stamp: Stamp | null, file: HighlightsFile, sync: SyncState): void {
    if (stamp) this.highlights.set(articleId, { stamp, file, sync });
    else this.highlights.delete(articleId);
  }

  /** Forgets every article's highlights (they show device names, and one changed). */
  forgetAllHighlights(): void {
    this.highlights.clear();
  }

  /** Forgets an article's highlights (after a failed write the disk decides). */
  forgetHighlights(articleId: string): void {
    this.highlights.delete(articleId);
  }

  /**
   * The index entry of an article folder (call with the lock held): null when
   * it holds no article (an import cut short), an unavailable entry when its
   * article cannot be read.
   */
  async entry(articleId: string): Promise<IndexEntry | null> {
    try {
      const article = await this.article(articleId, true);
      const { file } = await this.highlightsOf(articleId, true);
      return indexEntryOf(article, file, this.stamp(articleId));
    } catch (error) {
      if (error instanceof ArticleUnavailableError) return unavailableEntry(this.layout, articleId, error.reason);
      if (error instanceof MarginaliaError && error.code === 'not-found') return null;
      if (error instanceof MarginaliaError) return unavailableEntry(this.layout, articleId, error.message);
      throw error;
    }
  }

  /** The repair context for a caller that holds the lock already (a repair then runs at once) or not. */
  private repairs(held: boolean): RepairContext {
    return held ? { ...this.repair, underLock: (repair) => repair() } : this.repair;
  }
}
