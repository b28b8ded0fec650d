import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { exportMarkdown, presetTemplate, PRESET_NAMES, uuidOf, type PresetName } from '../../main/core/export/index.js';
import { noteMarkdown } from '../../main/core/export/note.js';
import type { Article, Highlight } from '../../shared/model.js';
import { leafTexts, readExport } from '../support/markdown.js';
import { blockShapes, noteRegion } from '../support/note-region.js';
import { codePoints } from '../../shared/offsets.js';

/*
 * Any text as a quote must come back from a CommonMark parser as the same
 * text, up to what Markdown cannot keep (docs/templates.md):
 *   - line endings (CRLF, CR) become LF;
 *   - each line loses the whitespace at both ends (spaces, tabs, and other
 *     Unicode white space: CommonMark trims paragraphs);
 *   - blank lines are dropped: each remaining line is one paragraph, so one
 *     line break and several blank lines read back alike;
 *   - U+0000 becomes U+FFFD (CommonMark's rule for insecure characters).
 * Whitespace inside a line, tabs included, is kept exactly.
 *
 * A note is Markdown, written as it is: in the export it must read as the
 * same blocks as it reads alone, and end where it ends (the tags and the next
 * highlight after it are read whole).
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

function highlight(quote: string, note: string, id = 'h-roundtrip0001', tags: string[] = []): Highlight {
  return {
    id,
    articleId: article.id,
    target: {
      position: { type: 'TextPositionSelector', start: codePoints(0), end: codePoints([...quote].length) },
      quote: { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
    },
    color: 'green',
    note,
    tags,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  };
}

/** Exports one highlight with a quote and no note, reads it back, and says what differs (nothing: null). */
function quoteRoundTrip(preset: PresetName, quote: string): string | null {
  const markdown = exportMarkdown(article, [highlight(quote, '')], { exportedAt, template: presetTemplate(preset) });
  let read;
  try {
    read = readExport(markdown, preset);
  } catch (error) {
    return `unreadable: ${(error as Error).message}`;
  }
  if (read.length !== 1) return `${read.length} highlights read back`;
  const [h] = read;
  if (h!.quote !== normalise(quote)) return `quote ${JSON.stringify(h!.quote)}`;
  if (h!.after.length > 0) return `after the quote ${JSON.stringify(h!.after)}`;
  if (h!.color !== undefined && h!.color !== 'green') return `colour ${h!.color}`;
  // A second CommonMark parser must read the same text everywhere (front matter aside).
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
  if (JSON.stringify(leafTexts(body, 'markdown-it')) !== JSON.stringify(leafTexts(body, 'commonmark'))) return 'markdown-it reads it differently';
  return null;
}

/** A tag no note of the tests has: the line the note must end before. */
const END_TAG = 'zz-after-the-note';
const SECOND = 'h-roundtrip0002';

/**
 * Exports a highlight with a note and a tag, then a second highlight, and says
 * what is wrong (nothing: null): the note must read as the same blocks as it
 * does alone, its tags must follow it, and the second highlight must be whole.
 */
function noteContained(preset: PresetName, note: string): string | null {
  const highlights = [highlight('Quote.', note, 'h-roundtrip0001', [END_TAG]), highlight('Next.', '', SECOND)];
  highlights[1]!.target.position = { type: 'TextPositionSelector', start: codePoints(10), end: codePoints(15) };
  const markdown = exportMarkdown(article, highlights, { exportedAt, template: presetTemplate(preset) });
  const region = noteRegion(markdown, preset, END_TAG, preset === 'logseq' ? uuidOf(SECOND) : SECOND);
  if (region.problem) return region.problem;
  // Inside a list item (a Logseq block) a line of spaces is blank: a code block keeps it as an empty line.
  const alone = preset === 'logseq' ? noteMarkdown(note).replace(/^[ \t]+$/gm, '') : noteMarkdown(note);
  if (JSON.stringify(region.note) !== JSON.stringify(blockShapes(alone))) return `read as ${JSON.stringify(region.note).slice(0, 200)}`;
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

  it.each(PRESET_NAMES)('%s: every CommonMark spec example comes back as the same quote, and as a note reads as itself and ends where it ends', (preset) => {
    const failures: string[] = [];
    let notes = 0;
    for (const example of specExamples) {
      const asQuote = quoteRoundTrip(preset, example.markdown);
      if (asQuote) failures.push(`#${example.example} as quote: ${asQuote}`);
      // A Logseq block's lines are indented to column 6, not a tab stop: a tab there counts for less.
      if (preset === 'logseq' && example.markdown.includes('\t')) continue;
      notes++;
      const asNote = noteContained(preset, example.markdown);
      if (asNote) failures.push(`#${example.example} as note: ${asNote}`);
    }
    console.log(`${preset}: ${specExamples.length + notes - failures.length}/${specExamples.length + notes} spec examples as quote and as note`);
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it.each(PRESET_NAMES)('%s: 2,000 random passages of Moby-Dick come back as quotes, and as notes stay in their place', (preset) => {
    const failures: string[] = [];
    for (const [i, passage] of passages.entries()) {
      const problem = quoteRoundTrip(preset, passage) ?? noteContained(preset, passages[(i + 1) % passages.length]!);
      if (problem) failures.push(`passage ${i} ${JSON.stringify(passage.slice(0, 60))}: ${problem}`);
    }
    console.log(`${preset}: ${passages.length - failures.length}/${passages.length} Moby-Dick passages (quote and note)`);
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it('keeps a hostile quote literal, and a hostile note in its place: emphasis, headings, lists, HTML, tabs, trailing backslashes, long lines', () => {
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
      expect(quoteRoundTrip(preset, hostile), preset).toBeNull();
      // (Logseq's column 6 is not a tab stop: a note's leading tab counts for less there.)
      expect(noteContained(preset, hostile.replace(/^\t/gm, '    ')), preset).toBeNull();
    }
  });

  it('nests a Logseq highlight as one outline block: quote inside the list item, the note as one child block', () => {
    const markdown = exportMarkdown(article, [highlight('First paragraph.\nSecond paragraph.', 'One.\nTwo.\n\nThree.')], {
      exportedAt,
      template: presetTemplate('logseq'),
    });
    expect(markdown).toContain('\n-\n  id:: ');
    // Continuation lines, blank ones too, are indented under the child block, as Logseq writes them.
    expect(markdown).toContain('  > First paragraph.\n  >\n  > Second paragraph.\n\t- One.\n\t  Two.\n\t  \n\t  Three.\n');
    const [read] = readExport(markdown, 'logseq');
    expect(read).toMatchObject({ quote: 'First paragraph.\nSecond paragraph.', after: ['One.\nTwo.', 'Three.'], color: 'green' });
    expect(read!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
