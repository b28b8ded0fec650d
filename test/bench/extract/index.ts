/**
 * npm run bench:extract — how cleanly pages come in, on the
 * article-extraction-benchmark's 141 pages in ../shared/corpus: each
 * candidate's F1, precision and recall by the benchmark's own metric
 * (score.ts, proven against the published outputs first), and its time per
 * page; then the pages where our importer loses most to the best published
 * output. Last line: one JSON object of the headline figures.
 */
import { CANDIDATES, marginalia, type Candidate } from './candidates.js';
import { benchPages, PUBLISHED, publishedOutput, type BenchPage } from './pages.js';
import { matchPage, pageF1, score, shingles, SHINGLE_SIZE, tokenize, type PageMatch, type Score } from './score.js';
import { printTable, round } from '../table.js';

interface Run extends Score {
  name: string;
  msPerPage: number;
  /** Pages on which it threw. */
  failed?: number;
  matches: Map<string, PageMatch>;
  texts: Map<string, string>;
}

function runCandidate(candidate: Candidate, pages: BenchPage[]): Run {
  // One warm-up page, so that module loading and JIT do not count against the first.
  candidate.extract(pages[0]!);
  const texts = new Map<string, string>();
  let failed = 0;
  const started = performance.now();
  for (const page of pages) {
    try {
      texts.set(page.id, candidate.extract(page));
    } catch {
      // A page the extractor (or its DOM) throws on scores as an empty text: it is what the reader would get.
      failed++;
    }
  }
  const msPerPage = (performance.now() - started) / pages.length;
  return { ...summarise(candidate.name, pages, texts, msPerPage), failed };
}

function summarise(name: string, pages: BenchPage[], texts: Map<string, string>, msPerPage: number): Run {
  const matches = new Map(pages.map((p) => [p.id, matchPage(p.truth, texts.get(p.id) ?? '')]));
  return { name, msPerPage, matches, texts, ...score([...matches.values()]) };
}

/**
 * What one text has that the other lacks: its first runs of words that are
 * in no shingle the other text has, a few words of each.
 */
function difference(text: string, minus: string, runs = 2, words = 8): string {
  const tokens = tokenize(text);
  const other = shingles(minus);
  const covered = new Array<boolean>(tokens.length).fill(false);
  for (let i = 0; i + SHINGLE_SIZE <= tokens.length; i++) {
    if (other.has(tokens.slice(i, i + SHINGLE_SIZE).join(' '))) covered.fill(true, i, i + SHINGLE_SIZE);
  }
  const found: string[] = [];
  for (let i = 0; i < tokens.length && found.length < runs; i++) {
    if (covered[i]) continue;
    let end = i;
    while (end < tokens.length && !covered[end]) end++;
    if (end - i >= 2) found.push(`“${tokens.slice(i, Math.min(end, i + words)).join(' ')}${end - i > words ? ' …' : ''}” (${end - i})`);
    i = end;
  }
  return found.join(', ');
}

const pages = benchPages();
const published = PUBLISHED.map((name) => summarise(`${name} (published)`, pages, publishedOutput(name), NaN));
const runs = CANDIDATES.map((c) => runCandidate(c, pages));
const ours = runs.find((r) => r.name === marginalia.name)!;
const readability = published.find((r) => r.name.startsWith('readability_js'))!;
const best = published.reduce((a, b) => (b.f1 > a.f1 ? b : a));

printTable(
  `Article extraction, ${pages.length} pages (article-extraction-benchmark; F1 of 4-word shingles against the ground truth)`,
  ['extractor', 'F1', 'precision', 'recall', 'ms/page', 'threw on'],
  [...published, ...runs].map((r) => [
    r.name,
    r.f1.toFixed(3),
    r.precision.toFixed(3),
    r.recall.toFixed(3),
    Number.isNaN(r.msPerPage) ? '' : r.msPerPage.toFixed(1),
    r.failed === undefined ? '' : `${r.failed} pages`,
  ]),
);

const losers = pages
  .map((p) => ({ id: p.id, ours: pageF1(ours.matches.get(p.id)!), best: pageF1(best.matches.get(p.id)!), page: p }))
  .sort((a, b) => b.best - b.ours - (a.best - a.ours))
  .slice(0, 10);
printTable(
  `The 10 pages where ${ours.name} loses most to ${best.name}`,
  ['page', 'ours', 'best', 'we add', 'we drop'],
  losers.map((l) => [
    l.id.slice(0, 12),
    l.ours.toFixed(3),
    l.best.toFixed(3),
    difference(ours.texts.get(l.id)!, l.page.truth) || '–',
    difference(l.page.truth, ours.texts.get(l.id)!) || '–',
  ]),
);

console.log(
  JSON.stringify({
    bench: 'extract',
    pages: pages.length,
    f1: round(ours.f1, 3),
    precision: round(ours.precision, 3),
    recall: round(ours.recall, 3),
    readability_f1: round(readability.f1, 3),
    best_published_f1: round(best.f1, 3),
    ms_per_page: round(ours.msPerPage, 1),
  }),
);
