import { readFile } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import { MarginaliaError } from '../../shared/contract/errors.js';
import type { Request } from '../../shared/contract/schemas.js';
import { describe, type TextIndex } from '../../shared/anchoring/index.js';
import type { Article, ArticleSummary, ArticleWithHighlights, Highlight } from '../../shared/model.js';
import type { CodePointOffset } from '../../shared/offsets.js';
import { Store, type HighlightsFile, type Recovery, type SeenDevice } from './store/index.js';
import type { Device } from './sync/index.js';
import { ChangeFeed, POLL_MS, watchFolder, type Changed, type Changes, type FolderWatch, type FolderWatchOptions } from './watch/index.js';
import { summaryOf } from './article-summary.js';
import { RecentTexts } from './recent-texts.js';
import { importInThisThread, type Importer } from './import/in-worker.js';
import { exportMarkdown, exportFileName } from './export/index.js';
import { newHighlightId } from './ids.js';
import { findSameSource, moveHighlights } from './new-version.js';
import { importedArticle, importedFileName, importOptions, type ImportInput, type ImportResult } from './imported-article.js';
import { LibrarySearch, type SearchAnswer } from './library-search/library-search.js';
import { AllHighlights, type HighlightPage } from './all-highlights.js';
import { findPlace, placeOf, type Passage } from './preferences/reading-place.js';
import { ReadingLog } from './preferences/reading.js';
import { ReaderSettings } from './preferences/settings.js';
import { UndoLog } from './undo/undo-log.js';
import type { HighlightFilter } from '../../shared/highlight-filter.js';
import { importClippings, isClippingsFile, moveOntoBook, movedClippingsNote, type ClippingsLibrary } from './clippings/index.js';
import { countTags, tagsInUse, removeTag, renameTag, restoreTags, type TagCount, type TagRemoved, type TagRenamed, type TagsOfHighlights } from './tags.js';

/** A look at every article folder (the poll) is made again only after this many times its own length. */
const FULL_LOOK_SHARE = 20;

/** Results of each kind a search returns unless asked for another number. */
const DEFAULT_SEARCH_LIMIT = 20;

/** Options for opening a library folder. */
export interface LibraryOptions {
  dataDir: string;
  /** Imported on first open into a library with no article folder at all, so there is something to read. */
  defaultArticlePath?: string;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** Where files are parsed: in this thread unless given (the app parses in a worker, see importInWorker). */
  importer?: Importer;
  /** Which device this is (see main/core/sync/device.ts); read from the device file outside the library unless given. */
  device?: Device;
}

/**
 * The reader's library: articles, highlights, notes and tags, on disk.
 * Every method takes and returns plain data; hosts (Electron, the browser
 * mode, the CLI) only wire it to the outside.
 */
export class Library {
  /** The texts of the articles being read and annotated (see recent-texts.ts). */
  private readonly texts: RecentTexts;
  /** Search over the library, kept in step with it (see library-search.ts). */
  private readonly searcher: LibrarySearch;
  /** The "All highlights" list, kept while the library is unchanged (see all-highlights.ts). */
  private readonly allHighlights: AllHighlights;
  /** When each article was last read, and where (`reading.json`). */
  private readonly reading: ReadingLog;
  /** How the reader wants the page (`settings.json`). */
  readonly settings: ReaderSettings;
  /** The changes to undo and redo (`undo.json`); hosts record the reader's changes in it. */
  readonly undo: UndoLog;
  /** What the library noticed changing from outside (other devices, the CLI), for pages to wait on. */
  private readonly changes = new ChangeFeed();
  /** The watch on the folder, once something follows changes (see followChanges). */
  private watching: FolderWatch | null = null;

  private constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly importer: Importer,
  ) {
    this.texts = new RecentTexts(store);
    this.searcher = new LibrarySearch(store, (articleId) => this.textOf(articleId));
    // The search index follows every change to the library made here, in the same turn as the write.
    store.onEntryChanged(() => this.searcher.follow());
    this.allHighlights = new AllHighlights(store, () => this.severalDevices());
    this.reading = new ReadingLog(store);
    this.settings = new ReaderSettings(store);
    this.undo = new UndoLog(store, this.now);
  }

  /** Opens (creating if needed) the library in `dataDir`. */
  static async open(options: LibraryOptions): Promise<Library> {
    const store = await Store.open(options.dataDir, options.device ? { device: options.device } : {});
    const library = new Library(store, options.now ?? (() => new Date()), options.importer ?? importInThisThread);
    // A folder whose article cannot be read still makes the library not empty: it is listed as unavailable.
    // A library whose reader deleted every article stays empty (its library.json says it was used).
    if (options.defaultArticlePath && store.isNew && !(await store.hasArticleFolders())) {
      const bytes = await readFile(options.defaultArticlePath);
      await library.importFile({ fileName: basename(options.defaultArticlePath), bytes, kind: 'embedded' });
    }
    return library;
  }

  get dataDir(): string {
    return this.store.dataDir;
  }

  /** All articles, most recently imported first; then those that cannot be opened (`unavailable` says why). */
  async listArticles(): Promise<ArticleSummary[]> {
    const reading = await this.reading.all();
    return (await this.store.listEntries())
      .map((entry) => {
        const read = reading.get(entry.id);
        const summary = summaryOf(entry);
        return read ? { ...summary, readAt: read.readAt, ...(read.place && { progress: read.place.progress }) } : summary;
      })
      .sort((a, b) => Number(a.unavailable !== undefined) - Number(b.unavailable !== undefined) || b.importedAt.localeCompare(a.importedAt));
  }

  async getArticle(articleId: string): Promise<ArticleWithHighlights> {
    const article = await this.store.readArticle(articleId);
    const { highlights } = await this.store.readHighlights(articleId);
    return { article, highlights };
  }

  /** An article with where the reader last was in it, found in its current version (see reading-place.ts). */
  async openArticle(articleId: string): Promise<ArticleWithHighlights & { place?: Passage }> {
    const opened = await this.getArticle(articleId);
    const place = (await this.reading.of(articleId))?.place;
    const found = place && findPlace(await this.indexOf(articleId), place);
    return found ? { ...opened, place: found } : opened;
  }

  /** Records that the reader is reading an article now, and where (the first passage on screen), if given. */
  async saveReading(articleId: string, passage?: Passage): Promise<{ readAt: string }> {
    await this.store.readArticle(articleId); // not found: refused, nothing recorded
    const place = passage && placeOf(await this.indexOf(articleId), passage);
    return { readAt: (await this.reading.record(articleId, this.now(), place)).readAt };
  }

  /**
   * Damaged files repaired, for the reader to be told: those this library
   * repaired since it was opened, and those another process (the CLI) or an
   * earlier run repaired and no reader was told of yet. Once returned here,
   * the latter count as told and are not returned by a later start.
   */
  async recoveries(): Promise<Recovery[]> {
    const told = await this.store.recoveryLog.toTell();
    await this.store.recoveryLog.markReported(told);
    return told.map((t) => t.recovery);
  }

  /** Damaged files this library repaired since it was opened (telling no one). */
  recoveriesSinceOpen(): Recovery[] {
    return [...this.store.recoveries];
  }

  /**
   * Follows changes made to the folder from outside this process (another
   * device's, arriving through a sync engine; the CLI's): on each, the store
   * re-reads what changed, the search index and lists follow, and pages
   * waiting in waitForChanges are answered. Hosts need not call it: the
   * first waitForChanges does. Calling it again changes nothing.
   */
  followChanges(options: FolderWatchOptions = {}): void {
    if (this.watching) return;
    const folder = join(this.store.dataDir, 'articles');
    // An event names a path under articles/: its first part is the article's folder, the only one to look at.
    let nextFullLook = 0;
    const look = async (changed: Changed) => {
      if (changed !== 'everything') {
        this.changes.record(await this.store.noticeChanges([...new Set(changed.map((path) => path.split(sep)[0]!))]));
        return;
      }
      // A look at every folder costs stat calls per article (0.4 s for 10,000 here): polls are spaced so that it takes at most 1/20 of the time.
      if (Date.now() < nextFullLook) return;
      const started = Date.now();
      this.changes.record(await this.store.noticeChanges());
      nextFullLook = Date.now() + FULL_LOOK_SHARE * (Date.now() - started);
    };
    this.watching = watchFolder(folder, look, {
      onEventsLost: (error) => console.warn(`[marginalia] no file events for ${folder} (${error.message}): looking for changes every ${POLL_MS / 1000} s instead.`),
      onLookFailed: (error) => console.warn('[marginalia] looking for changes from other devices failed (trying again):', error),
      ...options,
    });
    // What changed between opening and now (a sync engine may have been copying meanwhile).
    void this.watching.lookNow();
  }

  /**
   * Answers as soon as another device or process changed articles after
   * `since` (a version an earlier answer gave), or after about 25 s with
   * none; without `since`, at once, with the version to ask from.
   */
  waitForChanges(since?: number, timeoutMs?: number): Promise<Changes> {
    this.followChanges();
    return this.changes.wait(since, timeoutMs);
  }

  /** This device, and every device that changed this library (this one first), with when each last opened it. */
  async devices(): Promise<{ thisDevice: Device; devices: SeenDevice[] }> {
    return { thisDevice: this.store.device, devices: await this.store.devices() };
  }

  /** Gives this device the name the reader chose (shown on the other devices as the author of its changes). */
  async renameDevice(typed: string): Promise<Device> {
    const name = typed.replace(/\s+/g, ' ').trim();
    if (name.length === 0) throw new MarginaliaError('invalid-request', 'A device needs a name.');
    const renamed = await this.store.renameDevice(name);
    this.allHighlights.forgetAuthors();
    return renamed;
  }

  /** Whether more than one device changed this library: only then is a change's device worth showing. */
  private async severalDevices(): Promise<boolean> {
    return (await this.store.devices()).length > 1;
  }

  /** Writes what is pending (the index); call before the process exits. */
  async close(): Promise<void> {
    // No look at the folder may start on a store being closed; waiting pages are answered.
    await this.watching?.stop();
    this.changes.close();
    await this.importer.close();
    await this.searcher.close();
    await this.reading.close();
    await this.settings.close();
    await this.undo.close();
    await this.store.close();
  }

  /**
   * Imports a file's bytes as a new article, or as the next version of the
   * article from the same source (see findSameSource), whose highlights are
   * then moved to the new text or marked orphaned. The same content again
   * changes nothing. The importer (the worker, in the app) checks the
   * document and derives its text, hash and JSON, so that this thread only
   * assembles and writes them.
   */
  async importFile(input: ImportInput): Promise<ImportResult> {
    const fileName = importedFileName(input);
    // A Kindle's My Clippings.txt is another app's highlights, not an article (whatever its name).
    if (isClippingsFile(input.bytes)) return importClippings(this.clippingsSide(), fileName, input.bytes);
    const prepared = await this.importer.import(fileName, input.bytes, importOptions(input));
    const { content, text } = prepared;
    const article = importedArticle(input, prepared, this.now());
    const same = article.source.kind === 'file' || article.source.kind === 'address' ? findSameSource(await this.listArticles(), article) : undefined;
    if (same) return this.importNewVersion(same, article, text, content.warnings);
    await this.store.addArticle(article, prepared.documentJSON);
    this.texts.keep(article.id, { contentHash: article.contentHash, text });
    // A book whose Kindle clippings were imported first takes them over from their quotes-only article.
    const moved = await moveOntoBook(this.clippingsSide(), article, text);
    if (moved.from.length === 0) return { summary: { ...summaryOf(article), highlightCount: 0 }, warnings: content.warnings };
    return { summary: await this.summaryAfterWrite(article, moved.moved), warnings: [...content.warnings, movedClippingsNote(moved)] };
  }

  /** An article's summary as the library lists it after a write (built from the article if the list lacks it). */
  private async summaryAfterWrite(article: Article, highlightCount: number): Promise<ArticleSummary> {
    return (await this.listArticles()).find((a) => a.id === article.id) ?? { ...summaryOf(article), highlightCount };
  }

  /** What importing Kindle clippings uses of this library. */
  private clippingsSide(): ClippingsLibrary {
    return {
      store: this.store,
      now: this.now,
      listArticles: () => this.listArticles(),
      textOf: (articleId) => this.textOf(articleId),
      indexOf: (articleId) => this.indexOf(articleId),
      keepText: (articleId, contentHash, text) => this.texts.keep(articleId, { contentHash, text }),
      trash: (articleId) => this.deleteArticle(articleId),
    };
  }

  /** A re-import: the existing article gets the new content (unless it is unchanged), keeping its id and tags. */
  private async importNewVersion(existing: ArticleSummary, incoming: Article, text: string, warnings: string[]): Promise<ImportResult> {
    const version = existing.version ?? 1;
    if (existing.contentHash === incoming.contentHash) {
      return { summary: existing, warnings, newVersion: { version, anchored: existing.highlightCount, orphaned: 0, unchanged: true } };
    }
    const oldText = await this.textOf(existing.id);
    const renamed = (await this.store.readArticle(existing.id)).titleSetByReader;
    const next: Article = {
      ...incoming,
      id: existing.id,
      tags: existing.tags,
      version: version + 1,
      ...(renamed && { title: existing.title, titleSetByReader: true as const }),
    };
    const at = this.now().toISOString();
    const moved = await this.store.replaceArticle(next, (file) => {
      const result = moveHighlights(oldText, text, file.highlights, at);
      file.highlights = result.highlights;
      return result;
    });
    this.texts.keep(next.id, { contentHash: next.contentHash, text });
    const summary = await this.summaryAfterWrite(next, moved.highlights.length);
    return { summary, warnings, newVersion: { version: version + 1, anchored: moved.anchored, orphaned: moved.orphaned, unchanged: false } };
  }

  /**
   * Highlights [start, end) of the article text (code points), with both
   * selectors computed here. Ids are 82 random bits: never reused, and no
   * need to read the article's other highlights to add one.
   */
  async createHighlight(request: Request<'createHighlight'>): Promise<Highlight> {
    const { index, start, end } = await this.passage(request.articleId, request.start, request.end);
    const target = describe(index, start, end);
    if (request.id) {
      // The reader chose the id: the same request again (a retry) gets the same highlight, another one a conflict.
      const existing = (await this.store.readHighlights(request.articleId)).highlights.find((h) => h.id === request.id);
      if (existing && existing.target.position.start === target.position.start && existing.target.position.end === target.position.end) return existing;
      if (existing) throw new MarginaliaError('invalid-request', `A highlight with id ${request.id} already exists in this article.`);
    }
    const at = this.now().toISOString();
    return this.store.addHighlight(request.articleId, (article) => ({
      id: request.id ?? newHighlightId(),
      articleId: article.id,
      target,
      color: request.color,
      note: request.note ?? '',
      tags: normaliseTags(request.tags ?? []),
      createdAt: at,
      updatedAt: at,
    }));
  }

  /** Puts a highlight (typically an orphaned one) on a newly selected passage, keeping its note and tags. */
  async reattachHighlight(request: Request<'reattachHighlight'>): Promise<Highlight> {
    const { index, start, end } = await this.passage(request.articleId, request.start, request.end);
    return this.store.changeHighlights(request.articleId, (file) => {
      const old = findHighlight(file, request.highlightId);
      const { orphaned: _, ...kept } = old;
      const highlight: Highlight = { ...kept, target: describe(index, start, end), updatedAt: this.now().toISOString() };
      file.highlights[file.highlights.indexOf(old)] = highlight;
      return highlight;
    });
  }

  /** Checks a selected passage (code points, as the contract carries it) against the article text; UTF-16 offsets. */
  private async passage(articleId: string, cpStart: CodePointOffset, cpEnd: CodePointOffset) {
    const index = await this.indexOf(articleId);
    const start = index.toUtf16(cpStart);
    const end = index.toUtf16(cpEnd);
    if (end <= start || index.toCodePoint(end) !== cpEnd) {
      throw new MarginaliaError('invalid-request', 'The selected passage is outside the article.');
    }
    if (index.text.slice(start, end).trim() === '') {
      throw new MarginaliaError('invalid-request', 'Select some text to highlight.');
    }
    return { index, start, end };
  }

  /** Changes a highlight's colour, note or tags. */
  async updateHighlight(request: Request<'updateHighlight'>): Promise<Highlight> {
    return this.store.changeHighlights(request.articleId, (file) => {
      const found = findHighlight(file, request.highlightId);
      const { noteConflicts, ...old } = found;
      const highlight: Highlight = {
        ...old,
        // A note written now replaces the notes written elsewhere at the same time, which the reader saw beside it.
        ...(request.note === undefined && noteConflicts && { noteConflicts }),
        ...(request.color !== undefined && { color: request.color }),
        ...(request.note !== undefined && { note: request.note }),
        ...(request.tags !== undefined && { tags: normaliseTags(request.tags) }),
        updatedAt: this.now().toISOString(),
      };
      file.highlights[file.highlights.indexOf(found)] = highlight;
      return highlight;
    });
  }

  async deleteHighlight(request: Request<'deleteHighlight'>): Promise<{ deleted: true }> {
    return this.store.changeHighlights(request.articleId, (file) => {
      findHighlight(file, request.highlightId);
      file.highlights = file.highlights.filter((h) => h.id !== request.highlightId);
      return { deleted: true as const };
    });
  }

  /** Every tag in use (on articles and highlights), most used first. */
  async listTags(): Promise<string[]> {
    return tagsInUse(await this.store.listEntries());
  }

  /** Gives an article the reader's own title; a new version of it imported later keeps it. */
  async renameArticle(articleId: string, typed: string): Promise<ArticleSummary> {
    const title = typed.replace(/\s+/g, ' ').trim();
    if (title.length === 0) throw new MarginaliaError('invalid-request', 'An article needs a title.');
    return summaryOf(await this.store.renameArticle(articleId, title));
  }

  /** Deletes an article: it goes to the trash, with its highlights, until restored or the trash is emptied. */
  async deleteArticle(articleId: string): Promise<{ trashed: true }> {
    await this.store.trashArticle(articleId, this.now());
    this.texts.forget(articleId);
    return { trashed: true };
  }

  /** The articles in the trash, most recently deleted first. */
  async listTrash(): Promise<(ArticleSummary & { trashedAt?: string })[]> {
    return (await this.store.trashed()).map((entry) => ({ ...summaryOf(entry), ...(entry.trashedAt ? { trashedAt: entry.trashedAt } : {}) }));
  }

  /** Brings an article back from the trash with its highlights, as it was. */
  async restoreArticle(articleId: string): Promise<ArticleSummary> {
    return summaryOf(await this.store.restoreArticle(articleId));
  }

  /** Removes the articles in the trash for good. */
  async emptyTrash(): Promise<{ removed: number }> {
    return { removed: await this.store.emptyTrash() };
  }

  /** Searches the whole library (see main/core/search/query.ts for what a query may say). */
  search(query: string, limit = DEFAULT_SEARCH_LIMIT): Promise<SearchAnswer> {
    return this.searcher.search(query, limit);
  }

  /** A page of every highlight in the library that `filter` keeps, by article, in document order within each. */
  listHighlights(filter: HighlightFilter, offset: number, limit: number): Promise<HighlightPage> {
    return this.allHighlights.page(filter, offset, limit);
  }

  /** The search index after the changes made so far (for tests and hosts that wait on it). */
  searchSettled(): Promise<void> {
    return this.searcher.settled();
  }

  /** Whether the search index has an article as it is now. */
  searchIsCurrent(articleId: string): Promise<boolean> {
    return this.searcher.isCurrent(articleId);
  }

  /** Brings the search index up to date now (the app calls it after start, so the first search is quick). */
  prepareSearch(): Promise<void> {
    return this.searcher.prepare();
  }

  /** Every tag on a highlight, with how many highlights and articles carry it, most used first. */
  async tagCounts(): Promise<TagCount[]> {
    return countTags(await this.store.listEntries());
  }

  /** Renames a tag (and those nested under it) on every highlight; onto a tag in use, merges them. */
  renameTag(from: string, to: string): Promise<TagRenamed> {
    return renameTag(this.store, from, to, this.now);
  }

  /** Removes a tag (and those nested under it) from every highlight; the answer undoes it through restoreTags. */
  removeTag(tag: string): Promise<TagRemoved> {
    return removeTag(this.store, tag, this.now);
  }

  /** Puts back tags that removeTag took off. */
  restoreTags(restore: readonly TagsOfHighlights[]): Promise<{ highlights: number }> {
    return restoreTags(this.store, restore, this.now);
  }

  /** The article's highlights and notes as Markdown, and a file name for it. */
  async exportMarkdown(articleId: string): Promise<{ fileName: string; markdown: string }> {
    const { article, highlights } = await this.getArticle(articleId);
    return {
      fileName: exportFileName(article),
      markdown: exportMarkdown(article, highlights, { exportedAt: this.now(), colorNames: (await this.settings.get()).colorNames }),
    };
  }

  /** The article's text, as selectors address it. */
  textOf(articleId: string): Promise<string> {
    return this.texts.textOf(articleId);
  }

  /** The article's text, indexed for anchoring (built once per article). */
  indexOf(articleId: string): Promise<TextIndex> {
    return this.texts.indexOf(articleId);
  }
}

function findHighlight(file: HighlightsFile, highlightId: string): Highlight {
  const highlight = file.highlights.find((h) => h.id === highlightId);
  if (!highlight) throw new MarginaliaError('not-found', `No highlight with id ${highlightId} in this article.`);
  return highlight;
}

/** Tags are kept once each, in the order given, without a leading '#'. */
function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().replace(/^#+/, '')).filter((t) => t.length > 0))];
}

/** Opens the library in a folder (creating it, and importing the default article, on first use). */
export const openLibrary = (options: LibraryOptions): Promise<Library> => Library.open(options);
