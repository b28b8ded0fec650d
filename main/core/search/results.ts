import type { Color } from '../../../shared/colors.js';
import { codePoints, type CodePointOffset } from '../../../shared/offsets.js';
import { DocumentKind, type Catalog, type TagLookup } from './catalog.js';
import { articlePasses, filterSeed, filtersAllowArticles, highlightFilter, noFilters, tagMatches } from './filters.js';
import { articleFields, highlightFields, type MatchList } from './match-list.js';
import type { Matches } from './matching.js';
import { PHRASE_CHECK_REACH } from './passages.js';
import { containsPhrase } from './phrase.js';
import type { ParsedQuery } from './query.js';
import { best, bestFirst } from './ranked.js';

/**
 * From matches to what a caller sees: the best first, phrases checked on the
 * texts the caller gives, `limit` of each kind. Also the listing of a query
 * of filters only.
 */

/** Article fields a query can match. */
export type ArticleField = 'title' | 'byline' | 'siteName' | 'tags' | 'text';
/** Highlight fields a query can match. */
export type HighlightField = 'quote' | 'note' | 'tags';

/** An article that matched. */
export interface ArticleHit {
  articleId: string;
  title: string;
  score: number;
  /** Where the query's words were found; empty when only filters were given. */
  fields: ArticleField[];
  /** For a match in the text: the passage that holds the most of the words (code points over the article text, end exclusive). */
  passage?: { start: CodePointOffset; end: CodePointOffset };
}

/** A highlight that matched. */
export interface HighlightHit {
  articleId: string;
  highlightId: string;
  score: number;
  /** Where the query's words were found; empty when only filters were given. */
  fields: HighlightField[];
  color: Color;
  tags: string[];
}

/** What a search found, best first. */
export interface SearchResults {
  articles: ArticleHit[];
  highlights: HighlightHit[];
  /** How many matched in all, before `limit` (and, for phrases, before their order was checked). */
  total: { articles: number; highlights: number };
  /** The folded words found, prefix and typo matches included: what `snippet` marks. */
  terms: string[];
  /** Set when the query had phrases and no texts were given to check them: the hits have every word, maybe not in order. */
  phrasesUnchecked?: true;
  /** Set when checking phrases stopped at `MAX_TEXTS_READ` with candidates left: there may be more hits than listed. */
  partial?: true;
}

/** Where a phrase is checked: texts the index does not keep. May answer undefined when a text cannot be read now. */
export interface SearchTexts {
  /** The article's text between two code-point offsets (clamped to the text). */
  articleText(articleId: string, start: CodePointOffset, end: CodePointOffset): string | undefined;
  /** A highlight's quote (`target.quote.exact`) and note. */
  highlightText(articleId: string, highlightId: string): { quote: string; note: string } | undefined;
}

/** `SearchTexts` whose answers may come later (read from disk). */
export interface AsyncSearchTexts {
  articleText(articleId: string, start: CodePointOffset, end: CodePointOffset): Promise<string | undefined> | string | undefined;
  highlightText(articleId: string, highlightId: string): Promise<{ quote: string; note: string } | undefined> | { quote: string; note: string } | undefined;
}

export interface SearchOptions {
  /** At most this many articles, and this many highlights (default `DEFAULT_LIMIT`). */
  limit?: number;
  /** To check "phrases"; without them phrase hits are unchecked (see `SearchResults.phrasesUnchecked`). */
  texts?: SearchTexts;
}

/** A phrase is looked for in at most this many passages of one article (the best ones). */
/** A phrase is looked for in at most this many passages of one article (those with the best scores). */
export const MAX_PASSAGES_CHECKED = 5;
/**
 * A search reads at most this many texts to check phrases, for highlights
 * and again for articles; past that, it returns what it has checked and says
 * so (`partial`). A phrase of common words ("come to her for") can have
 * thousands of candidates and a handful of hits: reading them all would take
 * longer than the reader waits for a keystroke.
 */
export const MAX_TEXTS_READ = 100;

/** A text a phrase check needs: yielded by `hits`, answered by the caller's `SearchTexts`. */
export type TextRequest =
  | { kind: 'article'; articleId: string; start: CodePointOffset; end: CodePointOffset }
  | { kind: 'highlight'; articleId: string; highlightId: string };
export type TextAnswer = string | { quote: string; note: string } | undefined;

/** No results. */
export const noResults = (): SearchResults => ({ articles: [], highlights: [], total: { articles: 0, highlights: 0 }, terms: [] });

/** The filters' tests, for the matcher. */
export function filterTests(query: ParsedQuery, catalog: Catalog) {
  return {
    withArticles: filtersAllowArticles(query.filters),
    articlePasses: (slot: number) => articlePasses(catalog.articles[slot]!, query.filters),
    highlightPasses: highlightFilter(query.filters, catalog),
    seed: filterSeed(query.filters, catalog),
  };
}

/**
 * The results of matches, as a coroutine: it yields each text a phrase check
 * needs and is given the text back (undefined: not at hand, and the
 * candidate is dropped). `canCheck` false: phrases are not checked (see
 * `phrasesUnchecked`).
 */
export function* hits(catalog: Catalog, query: ParsedQuery, matches: Matches, limit: number, canCheck: boolean): Generator<TextRequest, SearchResults, TextAnswer> {
  const results = noResults();
  results.terms = [...new Set([...matches.words, ...query.phrases.flat()])];
  results.total = { articles: matches.articles.length, highlights: matches.highlights.length };
  if (query.phrases.length > 0 && !canCheck) results.phrasesUnchecked = true;
  const phrases = canCheck ? query.phrases : [];
  // Without phrases to check, the best `limit` are all that is needed.
  const inOrder = (list: MatchList) => (phrases.length > 0 ? bestFirst(list) : best(list, limit));
  const budget = { reads: 0, results };
  for (const i of inOrder(matches.highlights)) {
    if (results.highlights.length >= limit || !canRead(budget)) break;
    const hit = yield* highlightHit(catalog, matches.highlights, i, phrases, budget);
    if (hit) results.highlights.push(hit);
  }
  budget.reads = 0;
  for (const i of inOrder(matches.articles)) {
    if (results.articles.length >= limit || !canRead(budget)) break;
    const hit = yield* articleHit(catalog, matches, i, phrases, budget);
    if (hit) results.articles.push(hit);
  }
  return results;
}

/** How many texts have been read for one list; reading past `MAX_TEXTS_READ` marks the results `partial`. */
interface Budget {
  reads: number;
  results: SearchResults;
}

function canRead(budget: Budget): boolean {
  if (budget.reads < MAX_TEXTS_READ) return true;
  budget.results.partial = true;
  return false;
}

/** The i-th highlight match as a hit, once its phrases are found in its quote or note (null: they are not). */
function* highlightHit(catalog: Catalog, list: MatchList, i: number, phrases: string[][], budget: Budget): Generator<TextRequest, HighlightHit | null, TextAnswer> {
  const slot = list.slots[i]!;
  // Removed while an earlier check waited for its text.
  if (!catalog.isLiveHighlight(slot)) return null;
  const hit: HighlightHit = {
    articleId: catalog.articles[catalog.highlightArticles.get(slot)]!.id,
    highlightId: catalog.highlightIds[slot]!,
    score: list.scores[i]!,
    fields: highlightFields(list.fields[i]!),
    color: catalog.highlightColor(slot),
    tags: [...catalog.highlightTags[slot]!],
  };
  if (phrases.length === 0) return hit;
  budget.reads++;
  const answer = yield { kind: 'highlight', articleId: hit.articleId, highlightId: hit.highlightId };
  if (typeof answer !== 'object' || !catalog.isLiveHighlight(slot)) return null;
  const inQuote = phrases.filter((p) => containsPhrase(answer.quote, p));
  const inNote = phrases.filter((p) => containsPhrase(answer.note, p));
  if (phrases.some((p) => !inQuote.includes(p) && !inNote.includes(p))) return null;
  for (const [where, field] of [[inQuote, 'quote'], [inNote, 'note']] as const) if (where.length > 0 && !hit.fields.includes(field)) hit.fields.push(field);
  return hit;
}

/**
 * The i-th article match as a hit, once its phrases are found in its fields
 * or in one of its best passages, which then becomes the hit's passage
 * (null: they are not).
 */
function* articleHit(catalog: Catalog, matches: Matches, i: number, phrases: string[][], budget: Budget): Generator<TextRequest, ArticleHit | null, TextAnswer> {
  const list = matches.articles;
  const record = catalog.articles[list.slots[i]!];
  if (!record) return null; // removed while an earlier check waited for its text
  let passage = list.passages[i]!;
  const inFields = [record.title, record.byline ?? '', record.siteName ?? ''];
  const missing = phrases.filter((p) => !inFields.some((text) => containsPhrase(text, p)));
  if (missing.length > 0) {
    passage = -1;
    for (const doc of (matches.phrasePassages.get(record.slot) ?? []).slice(0, MAX_PASSAGES_CHECKED)) {
      if (!canRead(budget)) break;
      budget.reads++;
      const start = codePoints(catalog.starts.get(doc));
      const end = codePoints(catalog.ends.get(doc) + PHRASE_CHECK_REACH);
      const answer = yield { kind: 'article', articleId: record.id, start, end };
      // Removed, or a new version of it set, while its text was read.
      if (catalog.articles[record.slot] !== record || catalog.kinds.get(doc) === DocumentKind.dead) return null;
      if (typeof answer === 'string' && missing.every((p) => containsPhrase(answer, p))) {
        passage = doc;
        break;
      }
    }
    if (passage < 0) return null;
  }
  const hit: ArticleHit = { articleId: record.id, title: record.title, score: list.scores[i]!, fields: articleFields(list.fields[i]!) };
  if (passage >= 0) hit.passage = { start: codePoints(catalog.starts.get(passage)), end: codePoints(catalog.ends.get(passage)) };
  return hit;
}

/** A query of filters only: what they match, newest first. */
export function listByFilters(catalog: Catalog, query: ParsedQuery, limit: number): SearchResults {
  const results = noResults();
  const { filters } = query;
  const passes = highlightFilter(filters, catalog);
  const take = (slot: number) => {
    if (!passes(slot)) return;
    results.total.highlights++;
    if (results.highlights.length < limit) results.highlights.push(listedHighlight(catalog, slot));
  };
  const tagged = filters.tags.length > 0 ? taggedSlots(catalog.highlightsByTag, filters.tags[0]!) : null;
  if (tagged) for (const slot of tagged) take(slot);
  else for (let slot = catalog.highlightSlots - 1; slot >= 0; slot--) take(slot);
  if (!filtersAllowArticles(filters) || noFilters(filters)) return results;
  for (let slot = catalog.articles.length - 1; slot >= 0; slot--) {
    const record = catalog.articles[slot];
    if (!record || record.title === '' || !articlePasses(record, filters)) continue;
    results.total.articles++;
    if (results.articles.length < limit) results.articles.push({ articleId: record.id, title: record.title, score: 0, fields: [] });
  }
  return results;
}

function listedHighlight(catalog: Catalog, slot: number): HighlightHit {
  return {
    articleId: catalog.articles[catalog.highlightArticles.get(slot)]!.id,
    highlightId: catalog.highlightIds[slot]!,
    score: 0,
    fields: [],
    color: catalog.highlightColor(slot),
    tags: [...catalog.highlightTags[slot]!],
  };
}

/** The slots under a tag and the tags nested in it, newest (highest) first. */
function taggedSlots(lookup: TagLookup, wanted: string): Int32Array {
  const slots = new Set<number>();
  for (const [tag, set] of lookup.map) if (tagMatches(tag, wanted)) for (const slot of set) slots.add(slot);
  return Int32Array.from(slots).sort().reverse();
}
