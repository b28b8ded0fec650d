import { describe, expect, it } from 'vitest';
import { groundTruth, publishedOutput } from '../bench/extract/pages.js';
import { matchPage, pagePrecision, pageRecall, score, shingles, tokenize } from '../bench/extract/score.js';

/**
 * The article-extraction-benchmark's metric, proven on the benchmark's own
 * published outputs before it scores anything of ours: on the 141 pages in
 * the corpus, each extractor's F1, precision and recall as published
 * (`../shared/corpus/README.md`), to three decimals.
 */
const PUBLISHED_FIGURES = [
  { name: 'rs_trafilatura', f1: 0.969, precision: 0.948, recall: 0.991 },
  { name: 'trafilatura', f1: 0.958, precision: 0.937, recall: 0.979 },
  { name: 'readability_js', f1: 0.947, precision: 0.913, recall: 0.983 },
];

describe('the extraction score', () => {
  it.each(PUBLISHED_FIGURES)('reproduces the published figures of $name to three decimals', ({ name, f1, precision, recall }) => {
    const truth = groundTruth();
    const output = publishedOutput(name);
    expect(truth.size).toBe(141);
    const matches = [...truth].map(([id, page]) => matchPage(page.articleBody, output.get(id) ?? ''));
    const figures = score(matches);
    expect(figures.f1.toFixed(3)).toBe(f1.toFixed(3));
    expect(figures.precision.toFixed(3)).toBe(precision.toFixed(3));
    expect(figures.recall.toFixed(3)).toBe(recall.toFixed(3));
  });

  it('tokenises words of every script as Python’s \\w does, case kept, and splits at punctuation', () => {
    expect(tokenize('Über-Café naïve_x 東京 2019 ١٢ Ωmega')).toEqual(['Über', 'Café', 'naïve_x', '東京', '2019', '١٢', 'Ωmega']);
    expect(tokenize("don't — stop.")).toEqual(['don', 't', 'stop']);
    // A combining mark is no word character in Python: "é" written as e + U+0301 splits the word.
    expect(tokenize('cafe\u0301 ok')).toEqual(['cafe', 'ok']);
  });

  it('counts overlapping shingles with multiplicity; a short text is one shingle, an empty one none', () => {
    expect([...shingles('a b c d a b c d')]).toEqual([['a b c d', 2], ['b c d a', 1], ['c d a b', 1], ['d a b c', 1]]);
    expect([...shingles('just two')]).toEqual([['just two', 1]]);
    expect(shingles(' … ').size).toBe(0);
  });

  it('scales each page so it weighs the same, and handles empty pages as the benchmark does', () => {
    const half = matchPage('one two three four five', 'two three four five six seven');
    // truth shingles: [1234, 2345]; predicted: [2345, 3456, 4567]
    expect(half.tp).toBeCloseTo(1 / 4);
    expect(half.fp).toBeCloseTo(2 / 4);
    expect(half.fn).toBeCloseTo(1 / 4);
    expect(pagePrecision(half)).toBeCloseTo(1 / 3);
    expect(pageRecall(half)).toBeCloseTo(1 / 2);

    const nothingPredicted = matchPage('some words of the article', '');
    expect(pagePrecision(nothingPredicted)).toBe(0);
    expect(pageRecall(nothingPredicted)).toBe(0);
    // Precision is averaged over pages where something was predicted: the empty one counts only against recall.
    const figures = score([matchPage('a b c d e', 'a b c d e'), nothingPredicted]);
    expect(figures.precision).toBe(1);
    expect(figures.recall).toBe(0.5);
  });
});
