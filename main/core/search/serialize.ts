import { COLORS } from '../../../shared/colors.js';
import { Catalog, DocumentKind } from './catalog.js';
import { withRoom } from './columns.js';
import { DamagedSearchIndexError } from './errors.js';
import { PASSAGE_LENGTH, PASSAGE_OVERLAP } from './passages.js';
import { encodePostings } from './postings.js';
import { Segment } from './segment.js';

/**
 * The index as plain JSON, for the store to keep beside the library. It
 * holds no text: the words, each with the documents it is in (postings.ts),
 * and for each article and highlight only what a result shows or a filter
 * reads. Lists are columns (one array per field), not one object per item,
 * so reading 100,000 highlights makes a few arrays, not 100,000 objects.
 * Documents are renumbered densely on writing: removed ones leave no trace.
 */
export interface SearchIndexJSON {
  version: 1;
  engine: 'flexsearch';
  /** How texts were folded and cut when the index was made; an index made by other rules is refused (and rebuilt). */
  rules: string;
  articles: {
    ids: string[];
    /** '' for an article known only by its highlights so far. */
    titles: string[];
    /** '' where the article has none. */
    bylines: string[];
    siteNames: string[];
    published: string[];
    importedAt: string[];
    tags: string[][];
  };
  highlights: {
    ids: string[];
    /** The highlight's article, as its place in `articles`. */
    articles: number[];
    /** One digit a highlight: its colour's place in shared/colors.ts. */
    colors: string;
    tags: string[][];
  };
  documents: {
    /** One letter a document (see `KIND_LETTERS`). */
    kinds: string;
    /** The article's place (title, byline, site name, passage) or the highlight's place (quote, note). */
    owners: number[];
    /** Each passage's code-point range, start then end, in document order. */
    ranges: number[];
  };
  /** Every word, sorted by code unit, and its encoded posting list. */
  words: string[];
  postings: string[];
}

export const FORMAT_VERSION = 1;
/** Changes whenever folding, word splitting or passage cutting change what an index holds. */
export const RULES = `fold-1/words-1/passages-${PASSAGE_LENGTH}+${PASSAGE_OVERLAP}`;

const KIND_LETTERS = ['', 't', 'b', 's', 'p', 'q', 'n'];
const KIND_BY_CODE = new Int8Array(128).fill(-1);
KIND_LETTERS.forEach((letter, kind) => {
  if (letter) KIND_BY_CODE[letter.charCodeAt(0)] = kind;
});
const isHighlightKind = (kind: number) => kind === DocumentKind.quote || kind === DocumentKind.note;

/** Writes the index. `lists(word)` gives the word's ascending document lists, stored ones first. */
export function writeJSON(catalog: Catalog, words: readonly string[], lists: (word: string) => ArrayLike<number>[]): SearchIndexJSON {
  const articleAt = new Int32Array(catalog.articles.length).fill(-1);
  const articles: SearchIndexJSON['articles'] = { ids: [], titles: [], bylines: [], siteNames: [], published: [], importedAt: [], tags: [] };
  for (const record of catalog.articles) {
    if (!record) continue;
    articleAt[record.slot] = articles.ids.length;
    articles.ids.push(record.id);
    articles.titles.push(record.title);
    articles.bylines.push(record.byline ?? '');
    articles.siteNames.push(record.siteName ?? '');
    articles.published.push(record.published ?? '');
    articles.importedAt.push(record.importedAt);
    articles.tags.push([...record.tags]);
  }

  const highlightAt = new Int32Array(catalog.highlightSlots).fill(-1);
  const highlights: SearchIndexJSON['highlights'] = { ids: [], articles: [], colors: '', tags: [] };
  const colors: string[] = [];
  for (let slot = 0; slot < catalog.highlightSlots; slot++) {
    if (!catalog.isLiveHighlight(slot)) continue;
    highlightAt[slot] = highlights.ids.length;
    highlights.ids.push(catalog.highlightIds[slot]!);
    highlights.articles.push(articleAt[catalog.highlightArticles.get(slot)]!);
    colors.push(String(catalog.highlightColors.get(slot)));
    highlights.tags.push([...catalog.highlightTags[slot]!]);
  }
  highlights.colors = colors.join('');

  const renumbered = new Int32Array(catalog.documentCount).fill(-1);
  const kinds: string[] = [];
  const documents: SearchIndexJSON['documents'] = { kinds: '', owners: [], ranges: [] };
  for (let doc = 0; doc < catalog.documentCount; doc++) {
    const kind = catalog.kinds.get(doc);
    if (kind === DocumentKind.dead) continue;
    renumbered[doc] = kinds.length;
    kinds.push(KIND_LETTERS[kind]!);
    const owner = catalog.owners.get(doc);
    documents.owners.push(isHighlightKind(kind) ? highlightAt[owner]! : articleAt[owner]!);
    if (kind === DocumentKind.passage) documents.ranges.push(catalog.starts.get(doc), catalog.ends.get(doc));
  }
  documents.kinds = kinds.join('');

  const json: SearchIndexJSON = { version: FORMAT_VERSION, engine: 'flexsearch', rules: RULES, articles, highlights, documents, words: [], postings: [] };
  const ids: number[] = [];
  for (const word of words) {
    ids.length = 0;
    // Renumbering keeps the order, and stored documents come before live ones: the merged list stays ascending.
    for (const list of lists(word)) {
      for (let i = 0; i < list.length; i++) {
        const doc = renumbered[list[i]!]!;
        if (doc >= 0) ids.push(doc);
      }
    }
    if (ids.length === 0) continue;
    json.words.push(word);
    json.postings.push(encodePostings(ids));
  }
  return json;
}

const damaged = (what: string): never => {
  throw new DamagedSearchIndexError(`The search index cannot be read (${what}); it must be rebuilt.`);
};

function strings(value: unknown, length: number | null, what: string): string[] {
  if (!Array.isArray(value) || (length !== null && value.length !== length)) return damaged(`${what} is not a list of the right length`);
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') damaged(`${what} has an item that is not text`);
  return value as string[];
}

/** A list of whole numbers in [0, limit), as a column (with room to grow). */
function indices(value: unknown, length: number, limit: number, what: string): Int32Array {
  if (!Array.isArray(value) || value.length !== length) return damaged(`${what} is not a list of the right length`);
  const column = withRoom(length);
  for (let i = 0; i < length; i++) {
    const n: unknown = value[i];
    if (typeof n !== 'number' || !(n >= 0 && n < limit) || n !== Math.floor(n)) damaged(`${what} has a number out of range`);
    column[i] = n as number;
  }
  return column;
}

function tagLists(value: unknown, length: number, what: string): string[][] {
  if (!Array.isArray(value) || value.length !== length) return damaged(`${what} is not a list of the right length`);
  for (let i = 0; i < length; i++) strings(value[i], null, what);
  return value as string[][];
}

const object = (value: unknown, what: string): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : damaged(`${what} is not an object`);

/**
 * Reads an index written by `writeJSON`, checking its shape as it goes.
 * Throws `DamagedSearchIndexError` when it is of another version, engine or
 * rules, or damaged. Posting lists are checked when first decoded.
 */
export function readJSON(value: unknown): { catalog: Catalog; segment: Segment } {
  const json = object(value, 'the index');
  if (json.version !== FORMAT_VERSION) damaged(`its version is ${JSON.stringify(json.version)}; this Marginalia reads version ${FORMAT_VERSION}`);
  if (json.engine !== 'flexsearch') damaged(`it was made by ${JSON.stringify(json.engine)}, not flexsearch`);
  if (json.rules !== RULES) damaged(`it was made with other rules, ${JSON.stringify(json.rules)}`);

  const a = object(json.articles, 'the articles');
  const articleIds = strings(a.ids, null, 'the article ids');
  const n = articleIds.length;
  const titles = strings(a.titles, n, 'the titles');
  const bylines = strings(a.bylines, n, 'the bylines');
  const siteNames = strings(a.siteNames, n, 'the site names');
  const published = strings(a.published, n, 'the dates');
  const importedAt = strings(a.importedAt, n, 'the import dates');
  const articleTags = tagLists(a.tags, n, 'the article tags');

  const h = object(json.highlights, 'the highlights');
  const highlightIds = strings(h.ids, null, 'the highlight ids');
  const m = highlightIds.length;
  const highlightArticles = indices(h.articles, m, n, "the highlights' articles");
  const highlightTags = tagLists(h.tags, m, 'the highlight tags');
  const colorDigits = h.colors;
  if (typeof colorDigits !== 'string' || colorDigits.length !== m) damaged('the colours are not one digit a highlight');
  const highlightColors = withRoom(m);
  for (let i = 0; i < m; i++) {
    const color = (colorDigits as string).charCodeAt(i) - 48;
    if (!(color >= 0 && color < COLORS.length)) damaged('a colour is not one of the five');
    highlightColors[i] = color;
  }

  const d = object(json.documents, 'the documents');
  if (typeof d.kinds !== 'string') damaged('the document kinds are not text');
  const kindLetters = d.kinds as string;
  const count = kindLetters.length;
  const owners = indices(d.owners, count, Math.max(n, m), 'the document owners');
  const ranges: unknown[] = Array.isArray(d.ranges) ? d.ranges : damaged('the passage ranges are not a list');
  const kinds = withRoom(count);
  const starts = withRoom(count);
  const ends = withRoom(count);
  const quoteDocuments = withRoom(m).fill(-1);
  const noteDocuments = withRoom(m).fill(-1);
  const firstDocument = new Int32Array(n).fill(-1);
  const documentCount = new Int32Array(n);
  let range = 0;
  for (let doc = 0; doc < count; doc++) {
    const code = kindLetters.charCodeAt(doc);
    const kind = code < 128 ? KIND_BY_CODE[code]! : -1;
    if (kind < 0) damaged(`a document is of an unknown kind, ${JSON.stringify(kindLetters[doc])}`);
    kinds[doc] = kind;
    const owner = owners[doc]!;
    if (isHighlightKind(kind)) {
      if (owner >= m) damaged("a highlight document's owner is out of range");
      const column = kind === DocumentKind.quote ? quoteDocuments : noteDocuments;
      if (column[owner]! >= 0) damaged('a highlight has two quotes or two notes');
      column[owner] = doc;
      continue;
    }
    if (owner >= n) damaged("an article document's owner is out of range");
    // An article's documents are one run of numbers.
    if (firstDocument[owner]! < 0) firstDocument[owner] = doc;
    else if (firstDocument[owner]! + documentCount[owner]! !== doc) damaged("an article's documents are not together");
    documentCount[owner]!++;
    if (kind === DocumentKind.passage) {
      const start: unknown = ranges[range++];
      const end: unknown = ranges[range++];
      if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) <= (start as number)) damaged('a passage range is damaged');
      starts[doc] = start as number;
      ends[doc] = end as number;
    }
  }
  if (range !== ranges.length) damaged('there are more passage ranges than passages');
  if (quoteDocuments.subarray(0, m).includes(-1)) damaged('a highlight has no quote');

  const catalog = new Catalog({
    articles: n,
    documents: count,
    highlights: m,
    kinds,
    owners,
    starts,
    ends,
    highlightIds,
    highlightArticles,
    highlightColors,
    highlightTags,
    quoteDocuments,
    noteDocuments,
  });
  for (let i = 0; i < n; i++) {
    const article = catalog.articleFor(articleIds[i]!);
    if (article.slot !== i) damaged('an article is listed twice');
    catalog.setArticleMeta(article, {
      title: titles[i]!,
      byline: bylines[i],
      siteName: siteNames[i],
      published: published[i],
      importedAt: importedAt[i]!,
      tags: articleTags[i]!,
    });
    article.firstDocument = Math.max(0, firstDocument[i]!);
    article.documentCount = documentCount[i]!;
  }

  const words = strings(json.words, null, 'the words');
  const postings = strings(json.postings, words.length, 'the posting lists');
  for (let i = 1; i < words.length; i++) if (!(words[i - 1]! < words[i]!)) damaged('the words are not in order');
  return { catalog, segment: new Segment(words, postings, count) };
}
