import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { exportMarkdown, exportFileName } from '../../main/core/export/index.js';
import type { Article, Highlight } from '../../shared/model.js';
import { describe as describeRange } from '../../shared/anchoring/index.js';
import { blocksOf, parseExport, textOf } from '../support/markdown.js';

const exportedAt = new Date('2026-11-25T10:00:00Z');

function article(title = 'Putin Says He And Obama Took Step Forward On Syria'): Article {
  return {
    id: 'a-testarticle0001',
    title,
    source: { kind: 'file', name: 'putin-obama-syria.txt' },
    importedAt: '2026-11-01T00:00:00.000Z',
    contentHash: '0'.repeat(64),
    tags: [],
    document: { type: 'doc', content: [{ type: 'title', content: [{ type: 'text', text: title }] }] },
  };
}

let seq = 0;
function highlight(text: string, start: number, end: number, extra: Partial<Highlight> = {}): Highlight {
  seq++;
  return {
    id: `h-test${String(seq).padStart(12, '0')}`,
    articleId: 'a-testarticle0001',
    target: describeRange(text, start, end),
    color: 'yellow',
    note: '',
    tags: [],
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...extra,
  };
}

/** The quote of each highlight as a reader of the parsed file sees it. */
function quotesOf(markdown: string): string[] {
  return blocksOf(parseExport(markdown).body)
    .filter((b) => b.type === 'block_quote')
    .map((b) => textOf(b));
}

const normalise = (s: string) =>
  s
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l)
    .join('\n');

describe('Markdown export', () => {
  const sample = readFileSync(new URL('../../assets/putin-obama-syria.txt', import.meta.url), 'utf8');

  it('starts with YAML front matter that parses to title, source, tags and export date', () => {
    const a = article();
    const h = highlight(sample, 100, 160, { tags: ['syria', 'diplomacy'] });
    const { frontMatter } = parseExport(exportMarkdown({ ...a, tags: ['news'] }, [h], { exportedAt }));
    expect(frontMatter).toEqual({
      title: a.title,
      source: 'putin-obama-syria.txt',
      tags: ['diplomacy', 'news', 'syria'],
      exported: '2026-11-25T10:00:00.000Z',
      highlights: 1,
    });
  });

  it('keeps a title with YAML-significant characters intact in the front matter', () => {
    const title = 'Re: "Quotes" — #1: a [list], {map} & *star*: yes/no';
    const { frontMatter, body } = parseExport(exportMarkdown(article(title), [], { exportedAt }));
    expect(frontMatter.title).toBe(title);
    const heading = blocksOf(body)[0]!;
    expect(heading.type).toBe('heading');
    expect(textOf(heading)).toBe(title);
  });

  it('writes highlights in document order with quote, block id, note and #tags', () => {
    const later = highlight(sample, 900, 950, { note: 'Second in the text.', tags: ['later'] });
    const earlier = highlight(sample, 200, 260, { note: 'First in the text.\n\nWith a *second* paragraph.', tags: ['syria'] });
    const markdown = exportMarkdown(article(), [later, earlier], { exportedAt });
    const quotes = quotesOf(markdown);
    expect(quotes).toEqual([earlier.target.quote.exact, later.target.quote.exact].map(normalise));
    expect(markdown.indexOf(`^${earlier.id}`)).toBeLessThan(markdown.indexOf(`^${later.id}`));
    expect(markdown).toContain('First in the text.\n\nWith a *second* paragraph.');
    expect(markdown).toMatch(/^#syria$/m);
    expect(markdown).toMatch(/^#later$/m);
    // A block id sits alone on its line right after its quote, as Obsidian expects for quotes.
    expect(markdown).toContain(`\n\n^${earlier.id}\n\n`);
  });

  it('prefixes every line of a quote that spans paragraphs', () => {
    const firstBreak = sample.indexOf('\n', 100);
    const h = highlight(sample, firstBreak - 30, firstBreak + 40);
    const markdown = exportMarkdown(article(), [h], { exportedAt });
    const quoteLines = markdown.split('\n').filter((l) => l.startsWith('>'));
    expect(quoteLines).toHaveLength(3); // text, '>' separator, text
    expect(quotesOf(markdown)).toEqual([normalise(h.target.quote.exact)]);
  });

  it('round-trips every CommonMark spec example used as quote text', () => {
    const examples = JSON.parse(
      readFileSync(new URL('../../../shared/corpus/commonmark/spec.json', import.meta.url), 'utf8'),
    ) as { markdown: string; example: number }[];
    expect(examples.length).toBe(655);
    const failures: number[] = [];
    for (const example of examples) {
      const text = example.markdown.replace(/\t/g, ' ');
      if (text.trim() === '') continue;
      const start = text.search(/\S/);
      const end = text.trimEnd().length;
      const h = highlight(text, start, end);
      const quotes = quotesOf(exportMarkdown(article(), [h], { exportedAt }));
      if (quotes.length !== 1 || quotes[0] !== normalise(text.slice(start, end))) failures.push(example.example);
    }
    expect(failures).toEqual([]);
  });

  it('makes a safe file name from any title', () => {
    expect(exportFileName(article('A/B: "C" <d>?'))).toBe('A B C d.md');
    expect(exportFileName(article('CON'))).toBe('Untitled.md');
    expect(exportFileName(article('Trailing dots...'))).toBe('Trailing dots.md');
  });
});
