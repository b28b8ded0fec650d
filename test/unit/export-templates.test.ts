import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { compileTemplate, exportMarkdown, loadTemplate, presetTemplate } from '../../main/core/export/index.js';
import { MarginaliaError } from '../../shared/contract/errors.js';
import type { Article, Highlight } from '../../shared/model.js';
import { codePoints } from '../../shared/offsets.js';
import { blocksOf, inlineText } from '../support/markdown.js';
import { Parser } from 'commonmark';

const fixture = (name: string) => new URL(`../fixtures/export/${name}`, import.meta.url).pathname;
const exportedAt = new Date('2026-11-25T10:00:00Z');

const article: Article = {
  id: 'a-templates00001',
  title: 'Call me *Ishmael*',
  source: { kind: 'file', name: 'moby-dick.txt' },
  metadata: { byline: 'Herman Melville' },
  importedAt: '2026-11-01T00:00:00.000Z',
  contentHash: '0'.repeat(64),
  tags: [],
  document: { type: 'doc', content: [] },
};

function highlight(id: string, start: number, exact: string, note = ''): Highlight {
  return {
    id,
    articleId: article.id,
    target: {
      position: { type: 'TextPositionSelector', start: codePoints(start), end: codePoints(start + [...exact].length) },
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    },
    color: 'blue',
    note,
    tags: [],
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-02T00:00:00.000Z',
  };
}

const highlights = [
  highlight('h-templates0002', 120, '# Some years ago', 'never mind\nhow long *precisely*'),
  highlight('h-templates0001', 0, 'Call me Ishmael.'),
];

async function templateError(path: string): Promise<MarginaliaError> {
  const error = await loadTemplate(fixture(path)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MarginaliaError);
  return error as MarginaliaError;
}

describe('export templates', () => {
  it("renders a user's template file: fields, helpers, highlights in document order", async () => {
    const template = await loadTemplate(fixture('reading-notes.hbs'));
    const markdown = exportMarkdown(article, highlights, { exportedAt, template });
    expect(markdown).toBe(readFileSync(fixture('reading-notes.expected.md'), 'utf8'));
    const blocks = blocksOf(new Parser().parse(markdown));
    expect(inlineText(blocks[0]!)).toBe('Reading notes: Call me *Ishmael*');
    const quotes = blocks.filter((b) => b.type === 'block_quote').map((b) => inlineText(b.firstChild!));
    expect(quotes).toEqual(['Call me Ishmael.', '# Some years ago']);
  });

  it('reports a syntax error with its line in the template file', async () => {
    const error = await templateError('broken-syntax.hbs');
    expect(error.code).toBe('invalid-request');
    expect(error.message).toMatch(/^Template .*broken-syntax\.hbs, line 8: syntax error/);
  });

  it('reports a misspelt field with its line, before anything is exported', async () => {
    const error = await templateError('unknown-field.hbs');
    expect(error.message).toMatch(/unknown-field\.hbs, line 8: "writer" is neither a field nor a helper/);
  });

  it('refuses a template that does not say where the highlights go, or how to write one', async () => {
    expect((await templateError('no-highlights.hbs')).message).toMatch(/no \{\{#\*inline "highlight"\}\}/);
    expect(() => compileTemplate('{{#*inline "highlight"}}{{quote}}{{/inline}}', 'inline.hbs')).toThrow(/no \{\{> highlights\}\}/);
    const missing = await loadTemplate(fixture('does-not-exist.hbs')).catch((e: MarginaliaError) => e);
    expect(missing).toMatchObject({ code: 'not-found' });
  });

  it('keeps prototype access blocked: a template cannot reach constructors', () => {
    const template = compileTemplate(
      '{{lookup article "__proto__"}}|{{lookup article "constructor"}}|{{lookup article.tags "constructor"}}\n{{> highlights}}\n{{#*inline "highlight"}}{{quote}}{{/inline}}',
      'probe.hbs',
    );
    const markdown = exportMarkdown(article, [], { exportedAt, template });
    expect(markdown).not.toMatch(/function|\[object/);
    expect(() => compileTemplate('{{article.title.constructor.name}}{{> highlights}}{{#*inline "highlight"}}{{/inline}}', 'probe.hbs')).toThrow(
      MarginaliaError,
    );
  });

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'article.constructor', 'article.source.toString'])(
    'takes {{%s}} for a misspelt field, reported with its line, not an Object.prototype member rendered as nothing',
    (field) => {
      const source = `# {{inline article.title}}\n\n{{> highlights}}\n\n{{#*inline "highlight"}}\n{{quote}} {{${field}}}\n{{/inline}}`;
      const name = field.split('.').at(-1)!;
      expect(() => compileTemplate(source, 'probe.hbs')).toThrow(
        expect.objectContaining({ code: 'invalid-request', message: `Template probe.hbs, line 6: "${name}" is neither a field nor a helper (see docs/templates.md).` }),
      );
      const page = `# {{${field}}}\n\n{{> highlights}}\n\n{{#*inline "highlight"}}\n{{quote}}\n{{/inline}}`;
      expect(() => compileTemplate(page, 'page.hbs')).toThrow(expect.objectContaining({ message: expect.stringMatching(/^Template page\.hbs, line 1: /) }));
    },
  );

  it('writes front matter that stays valid YAML for any title and author', () => {
    const hostile = { ...article, title: "a: b\n- c\n'd' \"e\" #f", metadata: { byline: '@at|pipe > gt' } };
    const markdown = exportMarkdown(hostile, highlights, { exportedAt, template: presetTemplate('obsidian') });
    const yaml = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(markdown)![1]!) as Record<string, unknown>;
    expect(yaml).toMatchObject({ title: hostile.title, author: '@at|pipe > gt' });
  });
});
