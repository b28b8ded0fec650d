import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { exportMarkdown, exportFileName, quoteForClipboard, uuidOf } from '../../main/core/export/index.js';
import type { Article, Highlight } from '../../shared/model.js';
import { describe as describeRange } from '../../shared/anchoring/index.js';
import { utf16 } from '../../shared/offsets.js';
import { blocksOf, parseExport, readExport, textOf } from '../support/markdown.js';

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
    target: describeRange(text, utf16(start), utf16(end)),
    color: 'yellow',
    note: '',
    tags: [],
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...extra,
  };
}

/** The quote of each highlight as a reader of the parsed file sees it. */
const quotesOf = (markdown: string): string[] => readExport(markdown, 'obsidian').map((h) => h.quote);

const normalise = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l)
    .join('\n');

describe('Markdown export', () => {
  const sample = readFileSync(new URL('../../assets/putin-obama-syria.txt', import.meta.url), 'utf8');

  it('starts with YAML front matter that parses to title, source, tags, dates and a link back', () => {
    const a = article();
    const h = highlight(sample, 100, 160, { tags: ['syria', 'diplomacy'] });
    const { frontMatter } = parseExport(exportMarkdown({ ...a, tags: ['news'] }, [h], { exportedAt }));
    expect(frontMatter).toEqual({
      title: a.title,
      source: 'putin-obama-syria.txt',
      tags: ['diplomacy', 'news', 'syria'],
      imported: '2026-11-01T00:00:00.000Z',
      exported: '2026-11-25T10:00:00.000Z',
      highlights: 1,
      marginalia: 'marginalia://article/a-testarticle0001',
    });
  });

  it('adds author, site, address and publication date when the article has them', () => {
    const a = { ...article(), metadata: { byline: 'Jane: "J" Doe', siteName: 'NPR', url: 'https://www.npr.org/a b?c=1#d', published: '2016-09-05' } };
    const { frontMatter } = parseExport(exportMarkdown(a, [], { exportedAt }));
    expect(frontMatter).toMatchObject({ author: 'Jane: "J" Doe', site: 'NPR', url: 'https://www.npr.org/a b?c=1#d', published: '2016-09-05' });
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
    // Notes are Markdown, written as they were typed: the emphasis is emphasis in the file.
    expect(markdown).toContain('First in the text.\n\nWith a *second* paragraph.');
    expect(readExport(markdown, 'obsidian').map((h) => h.after)).toEqual([
      ['First in the text.', 'With a second paragraph.', '#syria'],
      ['Second in the text.', '#later'],
    ]);
    expect(markdown).toMatch(/^#syria$/m);
    expect(markdown).toMatch(/^#later$/m);
    // Each quote is a callout with the highlight's colour; its block id sits alone on the line after it.
    expect(markdown).toContain('> [!quote|yellow]\n> ');
    expect(markdown).toContain(`\n\n^${earlier.id}\n\n`);
  });

  it('prefixes every line of a quote that spans paragraphs', () => {
    const firstBreak = sample.indexOf('\n', 100);
    const h = highlight(sample, firstBreak - 30, firstBreak + 40);
    const markdown = exportMarkdown(article(), [h], { exportedAt });
    const quoteLines = markdown.split('\n').filter((l) => l.startsWith('>'));
    expect(quoteLines).toHaveLength(4); // callout, text, '>' separator, text
    expect(quotesOf(markdown)).toEqual([normalise(h.target.quote.exact)]);
  });

  it('makes a safe file name from any title', () => {
    expect(exportFileName(article('A/B: "C" <d>?'))).toBe('A B C d.md');
    expect(exportFileName(article('CON'))).toBe('Untitled.md');
    expect(exportFileName(article('Trailing dots...'))).toBe('Trailing dots.md');
    expect(exportFileName(article('nul.tar.gz'))).toBe('Untitled.md');
    expect(exportFileName(article('...hidden'))).toBe('hidden.md');
    expect(exportFileName(article('Links #1 ^x [[y]] | z'))).toBe('Links 1 x y z.md');
    expect(exportFileName(article('Tab\there\u0000and\u007fthere'))).toBe('Tab here and there.md');
    const long = exportFileName(article('長'.repeat(200)));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(183);
    expect([...long.replace(/\.md$/, '')].every((c) => c === '長')).toBe(true);
    expect([...exportFileName(article('word '.repeat(60)))].length).toBeLessThanOrEqual(123);
  });

  it('copies one highlight as a Markdown quote citing the article with a marginalia:// link', () => {
    const h = highlight(sample, 200, 260);
    const a = { ...article('A [bracketed] title'), metadata: { url: 'https://example.org/x y', siteName: 'Example' } };
    const copied = quoteForClipboard(a, h);
    expect(copied).toBe(
      `> ${h.target.quote.exact}\n>\n> — [A \\[bracketed\\] title](marginalia://article/${a.id}#${h.id}), [Example](<https://example.org/x%20y>)\n`,
    );
  });

  it('derives the same name-based UUID from a highlight id every time', () => {
    expect(uuidOf('h-abc')).toBe(uuidOf('h-abc'));
    expect(uuidOf('h-abc')).not.toBe(uuidOf('h-abd'));
    expect(uuidOf('h-abc')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Pinned: changing it would change every Logseq id:: already exported.
    expect(uuidOf('h-abc')).toBe('871a6ff5-fc14-5c90-834a-dc09b7afe31e');
    expect(uuidOf('é'.repeat(300))).toMatch(/^[0-9a-f-]{36}$/);
  });
});
