/**
 * npm run bench:search — "search everything" over a large library.
 *
 * The library (search-library.ts): 10,000 articles from the corpus (web
 * pages, book chapters, a few whole books; each varied) and 100,000
 * highlights, built in memory. Measured for the chosen engine (SearchIndex,
 * main/core/search, FlexSearch inside), for MiniSearch used as its
 * documentation says, and for FlexSearch used as its documentation says:
 * - build from nothing; serialized size against the text it indexes;
 * - open: JSON.parse of the serialized string + load (median of 5, gc first);
 * - incremental update: one new highlight, one changed highlight, one new article;
 * - query latency p50/p95 per kind (200 queries each, kinds taken in turn,
 *   after a warm-up), next to a plain scan (`String.includes` of every folded
 *   word over every folded text, same query parser) in the same run;
 *   MiniSearch and raw FlexSearch answer the first 100 of each kind (MiniSearch
 *   needs ~50 ms a query here; 200 would add a minute and a half);
 * - heap held by the opened index, and peak RSS.
 * The targets (query p95 ≤ 30 ms and ≥ 20× the scan's, update ≤ 5 ms, open
 * ≤ 300 ms, index ≤ 50% of the text) are over the six kinds of query a reader
 * types; the commonest words alone ("the", "which") are shown apart.
 * Phrases are checked against texts held in memory (the store reads them from
 * disk). Environment: SEARCH_BENCH_ARTICLES, _HIGHLIGHTS, _QUERIES,
 * _OTHER_QUERIES for a smaller run. Last line: one JSON object.
 */
import { Index as FlexIndex } from 'flexsearch';
import MiniSearch from 'minisearch';
import { TextIndex } from '../../shared/anchoring/index.js';
import { codePoints, type CodePointOffset } from '../../shared/offsets.js';
import type { Highlight } from '../../shared/model.js';
import { containsPhrase, fold, parseQuery, SearchIndex, type SearchTexts } from '../../main/core/search/index.js';
import { foldedWords } from '../../main/core/search/fold.js';
import { cutPassages } from '../../main/core/search/passages.js';
import { benchQueries, buildSearchLibrary, type LibraryArticle, type QueryKind, type SearchLibrary } from './search-library.js';
import { median, printTable, quantile, round } from './table.js';

const ARTICLES = Number(process.env.SEARCH_BENCH_ARTICLES ?? 10_000);
const HIGHLIGHTS = Number(process.env.SEARCH_BENCH_HIGHLIGHTS ?? 100_000);
const QUERIES_PER_KIND = Number(process.env.SEARCH_BENCH_QUERIES ?? 200);
/** The commonest words are measured apart, on fewer queries: no one searches for "which", and a scan finds it at once. */
const COMMON_QUERIES = 50;
/** MiniSearch takes ~50 ms a query here: the other engines answer the first 100 queries of each kind (the same for all). */
const OTHER_QUERIES_PER_KIND = Number(process.env.SEARCH_BENCH_OTHER_QUERIES ?? 100);
const LIMIT = 20;
/** Queries run before measuring, per kind (drawn apart from the measured ones). */
const WARM_UP_PER_KIND = 30;
/** The kinds the targets are for (the common-word kind is shown apart). */
const TARGET_KINDS: QueryKind[] = ['one word', 'two words', 'prefix', 'typo', 'phrase', 'filter'];

const mb = (bytes: number) => round(bytes / 1e6, 1);
const heapUsed = () => process.memoryUsage().heapUsed;
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const gc = () => (global as { gc?: () => void }).gc?.();
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

function time<T>(run: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = run();
  return { ms: performance.now() - started, value };
}

/** Median time of `runs` calls, each with a fresh argument from `make` (made before the clock starts). */
function medianOf<A>(runs: number, make: (i: number) => A, run: (arg: A) => void): number {
  return timesOf(runs, make, run).median;
}

/** Median and slowest of `runs` calls. */
function timesOf<A>(runs: number, make: (i: number) => A, run: (arg: A) => void): { median: number; max: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const arg = make(i);
    times.push(time(() => run(arg)).ms);
  }
  return { median: median(times), max: Math.max(...times) };
}

interface Latency {
  p50: number;
  p95: number;
  all: number[];
}

/**
 * Runs every query once, the kinds taken in turn (one of each, then the next
 * of each) so that no kind pays alone for the engine warming up, after the
 * warm-up queries (others than those measured, so nothing measured is
 * already cached). Keeps the times.
 */
function measureQueries(queries: Map<QueryKind, string[]>, search: (q: string) => unknown, warmUp: string[]): Map<QueryKind, Latency> {
  for (const q of warmUp) search(q);
  const times = new Map<QueryKind, number[]>([...queries.keys()].map((kind) => [kind, []]));
  const rounds = Math.max(...[...queries.values()].map((list) => list.length));
  for (let i = 0; i < rounds; i++) {
    for (const [kind, list] of queries) if (i < list.length) times.get(kind)!.push(time(() => search(list[i]!)).ms);
  }
  return new Map([...times].map(([kind, all]) => [kind, { p50: quantile(all, 0.5), p95: quantile(all, 0.95), all }]));
}

/** The first `count` queries of each kind. */
const subset = (queries: Map<QueryKind, string[]>, count: number) => new Map([...queries].map(([kind, list]) => [kind, list.slice(0, count)]));

const overall = (latencies: Map<QueryKind, Latency>): number => quantile(TARGET_KINDS.flatMap((k) => latencies.get(k)!.all), 0.95);

// ---------------------------------------------------------------------------
// The library, its texts, and how phrases are checked against them.

function libraryTexts(library: SearchLibrary) {
  const articles = new Map<string, { article: LibraryArticle; index: TextIndex }>();
  for (const article of library.articles) articles.set(article.id, { article, index: new TextIndex(article.text) });
  const highlights = new Map<string, Highlight>();
  for (const h of library.highlights) highlights.set(`${h.articleId} ${h.id}`, h);
  const texts: SearchTexts = {
    articleText(articleId: string, start: CodePointOffset, end: CodePointOffset) {
      const entry = articles.get(articleId);
      return entry && entry.article.text.slice(entry.index.toUtf16(start), entry.index.toUtf16(end));
    },
    highlightText(articleId: string, highlightId: string) {
      const h = highlights.get(`${articleId} ${highlightId}`);
      return h && { quote: h.target.quote.exact, note: h.note };
    },
  };
  return { texts, articles, highlights };
}

// ---------------------------------------------------------------------------
// The plain scan: every folded word (and phrase) with String.includes over every folded text.

function scanner(library: SearchLibrary) {
  const articleTexts = library.articles.map((a) => ({ text: fold([a.title, a.byline ?? '', a.siteName ?? '', a.text].join('\n')), byline: fold(a.byline ?? ''), tags: a.tags.map(fold) }));
  const bylineOf = new Map(library.articles.map((a, i) => [a.id, articleTexts[i]!.byline]));
  const highlightTexts = library.highlights.map((h) => ({
    text: fold(`${h.target.quote.exact}\n${h.note}\n${h.tags.join(' ')}`),
    color: h.color,
    hasNote: h.note.trim() !== '',
    tags: h.tags.map(fold),
    byline: bylineOf.get(h.articleId) ?? '',
  }));
  return (query: string): number => {
    const parsed = parseQuery(query);
    const needles = [...parsed.words.map((w) => w.text), ...parsed.phrases.map((p) => p.join(' '))];
    const f = parsed.filters;
    const tagged = (tags: string[]) => f.tags.every((t) => tags.some((tag) => tag === t || tag.startsWith(`${t}/`)));
    const authored = (byline: string) => f.authors.every((name) => name.every((part) => byline.includes(part)));
    let found = 0;
    if (f.colors.length === 0 && !f.hasNote) {
      for (const a of articleTexts) if (tagged(a.tags) && authored(a.byline) && needles.every((n) => a.text.includes(n))) found++;
    }
    for (const h of highlightTexts) {
      if (f.colors.length > 0 && !f.colors.includes(h.color)) continue;
      if (f.hasNote && !h.hasNote) continue;
      if (tagged(h.tags) && authored(h.byline) && needles.every((n) => h.text.includes(n))) found++;
    }
    return found;
  };
}

// ---------------------------------------------------------------------------
// MiniSearch as its documentation says: one index of documents (article
// fields, passages, highlights), AND of the words, prefix on the last, fuzzy
// on long words, filters on stored fields; phrases checked on the top hits.

interface MiniDoc {
  id: number;
  kind: 'article' | 'passage' | 'highlight';
  articleId: string;
  highlightId?: string;
  title?: string;
  byline?: string;
  siteName?: string;
  text?: string;
  quote?: string;
  note?: string;
  tags?: string;
  color?: string;
  hasNote?: boolean;
  start?: number;
  end?: number;
}

const MINI_OPTIONS = {
  fields: ['title', 'byline', 'siteName', 'text', 'quote', 'note', 'tags'],
  storeFields: ['kind', 'articleId', 'highlightId', 'byline', 'tags', 'color', 'hasNote', 'start', 'end'],
  tokenize: (text: string) => foldedWords(fold(text)),
  processTerm: (term: string) => term,
  searchOptions: { combineWith: 'AND' as const, boost: { title: 4, byline: 3, siteName: 2, tags: 3, note: 1.5 } },
};

function miniDocs(library: SearchLibrary, nextId: { value: number }) {
  const articleDocs = (a: LibraryArticle): MiniDoc[] => [
    { id: nextId.value++, kind: 'article', articleId: a.id, title: a.title, byline: a.byline, siteName: a.siteName, tags: a.tags.join(' ') },
    ...cutPassages(a.text).map((p): MiniDoc => ({ id: nextId.value++, kind: 'passage', articleId: a.id, text: p.indexed, byline: a.byline, start: p.start, end: p.end })),
  ];
  const highlightDoc = (h: Highlight, id = nextId.value++): MiniDoc => ({
    id,
    kind: 'highlight',
    articleId: h.articleId,
    highlightId: h.id,
    quote: h.target.quote.exact,
    note: h.note,
    tags: h.tags.join(' '),
    color: h.color,
    hasNote: h.note.trim() !== '',
  });
  return { articleDocs, highlightDoc };
}

function miniSearcher(mini: MiniSearch<MiniDoc>, library: SearchLibrary, texts: SearchTexts) {
  const bylines = new Map(library.articles.map((a) => [a.id, fold(a.byline ?? '')]));
  return (query: string): number => {
    const parsed = parseQuery(query);
    const words = [...parsed.words.map((w) => w.text), ...parsed.phrases.flat()];
    const f = parsed.filters;
    const filter = (r: Record<string, unknown>) => {
      if ((f.colors.length > 0 || f.hasNote) && r.kind !== 'highlight') return false;
      if (f.colors.length > 0 && !f.colors.includes(r.color as never)) return false;
      if (f.hasNote && !r.hasNote) return false;
      const tags = String(r.tags ?? '').split(' ').map(fold);
      if (!f.tags.every((t) => tags.some((tag) => tag === t || tag.startsWith(`${t}/`)))) return false;
      const byline = bylines.get(r.articleId as string) ?? '';
      return f.authors.every((name) => name.every((part) => byline.includes(part)));
    };
    const last = parsed.words.length - 1;
    const hits =
      words.length === 0
        ? mini.search(MiniSearch.wildcard, { filter })
        : mini.search(words.join(' '), {
            filter,
            prefix: (_term, i) => i === last && parsed.words[last]!.prefix,
            fuzzy: (term, i) => (i < parsed.words.length && term.length >= 5 ? 1 : 0),
          });
    if (parsed.phrases.length === 0) return hits.length;
    let checked = 0;
    for (const hit of hits.slice(0, LIMIT * 2)) {
      const text =
        hit.kind === 'passage'
          ? texts.articleText(hit.articleId as string, codePoints(hit.start as number), codePoints((hit.end as number) + 160))
          : hit.kind === 'highlight'
            ? Object.values(texts.highlightText(hit.articleId as string, hit.highlightId as string) ?? {}).join('\n')
            : '';
      if (text && parsed.phrases.every((p) => containsPhrase(text, p))) checked++;
    }
    return checked;
  };
}

// ---------------------------------------------------------------------------

function main() {
  const startedAt = performance.now();
  const generated = time(() => buildSearchLibrary({ articles: ARTICLES, highlights: HIGHLIGHTS }));
  const library = generated.value;
  const articleBytes = library.articles.reduce((n, a) => n + bytes(a.title) + bytes(a.byline ?? '') + bytes(a.siteName ?? '') + bytes(a.text), 0);
  const highlightBytes = library.highlights.reduce((n, h) => n + bytes(h.target.quote.exact) + bytes(h.note) + bytes(h.tags.join(' ')), 0);
  const textBytes = articleBytes + highlightBytes;
  const queries = benchQueries(library, QUERIES_PER_KIND);
  const warmUp = [...benchQueries(library, WARM_UP_PER_KIND, 99).values()].flat();
  queries.set('common word', queries.get('common word')!.slice(0, COMMON_QUERIES));
  const { texts } = libraryTexts(library);
  const books = library.articles.filter((a) => a.text.length > 1e6).length;
  console.log(
    `Library: ${library.articles.length.toLocaleString('en')} articles (${books} whole books), ${library.highlights.length.toLocaleString('en')} highlights, ` +
      `${mb(textBytes)} MB of text (${mb(articleBytes)} MB articles, ${mb(highlightBytes)} MB quotes, notes and tags); generated in ${round(generated.ms / 1000, 1)} s`,
  );

  // The chosen engine: SearchIndex.
  const built = (() => {
    const build = time(() => {
      const index = SearchIndex.empty();
      for (const article of library.articles) index.setArticle(article);
      for (const highlight of library.highlights) index.setHighlight(highlight);
      return index;
    });
    const serialized = time(() => JSON.stringify(build.value));
    return { ms: build.ms, json: serialized.value, serializeMs: serialized.ms, words: build.value.stats.words };
  })();
  const indexBytes = bytes(built.json);
  gc();
  const heapBeforeOpen = heapUsed();
  const opens: number[] = [];
  let index = SearchIndex.empty();
  for (let i = 0; i < 5; i++) {
    index = SearchIndex.empty();
    gc();
    const opened = time(() => SearchIndex.fromJSON(JSON.parse(built.json)));
    opens.push(opened.ms);
    index = opened.value;
  }
  const openMs = median(opens);
  gc();
  const heapChosen = heapUsed() - heapBeforeOpen;
  const someHighlight = (i: number): Highlight => {
    const base = library.highlights[(i * 7919) % library.highlights.length]!;
    return { ...base, id: `h-bench${i.toString(36).padStart(8, '0')}`, note: i % 2 ? `Fresh note ${i} about leviathans and ${base.target.quote.exact.slice(0, 40)}` : '' };
  };
  const added = timesOf(50, someHighlight, (h) => index.setHighlight(h));
  const changed = timesOf(50, (i) => ({ ...someHighlight(i), note: `Changed, take ${i}`, color: 'green' as const }), (h) => index.setHighlight(h));
  const [addHighlight, changeHighlight] = [added.median, changed.median];
  const sizes = library.articles.map((a) => a.text.length).sort((x, y) => x - y);
  const typical = library.articles.find((a) => a.text.length === sizes[sizes.length >> 1])!;
  const addArticle = medianOf(10, (i) => ({ ...typical, id: `a-bench${i.toString(36).padStart(8, '0')}` }), (a) => index.setArticle(a));
  const book = library.articles.reduce((x, y) => (y.text.length > x.text.length ? y : x));
  const addBook = time(() => index.setArticle({ ...book, id: 'a-benchbook0000' })).ms;
  const removeHighlight = medianOf(50, (i) => someHighlight(i), (h) => index.removeHighlight(h.articleId, h.id));
  const updateMs = Math.max(addHighlight, changeHighlight);
  const chosen = measureQueries(queries, (q) => index.search(q, { limit: LIMIT, texts }), warmUp);
  gc();
  const heapAfterQueries = heapUsed() - heapBeforeOpen;
  console.log(`(SearchIndex measured; ${round((performance.now() - startedAt) / 1000)} s so far)`);

  // The plain scan.
  const scan = scanner(library);
  const scanned = measureQueries(queries, scan, warmUp.slice(0, 20));
  console.log(`(scan measured; ${round((performance.now() - startedAt) / 1000)} s so far)`);

  // MiniSearch, as documented (one open: each takes seconds).
  const nextId = { value: 0 };
  const { articleDocs, highlightDoc } = miniDocs(library, nextId);
  let firstHighlightDoc = 0;
  const miniBuilt = (() => {
    const build = time(() => {
      const mini = new MiniSearch<MiniDoc>(MINI_OPTIONS);
      for (const article of library.articles) mini.addAll(articleDocs(article));
      firstHighlightDoc = nextId.value;
      for (const highlight of library.highlights) mini.add(highlightDoc(highlight));
      return mini;
    });
    const serialized = time(() => JSON.stringify(build.value));
    return { ms: build.ms, json: serialized.value, serializeMs: serialized.ms };
  })();
  const miniBytes = bytes(miniBuilt.json);
  gc();
  const heapBeforeMini = heapUsed();
  const miniOpen = time(() => MiniSearch.loadJSON<MiniDoc>(miniBuilt.json, MINI_OPTIONS));
  const mini = miniOpen.value;
  gc();
  const heapMini = heapUsed() - heapBeforeMini;
  const miniAdd = medianOf(50, (i) => highlightDoc(someHighlight(i)), (doc) => mini.add(doc));
  const miniChange = medianOf(50, (i) => ({ ...highlightDoc(library.highlights[i]!, firstHighlightDoc + i), note: `Changed, take ${i}` }), (doc) => mini.replace(doc));
  const miniArticle = medianOf(10, (i) => articleDocs({ ...typical, id: `a-mini${i}` }), (docs) => mini.addAll(docs));
  const miniQueries = measureQueries(subset(queries, OTHER_QUERIES_PER_KIND), miniSearcher(mini, library, texts), warmUp.slice(0, 60));
  console.log(`(MiniSearch measured; ${round((performance.now() - startedAt) / 1000)} s so far)`);

  // FlexSearch, as documented: one Index of the same documents, its own export and import.
  gc();
  const flexOptions = { tokenize: 'strict' as const, encode: (text: string) => foldedWords(fold(text)) };
  const flexBuild = time(() => {
    const flex = new FlexIndex(flexOptions);
    let id = 0;
    for (const article of library.articles) for (const doc of articleDocs(article)) flex.add(id++, [doc.title, doc.byline, doc.siteName, doc.text].filter(Boolean).join('\n'));
    for (const h of library.highlights) flex.add(id++, `${h.target.quote.exact}\n${h.note}\n${h.tags.join(' ')}`);
    return flex;
  });
  const flexParts: [string, string][] = [];
  const flexExport = time(() => flexBuild.value.export((key: string, data: string) => void flexParts.push([key, data])));
  const flexBytes = flexParts.reduce((n, [key, data]) => n + bytes(key) + bytes(data), 0);
  const flexJSON = JSON.stringify(flexParts);
  gc();
  const flexOpen = time(() => {
    const flex = new FlexIndex(flexOptions);
    for (const [key, data] of JSON.parse(flexJSON) as [string, string][]) flex.import(key, data);
    return flex;
  });
  const flexReplace = medianOf(5, (i) => i * 1009, (id) => flexOpen.value.update(id, 'a changed highlight about leviathans'));
  const flexQueries = measureQueries(subset(new Map([...queries].filter(([kind]) => kind === 'one word' || kind === 'two words' || kind === 'common word')), OTHER_QUERIES_PER_KIND), (q) => flexOpen.value.search(q, { limit: LIMIT }), warmUp);
  console.log(`(FlexSearch measured; ${round((performance.now() - startedAt) / 1000)} s so far)`);

  // Tables.
  const ratio = (kind: QueryKind) => round(scanned.get(kind)!.p95 / chosen.get(kind)!.p95, 1);
  printTable(
    `Query latency, ms (limit ${LIMIT}; SearchIndex and scan: ${QUERIES_PER_KIND} queries a kind, ${COMMON_QUERIES} common words; MiniSearch, FlexSearch: the first ${OTHER_QUERIES_PER_KIND}; phrases checked on the texts)`,
    ['kind', 'SearchIndex p50', 'p95', 'scan p50', 'scan p95', 'scan p95 / p95', 'MiniSearch p50', 'MiniSearch p95', 'FlexSearch p95'],
    [...queries.keys()].map((kind) => [
      kind,
      round(chosen.get(kind)!.p50),
      round(chosen.get(kind)!.p95),
      round(scanned.get(kind)!.p50),
      round(scanned.get(kind)!.p95),
      ratio(kind),
      round(miniQueries.get(kind)!.p50),
      round(miniQueries.get(kind)!.p95),
      flexQueries.has(kind) ? round(flexQueries.get(kind)!.p95) : '—',
    ]),
  );
  const queryP95 = overall(chosen);
  const scanP95 = overall(scanned);
  const miniP95 = overall(miniQueries);
  printTable(
    'Targets (SearchIndex), over the six targeted kinds',
    ['measure', 'value', 'target'],
    [
      ['query p95, ms', round(queryP95), '≤ 30'],
      ['scan p95 / query p95', round(scanP95 / queryP95, 1), '≥ 20'],
      ['update one highlight, ms (median of 50: add / change)', `${round(addHighlight, 3)} / ${round(changeHighlight, 3)}`, '≤ 5'],
      ['  slowest of the 50 (add / change)', `${round(added.max, 3)} / ${round(changed.max, 3)}`, ''],
      ['open (JSON.parse + fromJSON), ms (median of 5)', round(openMs), '≤ 300'],
      ['serialized index / indexed text', round(indexBytes / textBytes, 3), '≤ 0.5'],
    ],
  );
  printTable(
    'Engines',
    ['measure', 'SearchIndex (FlexSearch inside)', 'MiniSearch as documented', 'FlexSearch as documented'],
    [
      ['build from nothing, s', round(built.ms / 1000, 1), round(miniBuilt.ms / 1000, 1), round(flexBuild.ms / 1000, 1)],
      ['serialize, s', round(built.serializeMs / 1000, 2), round(miniBuilt.serializeMs / 1000, 2), round(flexExport.ms / 1000, 2)],
      ['serialized, MB', mb(indexBytes), mb(miniBytes), mb(flexBytes)],
      ['serialized / text', round(indexBytes / textBytes, 3), round(miniBytes / textBytes, 3), round(flexBytes / textBytes, 3)],
      ['open, ms', round(openMs), round(miniOpen.ms), round(flexOpen.ms)],
      ['add one highlight, ms', round(addHighlight, 3), round(miniAdd, 3), '—'],
      ['change one highlight, ms', round(changeHighlight, 3), round(miniChange, 3), round(flexReplace, 3)],
      ['add one article (median text), ms', round(addArticle, 2), round(miniArticle, 2), '—'],
      ['query p95, ms (six kinds)', round(queryP95), round(miniP95), '—'],
      ['heap held once opened, MB', mb(heapChosen), mb(heapMini), '—'],
      ['  and after the queries (lists decoded), MB', mb(heapAfterQueries), '—', '—'],
    ],
  );
  console.log(
    `\nSearchIndex: ${built.words.toLocaleString('en')} words; remove one highlight ${round(removeHighlight, 3)} ms; add a whole book (${mb(book.text.length)} MB) ${round(addBook)} ms. ` +
      `Peak RSS ${mb(peakRss())} MB (the library's texts, and every engine in turn). Whole bench: ${round((performance.now() - startedAt) / 1000)} s.`,
  );
  console.log(
    JSON.stringify({
      bench: 'search',
      articles: library.articles.length,
      highlights: library.highlights.length,
      engine: 'flexsearch',
      query_p95_ms: round(queryP95),
      scan_p95_ms: round(scanP95),
      ratio_vs_scan: round(scanP95 / queryP95, 1),
      update_ms: round(updateMs, 3),
      open_ms: round(openMs),
      index_ratio: round(indexBytes / textBytes, 3),
      build_ms: round(built.ms),
      heap_mb: mb(heapChosen),
      peak_rss_mb: mb(peakRss()),
      index_mb: mb(indexBytes),
      text_mb: mb(textBytes),
      common_word_p95_ms: round(chosen.get('common word')!.p95),
      minisearch_query_p95_ms: round(miniP95),
      minisearch_update_ms: round(Math.max(miniAdd, miniChange), 3),
      minisearch_open_ms: round(miniOpen.ms),
      minisearch_index_ratio: round(miniBytes / textBytes, 3),
      minisearch_build_ms: round(miniBuilt.ms),
      minisearch_heap_mb: mb(heapMini),
      flexsearch_raw_open_ms: round(flexOpen.ms),
      flexsearch_raw_index_ratio: round(flexBytes / textBytes, 3),
      flexsearch_raw_update_ms: round(flexReplace, 3),
      flexsearch_raw_build_ms: round(flexBuild.ms),
    }),
  );
}

main();
