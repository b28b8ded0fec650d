/**
 * The article-extraction-benchmark's score (Zyte/Scrapinghub, `evaluate.py`),
 * as `../shared/corpus/README.md` spells it out: word tokens, 4-token
 * shingles counted with multiplicity, true/false positives and negatives per
 * page scaled to sum to 1 (so a long page weighs no more than a short one),
 * then the mean page precision and recall, and their harmonic mean.
 */

/** Python's `\w` on str: letters and numbers of every script, and `_` (combining marks are not word characters). */
const WORD = /[\p{L}\p{N}_]+/gu;

/** Shingles of this many tokens, as the benchmark uses. */
export const SHINGLE_SIZE = 4;

export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Overlapping shingles with their counts; a text shorter than one shingle is one shingle of all it has. */
export function shingles(text: string, size = SHINGLE_SIZE): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - size + 1);
  for (let i = 0; i < last; i++) {
    const shingle = tokens.slice(i, i + size).join(' ');
    if (shingle === '') continue;
    counts.set(shingle, (counts.get(shingle) ?? 0) + 1);
  }
  return counts;
}

/** One page's true positives, false positives and false negatives, scaled to sum to 1 (all 0 when both texts are empty). */
export interface PageMatch {
  tp: number;
  fp: number;
  fn: number;
}

export function matchPage(truth: string, predicted: string): PageMatch {
  const want = shingles(truth);
  const got = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [shingle, w] of want) {
    const g = got.get(shingle) ?? 0;
    tp += Math.min(w, g);
    fn += Math.max(0, w - g);
  }
  for (const [shingle, g] of got) fp += Math.max(0, g - (want.get(shingle) ?? 0));
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn };
}

/** A page's precision: 1 when nothing is wrong or missing, 0 when nothing was predicted right. */
export function pagePrecision({ tp, fp, fn }: PageMatch): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

export function pageRecall({ tp, fp, fn }: PageMatch): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

export interface Score {
  f1: number;
  precision: number;
  recall: number;
}

/**
 * The benchmark's figures over pages: precision averaged over pages where
 * something was predicted, recall over pages where something was expected.
 */
export function score(matches: readonly PageMatch[]): Score {
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  const precision = mean(matches.filter((m) => m.tp + m.fp > 0).map(pagePrecision));
  const recall = mean(matches.filter((m) => m.tp + m.fn > 0).map(pageRecall));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { f1, precision, recall };
}

/** F1 of one page, for finding the pages an extractor loses most on. */
export function pageF1(match: PageMatch): number {
  const p = pagePrecision(match);
  const r = pageRecall(match);
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}
