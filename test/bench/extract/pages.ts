import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** One benchmark page: its saved HTML, its address, and the article text a person marked in it. */
export interface BenchPage {
  id: string;
  url: string;
  html: Uint8Array;
  truth: string;
}

/** Where the team's copy of the article-extraction-benchmark lives, from the repository's root. */
export const BENCH_DIR = new URL('../../../../shared/corpus/article-extraction/', import.meta.url).pathname;

/** The ground truth, page id → article text. */
export function groundTruth(): Map<string, { articleBody: string; url: string }> {
  const json = JSON.parse(readFileSync(`${BENCH_DIR}ground-truth.json`, 'utf8')) as Record<string, { articleBody: string; url: string }>;
  return new Map(Object.entries(json));
}

/** A published extractor's output (`published-outputs/NAME.json`), page id → text. */
export function publishedOutput(name: string): Map<string, string> {
  const json = JSON.parse(readFileSync(`${BENCH_DIR}published-outputs/${name}.json`, 'utf8')) as { output: Record<string, { articleBody?: string }> };
  return new Map(Object.entries(json.output).map(([id, page]) => [id, page.articleBody ?? '']));
}

export const PUBLISHED = ['rs_trafilatura', 'trafilatura', 'readability_js'] as const;

/** Every page with its HTML (as saved: bytes, gunzipped), in id order. */
export function benchPages(): BenchPage[] {
  const truth = groundTruth();
  return readdirSync(`${BENCH_DIR}html`)
    .filter((f) => f.endsWith('.html.gz'))
    .sort()
    .map((file) => {
      const id = file.slice(0, -'.html.gz'.length);
      const page = truth.get(id);
      if (!page) throw new Error(`${file} has no ground truth`);
      return { id, url: page.url, truth: page.articleBody, html: gunzipSync(readFileSync(`${BENCH_DIR}html/${file}`)) };
    });
}
