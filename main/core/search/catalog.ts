import { COLORS, type Color } from '../../../shared/colors.js';
import { IntColumn } from './columns.js';
import { fold, foldedWords } from './fold.js';

/**
 * What the index knows about each article and highlight besides their words:
 * the small fields a result shows or a filter reads, and which of the
 * index's documents belong to which. A document is one field of one thing:
 * an article's title, byline or site name, a passage of its text, a
 * highlight's quote or note. Documents are numbered in the order they are
 * added; a removed one is marked dead, never renumbered (see LivePostings).
 * An article's documents are added together, so they are one range of
 * numbers; a highlight has a quote document and maybe a note document.
 *
 * Highlights are kept in columns (one array per field, indexed by slot), so
 * opening an index of 100,000 highlights makes a few arrays. Ids and tags
 * are user strings: they are only ever keys of Maps.
 */

/** What a document is. Stored as one letter each in JSON (see serialize.ts). */
export const DocumentKind = { dead: 0, title: 1, byline: 2, siteName: 3, passage: 4, quote: 5, note: 6 } as const;
export type DocumentKind = (typeof DocumentKind)[keyof typeof DocumentKind];

/** An article as the index keeps it. `slot` is its place in the catalog, stable while the index is open. */
export interface ArticleRecord {
  readonly slot: number;
  readonly id: string;
  /** '' until the article itself is set (a highlight may arrive first). */
  title: string;
  byline?: string;
  siteName?: string;
  published?: string;
  importedAt: string;
  tags: readonly string[];
  /** Its tags folded, and its byline's folded words: what filters compare. */
  foldedTags: readonly string[];
  bylineWords: readonly string[];
  /** Its documents: `documentCount` numbers from `firstDocument`. */
  firstDocument: number;
  documentCount: number;
  /**
   * Its highlights: highlight id → highlight slot. Made when first needed
   * (`highlightsOf`), so opening an index does not fill 10,000 maps.
   */
  highlights: Map<string, number> | null;
}

/** The article fields set by `setArticleMeta`. */
export type ArticleMeta = Pick<ArticleRecord, 'title' | 'byline' | 'siteName' | 'published' | 'importedAt'> & { tags: readonly string[] };

/** A highlight's fields as the catalog takes them. */
export interface HighlightFields {
  id: string;
  color: Color;
  tags: readonly string[];
}

/** Marks a highlight slot whose highlight was removed (in `highlightColors`). */
export const REMOVED = 255;
const NO_TAGS: readonly string[] = Object.freeze([]);

/** A set of slots under each folded tag, for the filters and for tag words. */
export class TagLookup {
  readonly map = new Map<string, Set<number>>();

  add(tags: readonly string[], slot: number): void {
    for (const tag of tags) {
      let set = this.map.get(tag);
      if (!set) this.map.set(tag, (set = new Set()));
      set.add(slot);
    }
  }

  delete(tags: readonly string[], slot: number): void {
    for (const tag of tags) {
      const set = this.map.get(tag);
      if (!set) continue;
      set.delete(slot);
      if (set.size === 0) this.map.delete(tag);
    }
  }
}

/** The columns of a catalog read from JSON, documents then highlights (see Catalog), each holding `documents` or `highlights` values and room to grow. */
export interface CatalogColumns {
  articles: number;
  documents: number;
  highlights: number;
  kinds: Int32Array;
  owners: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  highlightIds: string[];
  highlightArticles: Int32Array;
  highlightColors: Int32Array;
  highlightTags: (readonly string[])[];
  quoteDocuments: Int32Array;
  noteDocuments: Int32Array;
}

export class Catalog {
  /** Per document: kind, owner's slot (article or highlight), and for a passage its code-point range. */
  readonly kinds: IntColumn;
  readonly owners: IntColumn;
  readonly starts: IntColumn;
  readonly ends: IntColumn;
  deadDocuments = 0;

  readonly articles: (ArticleRecord | undefined)[] = [];
  private readonly articleSlots = new Map<string, number>();

  /** Per highlight slot: id, article slot, colour (its place in COLORS, or REMOVED), tags, folded tags, quote and note documents (-1: none). */
  readonly highlightIds: string[];
  readonly highlightArticles: IntColumn;
  readonly highlightColors: IntColumn;
  readonly highlightTags: (readonly string[])[];
  readonly highlightFoldedTags: (readonly string[])[];
  readonly quoteDocuments: IntColumn;
  readonly noteDocuments: IntColumn;
  liveHighlights: number;

  /** Folded tag → highlight slots, and → article slots. */
  readonly highlightsByTag = new TagLookup();
  readonly articlesByTag = new TagLookup();

  /**
   * The highlights read from JSON, grouped by article: article a's are
   * `slotsByArticle[firstByArticle[a] … firstByArticle[a + 1])`. An
   * article's map (`highlightsOf`) is made from its group when first needed.
   */
  private readonly firstByArticle: Int32Array;
  private readonly slotsByArticle: Int32Array;

  /** An empty catalog, or one holding the documents and highlights of `columns` (kept, not copied; articles are added after). */
  constructor(columns?: CatalogColumns) {
    const documents = columns?.documents ?? 0;
    const highlights = columns?.highlights ?? 0;
    this.kinds = new IntColumn(columns?.kinds, documents);
    this.owners = new IntColumn(columns?.owners, documents);
    this.starts = new IntColumn(columns?.starts, documents);
    this.ends = new IntColumn(columns?.ends, documents);
    this.highlightIds = columns?.highlightIds ?? [];
    this.highlightArticles = new IntColumn(columns?.highlightArticles, highlights);
    this.highlightColors = new IntColumn(columns?.highlightColors, highlights);
    this.highlightTags = columns?.highlightTags ?? [];
    this.quoteDocuments = new IntColumn(columns?.quoteDocuments, highlights);
    this.noteDocuments = new IntColumn(columns?.noteDocuments, highlights);
    this.highlightFoldedTags = this.highlightTags.map((tags) => (tags.length ? tags.map(fold) : NO_TAGS));
    this.highlightFoldedTags.forEach((tags, slot) => this.highlightsByTag.add(tags, slot));
    this.liveHighlights = this.highlightIds.length;
    // Counting sort of the highlights by article.
    const articles = columns?.articles ?? 0;
    const owners = this.highlightArticles.values;
    this.firstByArticle = new Int32Array(articles + 1);
    const first = this.firstByArticle;
    for (let slot = 0; slot < highlights; slot++) first[owners[slot]! + 1] = first[owners[slot]! + 1]! + 1;
    for (let a = 0; a < articles; a++) first[a + 1] = first[a + 1]! + first[a]!;
    this.slotsByArticle = new Int32Array(highlights);
    const next = this.firstByArticle.slice(0, articles);
    for (let slot = 0; slot < highlights; slot++) {
      const article = owners[slot]!;
      this.slotsByArticle[next[article]!] = slot;
      next[article] = next[article]! + 1;
    }
  }

  get documentCount(): number {
    return this.kinds.length;
  }

  get highlightSlots(): number {
    return this.highlightIds.length;
  }

  addDocument(kind: DocumentKind, owner: number, start = 0, end = 0): number {
    this.kinds.push(kind);
    this.owners.push(owner);
    this.starts.push(start);
    this.ends.push(end);
    return this.kinds.length - 1;
  }

  killDocument(doc: number): void {
    if (doc < 0 || this.kinds.values[doc] === DocumentKind.dead) return;
    this.kinds.values[doc] = DocumentKind.dead;
    this.deadDocuments++;
  }

  article(id: string): ArticleRecord | undefined {
    const slot = this.articleSlots.get(id);
    return slot === undefined ? undefined : this.articles[slot];
  }

  /** The article's record, made (with no fields yet) when the article is new. */
  articleFor(id: string): ArticleRecord {
    const known = this.article(id);
    if (known) return known;
    const record: ArticleRecord = {
      slot: this.articles.length,
      id,
      title: '',
      importedAt: '',
      tags: NO_TAGS,
      foldedTags: NO_TAGS,
      bylineWords: NO_TAGS,
      firstDocument: 0,
      documentCount: 0,
      highlights: null,
    };
    this.articles.push(record);
    this.articleSlots.set(id, record.slot);
    return record;
  }

  /** Sets an article's fields (not its documents), keeping the tag look-up in step. */
  setArticleMeta(record: ArticleRecord, meta: ArticleMeta): void {
    this.articlesByTag.delete(record.foldedTags, record.slot);
    record.title = meta.title;
    record.byline = meta.byline || undefined;
    record.siteName = meta.siteName || undefined;
    record.published = meta.published || undefined;
    record.importedAt = meta.importedAt;
    record.tags = meta.tags.length ? [...meta.tags] : NO_TAGS;
    record.foldedTags = record.tags.length ? record.tags.map(fold) : NO_TAGS;
    record.bylineWords = record.byline ? foldedWords(fold(record.byline)) : NO_TAGS;
    this.articlesByTag.add(record.foldedTags, record.slot);
  }

  /** Marks the article's documents dead (a new version, or its removal). */
  killArticleDocuments(record: ArticleRecord): void {
    for (let i = 0; i < record.documentCount; i++) this.killDocument(record.firstDocument + i);
    record.documentCount = 0;
  }

  /** The article's highlights by id, made from the highlights read from JSON the first time they are asked for. */
  highlightsOf(record: ArticleRecord): Map<string, number> {
    if (record.highlights) return record.highlights;
    const map = new Map<string, number>();
    const from = record.slot < this.firstByArticle.length - 1 ? this.firstByArticle[record.slot]! : 0;
    const to = record.slot < this.firstByArticle.length - 1 ? this.firstByArticle[record.slot + 1]! : 0;
    for (let i = from; i < to; i++) {
      const slot = this.slotsByArticle[i]!;
      if (!this.isLiveHighlight(slot)) continue;
      // The same id twice (a damaged index): the later one stands.
      const earlier = map.get(this.highlightIds[slot]!);
      map.set(this.highlightIds[slot]!, slot);
      if (earlier !== undefined) this.removeHighlight(earlier, map);
    }
    return (record.highlights = map);
  }

  removeArticle(record: ArticleRecord): void {
    for (const slot of [...this.highlightsOf(record).values()]) this.removeHighlight(slot);
    this.killArticleDocuments(record);
    this.articlesByTag.delete(record.foldedTags, record.slot);
    this.articles[record.slot] = undefined;
    this.articleSlots.delete(record.id);
  }

  /** The slot of a live highlight, or -1. */
  highlightSlot(articleId: string, highlightId: string): number {
    const article = this.article(articleId);
    return article ? (this.highlightsOf(article).get(highlightId) ?? -1) : -1;
  }

  /** Adds a highlight (its documents are set by the caller); returns its slot. */
  addHighlight(article: ArticleRecord, fields: HighlightFields): number {
    const slot = this.highlightIds.length;
    this.highlightIds.push(fields.id);
    this.highlightArticles.push(article.slot);
    this.highlightColors.push(COLORS.indexOf(fields.color));
    const tags = fields.tags.length ? [...fields.tags] : NO_TAGS;
    const folded = tags.length ? tags.map(fold) : NO_TAGS;
    this.highlightTags.push(tags);
    this.highlightFoldedTags.push(folded);
    this.quoteDocuments.push(-1);
    this.noteDocuments.push(-1);
    this.highlightsOf(article).set(fields.id, slot);
    this.highlightsByTag.add(folded, slot);
    this.liveHighlights++;
    return slot;
  }

  isLiveHighlight(slot: number): boolean {
    return this.highlightColors.values[slot] !== REMOVED;
  }

  highlightColor(slot: number): Color {
    return COLORS[this.highlightColors.values[slot]!]!;
  }

  hasNote(slot: number): boolean {
    return this.noteDocuments.values[slot]! >= 0;
  }

  /** Removes a highlight; `byId` is its article's map when the caller is building it. */
  removeHighlight(slot: number, byId?: Map<string, number>): void {
    if (!this.isLiveHighlight(slot)) return;
    this.killDocument(this.quoteDocuments.values[slot]!);
    this.killDocument(this.noteDocuments.values[slot]!);
    this.highlightsByTag.delete(this.highlightFoldedTags[slot]!, slot);
    const map = byId ?? this.articles[this.highlightArticles.values[slot]!]?.highlights;
    const id = this.highlightIds[slot]!;
    if (map?.get(id) === slot) map.delete(id);
    this.highlightColors.values[slot] = REMOVED;
    this.highlightTags[slot] = NO_TAGS;
    this.highlightFoldedTags[slot] = NO_TAGS;
    this.liveHighlights--;
  }
}
