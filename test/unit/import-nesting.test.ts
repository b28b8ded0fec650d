import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { measure, parsePage } from '../../main/core/import/html/parse.js';
import { deepestNesting, MAX_NESTING_DEPTH } from '../../main/core/import/html/nesting.js';
import { importContent } from '../../main/core/import/index.js';
import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import { corpus } from '../support/temp.js';

interface DeepDocument {
  case: string;
  fileName: string;
  before: string;
  open: string;
  text: string;
  close: string;
  times: number;
}

const fixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../fixtures/import/nesting/${name}`, import.meta.url), 'utf8')) as T;
const deep = fixture<{ refused: DeepDocument[]; imported: DeepDocument[] }>('deep-documents.json');
const soup = fixture<{ cases: { case: string; html: string; depth: number }[] }>('tag-soup.json');
const bytesOf = (d: DeepDocument) => Buffer.from(d.before + d.open.repeat(d.times) + d.text + d.close.repeat(d.times));

describe('documents nested too deeply to parse', () => {
  it.each(deep.refused.map((d) => [d.case, d] as const))('%s is refused with its message, before a DOM is built', (_, d) => {
    expect(() => importContent(d.fileName, bytesOf(d))).toThrow(
      expect.objectContaining({
        code: 'too-complex',
        message: `${d.fileName} is too deeply nested to import: its elements nest more than 1,000 levels deep.`,
      }),
    );
  });

  it.each(deep.imported.map((d) => [d.case, d] as const))('%s still imports, with its text', (_, d) => {
    const content = importContent(d.fileName, bytesOf(d));
    expect(articleText(documentFromJSON(content.document)).text).toContain(d.text);
  });

  it.each(soup.cases.map((c) => [c.case, c] as const))('the depth found without parsing is the depth the parser builds: %s', (_, c) => {
    expect(measure(parsePage(c.html).documentElement!).depth).toBe(c.depth);
    expect(deepestNesting(c.html)).toBe(c.depth);
  });

  it('no real page comes near the limit: every Readability, article-extraction, book and hostile page nests under 100 deep', () => {
    const pages = [
      ...readdirSync(corpus('readability/test-pages')).map((name) => readFileSync(corpus(`readability/test-pages/${name}/source.html`), 'utf8')),
      ...readdirSync(corpus('article-extraction/html')).map((name) => gunzipSync(readFileSync(corpus(`article-extraction/html/${name}`))).toString('utf8')),
      ...['moby-dick.html', 'pride-and-prejudice.html', 'war-and-peace.html'].map((name) => readFileSync(corpus(`books/${name}`), 'utf8')),
      ...readdirSync(corpus('hostile')).filter((name) => /\.x?html$/.test(name) && !name.startsWith('deeply-nested')).map((name) => readFileSync(corpus(`hostile/${name}`), 'utf8')),
    ];
    expect(pages.length).toBe(130 + 141 + 3 + 11);
    const deepest = Math.max(...pages.map((html) => deepestNesting(html, MAX_NESTING_DEPTH)));
    expect(deepest).toBeLessThan(100);
  });
});
