import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { readAnnotations, toAnnotation, toAnnotationCollection } from '../../main/core/interop/w3c-annotations.js';
import { openTestLibrary } from '../support/library.js';
import { runCli } from '../support/cli.js';
import { SAMPLE_ARTICLE, corpus, tempDir } from '../support/temp.js';
import { codePoints, utf16 } from '../../shared/offsets.js';

const w3c = (path: string) => JSON.parse(readFileSync(corpus(`w3c-annotation/${path}`), 'utf8'));

// Both are CommonJS modules whose default export is the module itself under NodeNext typing.
const Ajv = ((AjvDraft04Module as unknown as { default?: typeof AjvDraft04Module }).default ?? AjvDraft04Module) as unknown as typeof AjvDraft04Module.default;
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as typeof addFormatsModule.default;

/** The W3C "annotation MUSTs" test: every assertion of the manifest, compiled with Ajv (draft-04). */
function mustsValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of readdirSync(corpus('w3c-annotation/definitions'))) ajv.addSchema(w3c(`definitions/${file}`));
  const assertions = (w3c('annotations/annotationMusts.test').assertions as string[]).map((p) => ({ path: p, schema: w3c(p) }));
  const compiled = assertions.map((a) => ({ ...a, validate: ajv.compile(a.schema) }));
  return (annotation: unknown): string[] =>
    compiled
      .filter(({ schema, validate }) => (schema.expectedResult ?? 'valid') === 'valid' ? !validate(annotation) : validate(annotation))
      .map(({ path }) => path);
}

async function sampleWithHighlights() {
  const library = await openTestLibrary({ dataDir: await tempDir(), defaultArticlePath: SAMPLE_ARTICLE });
  const [summary] = await library.listArticles();
  const articleId = summary!.id;
  await library.createHighlight({ articleId, start: codePoints(0), end: codePoints(10), color: 'green', note: 'A *note*.', tags: ['syria', 'g20'] });
  await library.createHighlight({ articleId, start: codePoints(100), end: codePoints(160), color: 'purple' });
  return { library, articleId, ...(await library.getArticle(articleId)) };
}

const fixture = (name: string) => new URL(`../fixtures/export/${name}`, import.meta.url).pathname;

/**
 * orphans-v1.txt with four highlights (made a minute apart: `wharves` first),
 * then orphans-v2.txt imported over it, which drops the paragraphs of
 * `wharves` and `spleen`: those two are orphaned, their stored positions stale.
 */
async function withOrphans() {
  let clock = Date.parse('2026-11-25T10:00:00Z');
  const library = await openTestLibrary({ dataDir: await tempDir(), now: () => new Date((clock += 60_000)) });
  const path = join(await tempDir(), 'whale.txt');
  await copyFile(fixture('orphans-v1.txt'), path);
  const { summary } = await library.importFile({ fileName: 'whale.txt', bytes: await readFile(path), path });
  const quotes = ['belted round by wharves as Indian isles', 'Some years ago I thought I would sail', 'driving off the spleen', 'growing grim about the mouth'];
  for (const quote of quotes) {
    const index = await library.indexOf(summary.id);
    const at = index.text.indexOf(quote);
    await library.createHighlight({ articleId: summary.id, start: index.toCodePoint(utf16(at)), end: index.toCodePoint(utf16(at + quote.length)), color: 'pink', note: quote });
  }
  await copyFile(fixture('orphans-v2.txt'), path);
  expect((await library.importFile({ fileName: 'whale.txt', bytes: await readFile(path), path })).newVersion).toMatchObject({ orphaned: 2 });
  return library.getArticle(summary.id);
}

describe('W3C Web Annotation export', () => {
  it('passes all 54 W3C annotation MUST assertions for every exported highlight', async () => {
    const { article, highlights } = await sampleWithHighlights();
    const failures = mustsValidator();
    expect(w3c('annotations/annotationMusts.test').assertions).toHaveLength(54);
    for (const h of highlights) expect(failures(toAnnotation(article, h, true))).toEqual([]);
  });

  it('the validator is real: it rejects the W3C incorrect samples that are JSON', () => {
    const failures = mustsValidator();
    const dir = corpus('w3c-annotation/tools/samples/incorrect');
    let rejected = 0;
    for (const file of readdirSync(dir)) {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      } catch {
        continue;
      }
      if (failures(json).length > 0) rejected++;
    }
    expect(rejected).toBe(22);
  });

  it('writes an AnnotationCollection whose page holds notes as commenting and tags as tagging bodies', async () => {
    const { article, highlights } = await sampleWithHighlights();
    const collection = toAnnotationCollection(article, highlights) as { type: string; total: number; first: { type: string; items: Record<string, unknown>[] } };
    expect(collection).toMatchObject({ type: 'AnnotationCollection', total: 2, first: { type: 'AnnotationPage' } });
    expect(collection.first.items[0]).toMatchObject({
      body: [
        { type: 'TextualBody', value: 'A *note*.', purpose: 'commenting', format: 'text/markdown' },
        { type: 'TextualBody', value: 'syria', purpose: 'tagging' },
        { type: 'TextualBody', value: 'g20', purpose: 'tagging' },
      ],
      'marginalia:color': 'green',
    });
  });

  it('reads its own export back: same passages, notes, tags and colours', async () => {
    const { article, highlights } = await sampleWithHighlights();
    const { annotations, skipped } = readAnnotations(JSON.parse(JSON.stringify(toAnnotationCollection(article, highlights))));
    expect(skipped).toBe(0);
    const byQuote = (xs: { target: { quote: { exact: string } } }[]) => xs.map((x) => x.target.quote.exact).sort();
    expect(byQuote(annotations)).toEqual(byQuote(highlights));
    const first = annotations.find((a) => a.note === 'A *note*.')!;
    expect(first).toMatchObject({ tags: ['syria', 'g20'], color: 'green' });
    expect(first.target).toEqual(highlights.find((h) => h.note === 'A *note*.')!.target);
  });

  it('marks an orphaned highlight marginalia:orphaned, with its quote and no stale position, and lists it after the placed ones', async () => {
    const { article, highlights } = await withOrphans();
    const collection = JSON.parse(JSON.stringify(toAnnotationCollection(article, highlights))) as {
      '@context': unknown[];
      first: { items: { target: { selector: { type: string; exact?: string }[] }; 'marginalia:orphaned'?: boolean }[] };
    };
    const items = collection.first.items;
    expect(items.map((a) => [a.target.selector[0]!.exact, a.target.selector.map((s) => s.type), a['marginalia:orphaned']])).toEqual([
      ['Some years ago I thought I would sail', ['TextQuoteSelector', 'TextPositionSelector'], undefined],
      ['growing grim about the mouth', ['TextQuoteSelector', 'TextPositionSelector'], undefined],
      // Orphans: oldest first, whatever their old positions (spleen's lay between the placed ones).
      ['belted round by wharves as Indian isles', ['TextQuoteSelector'], true],
      ['driving off the spleen', ['TextQuoteSelector'], true],
    ]);
    // The extension term expands through the context's marginalia prefix.
    expect(collection['@context']).toEqual(['http://www.w3.org/ns/anno.jsonld', { marginalia: 'urn:x-marginalia:' }]);
    const failures = mustsValidator();
    for (const h of highlights) expect(failures(toAnnotation(article, h, true)), h.note).toEqual([]);
    const { annotations } = readAnnotations(collection);
    expect(annotations.map((a) => a.orphaned)).toEqual([undefined, undefined, true, true]);
  });

  it('reads Hypothesis API JSON (the Hypothesis baseline annotations)', () => {
    const json = JSON.parse(readFileSync(corpus('anchoring-cases/hypothesis/html-baselines/minimal.json'), 'utf8'));
    const { annotations } = readAnnotations(json);
    expect(annotations.length).toBe(json.rows.length);
    expect(annotations[0]!.target.quote).toMatchObject({ exact: 'Two', prefix: 'One ', suffix: ' Three\n' });
  });
});

describe('the anchor CLI', () => {
  it('prints one JSON line per annotation with code-point offsets over the text file (emoji, BOM, CRLF)', async () => {
    const dir = await tempDir();
    const text = '\ufeffl😃rem ipsum dolor amet\r\nyada yada 😃 the end';
    await writeFile(join(dir, 'text.txt'), text);
    const annotations = [
      { id: 'a1', type: 'Annotation', target: { source: 'x', selector: [{ type: 'TextQuoteSelector', exact: 'dolor amet', prefix: 'ipsum ', suffix: '\nyada' }, { type: 'TextPositionSelector', start: 12, end: 22 }] } },
      { id: 'a2', type: 'Annotation', target: { source: 'x', selector: [{ type: 'TextQuoteSelector', exact: 'the end', prefix: '😃 ', suffix: '' }, { type: 'TextPositionSelector', start: 0, end: 7 }] } },
      { id: 'a3', type: 'Annotation', target: { source: 'x', selector: [{ type: 'TextQuoteSelector', exact: 'a passage that is not there', prefix: '', suffix: '' }] } },
    ];
    await writeFile(join(dir, 'notes.jsonld'), JSON.stringify({ type: 'AnnotationPage', items: annotations }));
    const result = await runCli(['anchor', '--text', join(dir, 'text.txt'), '--annotations', join(dir, 'notes.jsonld')]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { id: 'a1', status: 'anchored', start: 12, end: 22, method: 'position' },
      { id: 'a2', status: 'anchored', start: 35, end: 42, method: 'quote' },
      { id: 'a3', status: 'orphaned', start: null, end: null, method: null },
    ]);
  });
});
