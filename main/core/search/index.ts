/**
 * Search everything: articles (title, byline, site name, tags, full text)
 * and highlights (quote, note, tags, colour), offline, pure (no files, no
 * DOM, no Node built-ins). The store keeps a `SearchIndex` in step with the
 * library and writes `toJSON()` beside it; see search-index.ts.
 *
 * Which engine, and why. `npm run bench:search`: 10,000 articles (124 MB of
 * text with 100,000 highlights), both libraries used as their documentation
 * says, on the same passages and highlights:
 *
 *                          MiniSearch 7.2    FlexSearch 0.8    SearchIndex (chosen)
 *   build from nothing          37 s              19 s               21 s
 *   serialized / text           1.39              0.71               0.22
 *   open (parse + load)        7.5 s             0.77 s              0.14 s
 *   change a highlight        0.4 ms              39 ms              0.03 ms
 *   query p95 (six kinds)     214 ms               —                3.6 ms (scan: 104 ms)
 *
 * MiniSearch ranks well (BM25, prefix and fuzzy built in) but at this size
 * it is slow to query (80–380 ms p95 by kind), takes 7 s to open and its
 * JSON is larger than the text. FlexSearch adds fast and answers one word in
 * microseconds, but keeps no term frequencies, its export is 71% of the text
 * and opens in 0.8 s, its typo tolerance costs index size, and once imported
 * it has lost its fast-update register: replacing a highlight scans the
 * whole map (39 ms). So FlexSearch it is, for what it does best, the live
 * inverted index (live-postings.ts: adds in microseconds, a word's
 * documents in one read), with what it lacks built around it: its documents
 * are never removed from it but marked dead (catalog.ts); the written index
 * is our own compact form (serialize.ts, postings.ts: 22% of the text), read
 * lazily (segment.ts); ranking, prefixes and typos are ours (matching.ts,
 * word-groups.ts, vocabulary.ts). The scan is String.includes of each folded
 * word over every folded text.
 */
export { SearchIndex, DEFAULT_LIMIT, type ArticleToIndex } from './search-index.js';
export {
  MAX_TEXTS_READ,
  type ArticleHit,
  type HighlightHit,
  type ArticleField,
  type HighlightField,
  type SearchResults,
  type SearchOptions,
  type SearchTexts,
  type AsyncSearchTexts,
} from './results.js';
export { DamagedSearchIndexError } from './errors.js';
export type { SearchIndexJSON } from './serialize.js';
export { parseQuery, type ParsedQuery, type QueryWord, type QueryFilters } from './query.js';
export { fold } from './fold.js';
export { snippet, matchedRanges, type Snippet } from './snippet.js';
export { containsPhrase } from './phrase.js';
