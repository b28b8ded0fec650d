import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { exportMarkdown, presetTemplate, PRESET_NAMES, type PresetName } from '../../main/core/export/index.js';
import type { Article, Highlight } from '../../shared/model.js';
import { leafTexts, readExport } from '../support/markdown.js';
import { codePoints } from '../../shared/offsets.js';

/*
 * Any text, as a quote or a note, must come back from a CommonMark parser as
 * the same text, up to what Markdown cannot keep (docs/templates.md):
 *   - line endings (CRLF, CR) become LF;
 *   - each line loses the whitespace at both ends (spaces, tabs, and other
 *     Unicode white space: CommonMark trims paragraphs);
 *   - blank lines are dropped: each remaining line is one paragraph, so one
 *     line break and several blank lines read back alike;
 *   - U+0000 becomes U+FFFD (CommonMark's rule for insecure characters).
 * Whitespace inside a line, tabs included, is kept exactly.
 */
const normalise = (text: string): string =>
  text
    .replace(/\0/g, '\uFFFD')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');

const exportedAt = new Date('2026-11-25T10:00:00Z');
const article: Article = {
  id: 'a-roundtrip000001',
  title: 'Round trip',
  source: { kind: 'file', name: 'round-trip.txt' },
  importedAt: '2026-11-01T00:00:00.000Z',
  contentHash: '0'.repeat(64),
  tags: [],
  document: { type: 'doc', content: [] },
};

function highlight(quote: string, note: string): Highlight {
  return {
    id: 'h-roundtrip0001',
    articleId: article.id,
    target: {
      position: { type: 'TextPositionSelector', start: codePoints(0), end: codePoints([...quote].length) },
      quote: { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
    },
    color: 'green',
    note,
    tags: [],
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  };
}

/** Exports one highlight, reads it back, and says what differs (nothing: null). */
function roundTrip(preset: PresetName, quote: string, note: string): string | null {
  const markdown = exportMarkdown(article, [highlight(quote, note)], { exportedAt, template: presetTemplate(preset) });
  let read;
  try {
    read = readExport(markdown, preset);
  } catch (error) {
    return `unreadable: ${(error as Error).message}`;
  }
  if (read.length !== 1) return `${read.length} highlights read back`;
  const [h] = read;
  if (h!.quote !== normalise(quote)) return `quote ${JSON.stringify(h!.quote)}`;
  if (h!.after.join('\n') !== normalise(note)) return `note ${JSON.stringify(h!.after)}`;
  if (h!.color !== undefined && h!.color !== 'green') return `colour ${h!.color}`;
  // A second CommonMark parser must read the same text everywhere (front matter aside).
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
  if (JSON.stringify(leafTexts(body, 'markdown-it')) !== JSON.stringify(leafTexts(body, 'commonmark'))) return 'markdown-it reads it differently';
  return null;
}

const specExamples = (
  JSON.parse(readFileSync('../shared/corpus/commonmark/spec.json', 'utf8')) as { markdown: string; example: number }[]
).filter((e) => e.markdown.trim() !== '');

/** A seeded PRNG (mulberry32): the same passages every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 2,000 passages of 20–300 characters; half start and end on word boundaries, half anywhere. */
function mobyDickPassages(count: number): string[] {
  const book = readFileSync('../shared/corpus/books/moby-dick.txt', 'utf8');
  const next = random(2701);
  const passages: string[] = [];
  while (passages.length < count) {
    let start = Math.floor(next() * (book.length - 400));
    let end = start + 20 + Math.floor(next() * 281);
    if (passages.length % 2 === 0) {
      while (start > 0 && !/\s/.test(book[start - 1]!)) start--;
      while (end < book.length && !/\s/.test(book[end]!)) end++;
    }
    const passage = book.slice(start, end);
    if (passage.trim() !== '') passages.push(passage);
  }
  return passages;
}

describe('Markdown round trip', () => {
  const passages = mobyDickPassages(2000);

  it.each(PRESET_NAMES)('%s: every CommonMark spec example comes back as the same quote and the same note', (preset) => {
    const failures: string[] = [];
    for (const example of specExamples) {
      const asQuote = roundTrip(preset, example.markdown, '');
      if (asQuote) failures.push(`#${example.example} as quote: ${asQuote}`);
      const asNote = roundTrip(preset, 'Quote.', example.markdown);
      if (asNote) failures.push(`#${example.example} as note: ${asNote}`);
    }
    console.log(`${preset}: ${specExamples.length * 2 - failures.length}/${specExamples.length * 2} spec examples round-trip (as quote and as note)`);
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it.each(PRESET_NAMES)('%s: 2,000 random passages of Moby-Dick come back as quotes and notes', (preset) => {
    const failures: string[] = [];
    for (const [i, passage] of passages.entries()) {
      const problem = roundTrip(preset, passage, passages[(i + 1) % passages.length]!);
      if (problem) failures.push(`passage ${i} ${JSON.stringify(passage.slice(0, 60))}: ${problem}`);
    }
    console.log(`${preset}: ${passages.length - failures.length}/${passages.length} Moby-Dick passages round-trip (quote and note)`);
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it('keeps hostile text literal: emphasis, headings, lists, HTML, tabs, trailing backslashes, long lines', () => {
    const hostile = [
      '*not emphasis* and _not either_ and __nor__ this',
      '# not a heading',
      '> not a quote',
      '1. not a list',
      '2) nor this',
      '- nor a bullet',
      '+ nor this',
      '[not a link](http://example.com) and [[not a wikilink]] and ((not a block ref))',
      '`not code` and ``` not a fence',
      '<b>not HTML</b> <!-- not a comment --> &amp; &#42; not entities',
      'tabs\tinside\tkept, trailing backslash \\',
      'a trailing space and backslash \\ ',
      '#tag ^blockid ==highlight== %%comment%% $math$ {{macro}} key:: value ^^mark^^ ~~strike~~ | table |',
      '---',
      '===',
      'x'.repeat(5000),
      '',
      '    indented four',
      '\tindented by a tab',
    ].join('\n');
    for (const preset of PRESET_NAMES) {
      expect(roundTrip(preset, hostile, hostile), preset).toBeNull();
    }
  });

  it('nests a Logseq highlight as one outline block: quote inside the list item, note paragraphs as child blocks', () => {
    const markdown = exportMarkdown(article, [highlight('First paragraph.\nSecond paragraph.', 'One.\nTwo.')], {
      exportedAt,
      template: presetTemplate('logseq'),
    });
    expect(markdown).toContain('\n-\n  id:: ');
    expect(markdown).toContain('  > First paragraph.\n  >\n  > Second paragraph.\n\t- One.\n\t- Two.\n');
    const [read] = readExport(markdown, 'logseq');
    expect(read).toMatchObject({ quote: 'First paragraph.\nSecond paragraph.', after: ['One.', 'Two.'], color: 'green' });
    expect(read!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
