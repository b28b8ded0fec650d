import { join } from 'node:path';
import type { Response, Snippet as SnippetShown } from '../../../shared/contract/schemas.js';
import type { Highlight } from '../../../shared/model.js';
import { codePoints } from '../../../shared/offsets.js';
import { DamagedSearchIndexError, SearchIndex, snippet, type AsyncSearchTexts, type SearchResults, type Snippet } from '../search/index.js';
import type { IndexEntry, Store } from '../store/index.js';
import { sameStamp } from '../store/library-index.js';
import { quarantine } from '../store/read-file.js';
import { recoveryOf } from '../store/recoveries.js';
import { nextTurn, runInPieces } from '../in-pieces.js';
import { ArticleTexts } from './article-texts.js';
import { readSearchFile, writeSearchFile, type IndexedArticle } from './search-file.js';

/** The index file is written when changes pause this long, or at the latest this long after the first. */
const WRITE_IDLE_MS = 2000;
const WRITE_MAX_DELAY_MS = 15_000;
/** Characters of context each side of the words in a snippet. */
const SNIPPET_AROUND = 60;
/** Code points read around an article hit's passage for its snippet. */
const PASSAGE_MARGIN = 200;

export type SearchAnswer = Response<'search'>;

/**
 * Search over the library, kept in step with it. The index (see
 * main/core/search) is a cache, like `library.json`: `search/index.json`
 * records, for each article, the hash of its text, the stamp of its
 * highlights files and each highlight's last change. Before answering, every
 * article whose text, fields or highlights changed since — here, in the CLI,
 * by a re-import, a tag rename, a deletion — is indexed again, and only
 * that. A missing or damaged file is rebuilt from the articles.
 */
export class LibrarySearch {
  private index: SearchIndex | null = null;
  private readonly indexed = new Map<string, IndexedArticle>();
  private opening: Promise<SearchIndex> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly texts: ArticleTexts;
  private writeTimer: NodeJS.Timeout | undefined;
  private firstUnwrittenAt: number | undefined;
  private followQueued = false;

  constructor(
    private readonly store: Store,
    private readonly articleText: (articleId: string) => Promise<string>,
  ) {
    this.texts = new ArticleTexts(join(this.dir, 'texts'), articleText, store.layout.tempDir);
  }

  private get dir(): string {
    // Derived from the library, so each device builds its own (in its own folder: never written by two devices).
    return join(this.store.layout.deviceDir, 'search');
  }

  private get file(): string {
    return join(this.dir, 'index.json');
  }

  /** Brings the index up to date with the library (opening or building it first), without searching. */
  prepare(): Promise<void> {
    return this.serially(() => this.catchUp().then(() => undefined));
  }

  /**
   * After a change made here (a highlight written, an article imported):
   * brings an index that is open up to date with it now, behind the change,
   * so that the index on disk follows the store's writes and the next search
   * has nothing to catch up. A process that never searched (the CLI adding a
   * highlight) builds no index for it; the next search catches up then.
   */
  follow(): void {
    // Many changes at once (a tag renamed across the library) share one catch-up not yet started.
    if (!this.index || this.followQueued) return;
    this.followQueued = true;
    void this.serially(() => {
      this.followQueued = false;
      return this.catchUp();
    }).catch((error: unknown) => {
      console.warn('[marginalia] search: the index did not follow a change:', (error as Error).message);
    });
  }

  /** Resolves when what was asked of the index so far (changes followed, searches) is done. */
  settled(): Promise<void> {
    return this.serially(async () => {});
  }

  /** Whether the index has an article as it is now (its text, fields and highlights): false when it would be indexed again. */
  async isCurrent(articleId: string): Promise<boolean> {
    const entry = (await this.store.listEntries()).find((e) => e.id === articleId);
    const known = this.indexed.get(articleId);
    return !!entry && !!known && known.contentHash === entry.contentHash && known.fields === fieldsOf(entry) && sameStamp(known.stamp, entry.stamp);
  }

  /** Searches the library (see main/core/search/query.ts for the query language). */
  search(query: string, limit: number): Promise<SearchAnswer> {
    return this.serially(async () => {
      const index = await this.catchUp();
      let results: SearchResults;
      try {
        results = await index.searchAsync(query, { limit, texts: this.phraseTexts() });
      } catch (error) {
        // A word list damaged on disk is found only when a query first reads it: rebuild, then answer.
        if (!(error instanceof DamagedSearchIndexError)) throw error;
        await this.rebuildAfter(error.message);
        results = await (await this.catchUp()).searchAsync(query, { limit, texts: this.phraseTexts() });
      }
      return this.answer(results, limit);
    });
  }

  /** Writes the index if it changed; call before the process exits. */
  async close(): Promise<void> {
    clearTimeout(this.writeTimer);
    await this.serially(() => this.write());
  }

  private serially<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => {}).then(run);
    this.queue = next;
    return next;
  }

  /** The index, with every article that changed since it was last brought up to date indexed again. */
  private async catchUp(): Promise<SearchIndex> {
    const index = await this.opened();
    const entries = (await this.store.listEntries()).filter((e) => e.unavailable === undefined);
    const present = new Set(entries.map((e) => e.id));
    let changed = false;
    for (const id of [...this.indexed.keys()]) {
      if (present.has(id)) continue;
      index.removeArticle(id);
      this.indexed.delete(id);
      await this.texts.forget(id);
      changed = true;
    }
    for (const entry of entries) {
      const known = this.indexed.get(entry.id);
      if (known && known.contentHash === entry.contentHash && known.fields === fieldsOf(entry) && sameStamp(known.stamp, entry.stamp)) continue;
      // One article at a time, a turn between: indexing a whole library never holds the thread.
      await nextTurn();
      changed = (await this.reindex(index, entry, known).catch((error: unknown) => {
        // An article that cannot be read now (repaired, deleted meanwhile) is indexed at the next search.
        console.warn(`[marginalia] search: ${entry.id} not indexed:`, (error as Error).message);
        return false;
      })) || changed;
    }
    if (changed) this.scheduleWrite();
    return index;
  }

  /**
   * Indexes one article again: its fields and text if they changed, and the
   * highlights that changed. True when the index changed (a stamp alone
   * changes when a journal is folded in, and then nothing else may have).
   */
  private async reindex(index: SearchIndex, entry: IndexEntry, known: IndexedArticle | undefined): Promise<boolean> {
    const fields = fieldsOf(entry);
    let changed = false;
    if (!known || known.contentHash !== entry.contentHash || known.fields !== fields) {
      changed = true;
      const text = await this.articleText(entry.id);
      const article = { id: entry.id, title: entry.title, byline: entry.byline, siteName: entry.siteName, published: entry.published, importedAt: entry.importedAt, tags: entry.tags, text };
      // A book is indexed a few passages a turn: the thread that serves the windows is never held long.
      await runInPieces(index.setArticleInSteps(article));
      if (known?.contentHash !== entry.contentHash) await this.texts.keep(entry.id, entry.contentHash, text);
    }
    const { highlights } = await this.store.readHighlights(entry.id);
    const before = new Map(known?.highlights ?? []);
    for (const h of highlights) {
      if (before.get(h.id) !== h.updatedAt) {
        index.setHighlight(h);
        changed = true;
      }
      before.delete(h.id);
    }
    for (const gone of before.keys()) {
      index.removeHighlight(entry.id, gone);
      changed = true;
    }
    this.indexed.set(entry.id, {
      id: entry.id,
      contentHash: entry.contentHash,
      stamp: entry.stamp,
      fields,
      highlights: highlights.map((h) => [h.id, h.updatedAt]),
    });
    return changed;
  }

  /** The index from its file, or built afresh when the file is missing or damaged (the damaged one quarantined). */
  private opened(): Promise<SearchIndex> {
    this.opening ??= (async () => {
      const read = await readSearchFile(this.file);
      if (read.status === 'ok') {
        for (const article of read.articles) this.indexed.set(article.id, article);
        return read.index;
      }
      if (read.status === 'damaged') {
        const moved = await quarantine(this.file, this.store.layout.quarantineDir, 'search-index.json');
        await this.store.recoveryLog.record(recoveryOf(this.file, moved, 'rebuilt from the articles', read.reason, true));
      }
      return SearchIndex.empty();
    })();
    return this.opening.then((index) => (this.index = index));
  }

  /** Drops an index found damaged while searching: its file goes to quarantine (reported), and it is built again. */
  private async rebuildAfter(reason: string): Promise<void> {
    clearTimeout(this.writeTimer);
    this.firstUnwrittenAt = undefined;
    this.index = null;
    this.indexed.clear();
    this.opening = Promise.resolve(SearchIndex.empty());
    const moved = await quarantine(this.file, this.store.layout.quarantineDir, 'search-index.json').catch(() => '');
    await this.store.recoveryLog.record(recoveryOf(this.file, moved, 'rebuilt from the articles', reason, true));
  }

  private scheduleWrite(): void {
    this.firstUnwrittenAt ??= Date.now();
    clearTimeout(this.writeTimer);
    const wait = Math.max(0, Math.min(WRITE_IDLE_MS, this.firstUnwrittenAt + WRITE_MAX_DELAY_MS - Date.now()));
    this.writeTimer = setTimeout(() => void this.serially(() => this.write()).catch((e) => console.error('[marginalia] search index write:', e)), wait);
    this.writeTimer.unref();
  }

  private async write(): Promise<void> {
    if (this.firstUnwrittenAt === undefined || !this.index) return;
    this.firstUnwrittenAt = undefined;
    await writeSearchFile(this.file, this.index, this.indexed.values(), this.store.layout.tempDir);
  }

  /** Where phrases are checked: the plain copies of the texts, and the highlights as stored. */
  private phraseTexts(): AsyncSearchTexts {
    return {
      articleText: (articleId, start, end) => {
        const known = this.indexed.get(articleId);
        return known ? this.texts.passage(articleId, known.contentHash, start, end).catch(() => undefined) : undefined;
      },
      highlightText: async (articleId, highlightId) => {
        const h = (await this.store.readHighlights(articleId).catch(() => null))?.highlights.find((x) => x.id === highlightId);
        return h ? { quote: h.target.quote.exact, note: h.note } : undefined;
      },
    };
  }

  /** The results as the contract answers them: titles, quotes and notes, and snippets with the words marked. */
  private async answer(results: SearchResults, limit: number): Promise<SearchAnswer> {
    const entries = new Map((await this.store.listEntries()).map((e) => [e.id, e]));
    const articles: SearchAnswer['articles'] = [];
    for (const hit of results.articles) {
      const entry = entries.get(hit.articleId);
      const known = this.indexed.get(hit.articleId);
      if (!entry || !known) continue;
      let excerpt: SearchAnswer['articles'][number]['snippet'];
      let match: SearchAnswer['articles'][number]['match'];
      if (hit.passage) {
        const from = codePoints(Math.max(0, hit.passage.start - PASSAGE_MARGIN));
        const text = await this.texts.passage(hit.articleId, known.contentHash, from, codePoints(hit.passage.end + PASSAGE_MARGIN)).catch(() => '');
        if (text) {
          const cut = snippet(text, results.terms, SNIPPET_AROUND);
          excerpt = shown(cut, text, from > 0, true);
          const [first] = cut.marks;
          if (first) {
            // Code points of the slice before the word, and in it: the word's place in the article.
            const before = codePointCount(text, 0, cut.start + first[0]);
            match = { start: codePoints(from + before), end: codePoints(from + before + codePointCount(text, cut.start + first[0], cut.start + first[1])) };
          }
        }
      }
      articles.push({
        articleId: hit.articleId,
        title: entry.title,
        ...(entry.byline && { byline: entry.byline }),
        ...(entry.siteName && { siteName: entry.siteName }),
        ...(entry.published && { published: entry.published }),
        fields: hit.fields,
        ...(hit.passage && { passage: hit.passage }),
        ...(match && { match }),
        ...(excerpt && { snippet: excerpt }),
      });
    }
    const highlights: SearchAnswer['highlights'] = [];
    const files = new Map<string, readonly Highlight[]>();
    for (const hit of results.highlights) {
      const entry = entries.get(hit.articleId);
      if (!entry) continue;
      if (!files.has(hit.articleId)) files.set(hit.articleId, (await this.store.readHighlights(hit.articleId).catch(() => ({ highlights: [] }))).highlights);
      const h = files.get(hit.articleId)!.find((x) => x.id === hit.highlightId);
      if (!h) continue;
      highlights.push({
        articleId: h.articleId,
        articleTitle: entry.title,
        highlightId: h.id,
        color: h.color,
        tags: h.tags,
        fields: hit.fields,
        quote: shown(snippet(h.target.quote.exact, results.terms, SNIPPET_AROUND * 2), h.target.quote.exact),
        ...(h.note.trim() !== '' && { note: shown(snippet(h.note, results.terms, SNIPPET_AROUND * 2), h.note) }),
        ...(h.orphaned && { orphaned: true as const }),
        createdAt: h.createdAt,
      });
    }
    // Fewer than the limit: every match was looked at (phrases checked in order), so they are all.
    const total = {
      articles: results.articles.length < limit ? articles.length : results.total.articles,
      highlights: results.highlights.length < limit ? highlights.length : results.total.highlights,
    };
    return { articles, highlights, total, ...((results.phrasesUnchecked || results.partial) && { phrasesUnchecked: true as const }) };
  }
}

/** A snippet as the contract carries it: whether it was cut from a longer text, before and after. */
function shown(excerpt: Snippet, source: string, sourceCutBefore = false, sourceCutAfter = false): SnippetShown {
  return { text: excerpt.text, marks: excerpt.marks, cutBefore: sourceCutBefore || excerpt.start > 0, cutAfter: sourceCutAfter || excerpt.end < source.length };
}

/** Code points in text[start, end) (UTF-16 offsets). */
function codePointCount(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff || i === start) count++;
  }
  return count;
}

/** The fields of an article that a result shows and a query matches besides its text. */
function fieldsOf(entry: IndexEntry): string {
  return JSON.stringify([entry.title, entry.byline ?? '', entry.siteName ?? '', entry.published ?? '', entry.tags]);
}
