import type { Highlight } from '../../../shared/model.js';
import { Catalog, DocumentKind } from './catalog.js';
import { distinctWords } from './fold.js';
import { keptList } from './match-list.js';
import { Matcher } from './matching.js';
import { cutPassages } from './passages.js';
import { isEmptyQuery, parseQuery, type ParsedQuery } from './query.js';
import {
  filterTests,
  hits,
  listByFilters,
  noResults,
  type AsyncSearchTexts,
  type SearchOptions,
  type SearchResults,
  type SearchTexts,
  type TextAnswer,
  type TextRequest,
} from './results.js';
import { readJSON, writeJSON, type SearchIndexJSON } from './serialize.js';
import { wordGroups, type WordStatistics } from './word-groups.js';
import { IndexedWords } from './words.js';

/** An article as the index takes it: its fields and its whole text (`articleText(document).text`). */
export interface ArticleToIndex {
  id: string;
  title: string;
  byline?: string;
  siteName?: string;
  published?: string;
  importedAt: string;
  tags: readonly string[];
  text: string;
}

export const DEFAULT_LIMIT = 20;
/** Passages indexed per step of setArticleInSteps: ~150 KB of text, a few ms. */
const PASSAGES_PER_STEP = 100;

/**
 * Search over a library: articles (title, byline, site name, tags, full
 * text) and highlights (quote, note, tags, colour). Pure: it holds no texts
 * beyond the small fields a result shows, reads no files, and is kept in
 * step by the caller (`setArticle`, `setHighlight`, `remove…`). Updates cost
 * time proportional to the article or highlight changed.
 */
export class SearchIndex {
  private readonly matcher: Matcher;
  /** What a query's word groups read: the words, and how many documents there are. */
  private readonly statistics: WordStatistics;

  private constructor(
    private readonly catalog: Catalog,
    private readonly words: IndexedWords,
  ) {
    this.statistics = {
      vocabulary: words.vocabulary,
      documentFrequency: (word: string) => words.documentFrequency(word),
      liveDocuments: () => catalog.documentCount - catalog.deadDocuments,
    };
    this.matcher = new Matcher({ ...this.statistics, catalog, lists: (word: string) => words.lists(word) });
    for (const tag of catalog.articlesByTag.map.keys()) words.addTag(tag);
    for (const tag of catalog.highlightsByTag.map.keys()) words.addTag(tag);
  }

  /** An index with nothing in it. */
  static empty(): SearchIndex {
    return new SearchIndex(new Catalog(), new IndexedWords());
  }

  /** Opens an index written by `toJSON` (parsed). Throws `DamagedSearchIndexError` when it is of another version or damaged. */
  static fromJSON(value: unknown): SearchIndex {
    const { catalog, segment } = readJSON(value);
    return new SearchIndex(catalog, new IndexedWords(segment));
  }

  /** The index as a plain, versioned object (`{ version: 1, engine: 'flexsearch', … }`), for JSON.stringify. */
  toJSON(): SearchIndexJSON {
    return writeJSON(this.catalog, this.words.vocabulary.words(), (word) => this.words.lists(word));
  }

  /**
   * How big the index is. Removed and replaced documents stay in memory,
   * skipped, until the index is written: `deadDocuments` says how many;
   * `SearchIndex.fromJSON(index.toJSON())` is a copy without them.
   */
  get stats(): { articles: number; highlights: number; documents: number; deadDocuments: number; words: number } {
    return {
      articles: this.catalog.articles.filter((a) => a && a.title !== '').length,
      highlights: this.catalog.liveHighlights,
      documents: this.catalog.documentCount - this.catalog.deadDocuments,
      deadDocuments: this.catalog.deadDocuments,
      words: this.words.vocabulary.size,
    };
  }

  /** Adds an article, or replaces it (a new version): its old fields and text are no longer found. Its highlights stay. */
  setArticle(article: ArticleToIndex): void {
    for (const _ of this.setArticleInSteps(article));
  }

  /**
   * setArticle a few passages at a time: the generator yields between steps
   * (a whole book takes ~0.4 s to index), so a host can let other work run.
   * The index must not be searched or changed until it has run to its end.
   */
  *setArticleInSteps(article: ArticleToIndex): Generator<void, void> {
    const record = this.catalog.articleFor(article.id);
    this.catalog.killArticleDocuments(record);
    this.catalog.setArticleMeta(record, article);
    for (const tag of record.foldedTags) this.words.addTag(tag);
    // The article's documents are one run of numbers (catalog.ts): nothing else is added in between.
    record.firstDocument = this.catalog.documentCount;
    const meta: [DocumentKind, string | undefined][] = [
      [DocumentKind.title, article.title],
      [DocumentKind.byline, article.byline],
      [DocumentKind.siteName, article.siteName],
    ];
    for (const [kind, text] of meta) if (text) this.addDocument(kind, record.slot, text);
    for (const [i, passage] of cutPassages(article.text).entries()) {
      if (i > 0 && i % PASSAGES_PER_STEP === 0) yield;
      this.addDocument(DocumentKind.passage, record.slot, passage.indexed, passage.start, passage.end);
    }
    record.documentCount = this.catalog.documentCount - record.firstDocument;
  }

  /** Removes an article and its highlights. */
  removeArticle(articleId: string): void {
    const record = this.catalog.article(articleId);
    if (record) this.catalog.removeArticle(record);
  }

  /** Adds a highlight, or replaces it (a new note, colour, tags or passage). */
  setHighlight(highlight: Highlight): void {
    const known = this.catalog.highlightSlot(highlight.articleId, highlight.id);
    if (known >= 0) this.catalog.removeHighlight(known);
    const article = this.catalog.articleFor(highlight.articleId);
    const slot = this.catalog.addHighlight(article, highlight);
    for (const tag of this.catalog.highlightFoldedTags[slot]!) this.words.addTag(tag);
    this.catalog.quoteDocuments.set(slot, this.addDocument(DocumentKind.quote, slot, highlight.target.quote.exact));
    if (highlight.note.trim() !== '') this.catalog.noteDocuments.set(slot, this.addDocument(DocumentKind.note, slot, highlight.note));
  }

  removeHighlight(articleId: string, highlightId: string): void {
    const slot = this.catalog.highlightSlot(articleId, highlightId);
    if (slot >= 0) this.catalog.removeHighlight(slot);
  }

  /**
   * Searches (see query.ts for the language). Every word must be found, in
   * any field; articles and highlights are ranked apart (matching.ts).
   * Phrases are checked against `options.texts`. Throws
   * `DamagedSearchIndexError` if a stored posting list turns out damaged.
   */
  search(query: string, options: SearchOptions = {}): SearchResults {
    const run = this.run(parseQuery(query), options.limit ?? DEFAULT_LIMIT, options.texts !== undefined);
    const texts = options.texts;
    let step = run.next();
    while (!step.done) step = run.next(texts ? readText(texts, step.value) : undefined);
    return step.value;
  }

  /** `search`, reading the texts that check phrases asynchronously. */
  async searchAsync(query: string, options: { limit?: number; texts: AsyncSearchTexts }): Promise<SearchResults> {
    const run = this.run(parseQuery(query), options.limit ?? DEFAULT_LIMIT, true);
    let step = run.next();
    while (!step.done) step = run.next(await readText(options.texts, step.value));
    return step.value;
  }

  private addDocument(kind: DocumentKind, owner: number, text: string, start = 0, end = 0): number {
    const doc = this.catalog.addDocument(kind, owner, start, end);
    this.words.add(doc, distinctWords(text));
    return doc;
  }

  /** The search, as a coroutine: it yields each text a phrase check needs and is given the text back. */
  private *run(query: ParsedQuery, limit: number, canCheck: boolean): Generator<TextRequest, SearchResults, TextAnswer> {
    if (isEmptyQuery(query) || limit <= 0) return noResults();
    if (query.words.length === 0 && query.phrases.length === 0) return listByFilters(this.catalog, query, limit);
    const groups = wordGroups(query, this.statistics);
    // A word found nowhere (in no text, field or tag) and near nothing: nothing has every word.
    if (groups.some((g) => g.words.length === 0)) return noResults();
    const checking = query.phrases.length > 0 && canCheck;
    const matches = this.matcher.match(groups, { phrasePassages: checking, ...filterTests(query, this.catalog) });
    // Checking phrases waits for texts, perhaps while other searches run: keep the lists.
    if (checking) Object.assign(matches, { articles: keptList(matches.articles), highlights: keptList(matches.highlights) });
    return yield* hits(this.catalog, query, matches, limit, canCheck);
  }
}

function readText(texts: SearchTexts, request: TextRequest): TextAnswer;
function readText(texts: AsyncSearchTexts, request: TextRequest): Promise<TextAnswer> | TextAnswer;
function readText(texts: SearchTexts | AsyncSearchTexts, request: TextRequest): Promise<TextAnswer> | TextAnswer {
  return request.kind === 'article'
    ? texts.articleText(request.articleId, request.start, request.end)
    : texts.highlightText(request.articleId, request.highlightId);
}
