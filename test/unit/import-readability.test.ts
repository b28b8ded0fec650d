import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { importContent } from '../../main/core/import/index.js';
import { pictureDescription } from '../../main/core/import/images.js';
import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import { corpus } from '../support/temp.js';

/**
 * Mozilla Readability's own test pages, imported through the whole HTML
 * importer (linkedom, Readability, our allow-list, the article schema) and
 * compared with what upstream expects Readability to extract. Upstream runs
 * each page at http://fakehost/test/page.html, and so do we.
 */
const PAGES = corpus('readability/test-pages');
const PAGE_URL = 'http://fakehost/test/page.html';

/** Words, lower-cased, as a multiset. */
function words(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** Dice coefficient (F1) of two word multisets: 1 when the same words occur the same number of times. */
function similarity(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  let common = 0;
  let total = 0;
  for (const [word, n] of x) {
    common += Math.min(n, y.get(word) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return total === 0 ? 1 : (2 * common) / total;
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The text of Readability's expected output as Marginalia shows it: web
 * pictures are never downloaded, so each one reads as its description.
 */
function textShownFor(html: string, withDescriptions = true): string {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  if (withDescriptions) {
    for (const img of Array.from(document.querySelectorAll('img'))) img.replaceWith(` ${pictureDescription(img.getAttribute('alt'))} `);
  }
  return document.body.textContent ?? '';
}

describe('Readability test pages', () => {
  it('imports every page; titles and extracted text match what upstream Readability expects', () => {
    const started = performance.now();
    const names = readdirSync(PAGES).sort();
    let titles = 0;
    let similar = 0;
    let similarToPlainText = 0;
    const misses: string[] = [];
    for (const name of names) {
      const source = readFileSync(`${PAGES}/${name}/source.html`);
      const expected = JSON.parse(readFileSync(`${PAGES}/${name}/expected-metadata.json`, 'utf8')) as { title: string };
      const content = importContent(`${name}.html`, source, { pageUrl: PAGE_URL });
      const doc = documentFromJSON(content.document); // nothing invalid comes out

      if (normalise(content.title) === normalise(expected.title)) titles++;
      else misses.push(`${name}: title ${JSON.stringify(content.title)} ≠ ${JSON.stringify(expected.title)}`);

      const body = articleText(doc).text.split('\n').slice(1).join('\n'); // without the title line
      const expectedHtml = readFileSync(`${PAGES}/${name}/expected.html`, 'utf8');
      const expectedText = textShownFor(expectedHtml);
      const score = similarity(body, expectedText);
      if (similarity(body, textShownFor(expectedHtml, false)) >= 0.9) similarToPlainText++;
      if (score >= 0.9) similar++;
      else misses.push(`${name}: text similarity ${score.toFixed(3)}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const pct = (n: number) => ((100 * n) / names.length).toFixed(1);
    console.log(
      `readability: ${names.length} pages, titles ${titles}/${names.length} (${pct(titles)}%), text ≥0.9: ${similar}/${names.length} (${pct(similar)}%) ` +
        `(${similarToPlainText}/${names.length} against the bare textContent, without picture descriptions), ${seconds.toFixed(1)} s`,
    );
    if (misses.length > 0) console.log(misses.join('\n'));
    expect(names.length).toBe(130);
    expect(titles / names.length).toBeGreaterThanOrEqual(0.95);
    expect(similar / names.length).toBeGreaterThanOrEqual(0.9);
  });
});
