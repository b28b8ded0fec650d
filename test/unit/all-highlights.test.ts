import { describe, expect, it } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { exportToFolder, presetTemplate } from '../../main/core/export/index.js';
import type { HighlightFilter } from '../../shared/highlight-filter.js';
import { codePoints } from '../../shared/offsets.js';
import { openTestLibrary } from '../support/library.js';
import { corpus, SAMPLE_ARTICLE, tempDir } from '../support/temp.js';

/**
 * A library of the sample article and Pride and Prejudice, highlighted over
 * four days: the sample first (out of document order), Pride and Prejudice last.
 */
async function highlightedLibrary() {
  const dataDir = await tempDir();
  let day = 1;
  const library = await openTestLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE, now: () => new Date(Date.UTC(2026, 10, day, 12)) });
  const [sample] = await library.listArticles();
  const pride = (await library.importFile({ fileName: 'pride-and-prejudice.txt', bytes: await readFile(corpus('books/pride-and-prejudice.txt')) })).summary;
  const highlight = async (articleId: string, start: number, fields: { color?: 'yellow' | 'green' | 'blue' | 'pink'; note?: string; tags?: string[]; length?: number } = {}) => {
    const h = await library.createHighlight({
      articleId,
      start: codePoints(start),
      end: codePoints(start + (fields.length ?? 40)),
      color: fields.color ?? 'yellow',
      note: fields.note,
      tags: fields.tags,
    });
    day++;
    return h;
  };
  const kerry = await highlight(sample!.id, 300, { color: 'blue', note: 'Kerry’s *plan*' }); // 1 Nov
  const opening = await highlight(sample!.id, 0, { tags: ['diplomacy'] }); // 2 Nov
  const un = await highlight(sample!.id, 100, { color: 'green', tags: ['diplomacy/un'] }); // 3 Nov
  const diplomat = await highlight(sample!.id, 200, { tags: ['diplomat'] }); // 4 Nov
  const long = await highlight(pride.id, 2000, { note: 'Élisabeth’s first impression', length: 1000 }); // 5 Nov
  const bennet = await highlight(pride.id, 1000, { color: 'pink' }); // 6 Nov
  return { library, dataDir, sample: sample!, pride, h: { kerry, opening, un, diplomat, long, bennet } };
}

const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);

describe('All highlights', () => {
  it('lists every highlight by article, the most recently highlighted article first, in document order within each', async () => {
    const { library, h } = await highlightedLibrary();
    const page = await library.listHighlights({}, 0, 100);
    expect(page.total).toBe(6);
    expect(page.articles).toBe(2);
    expect(ids(page.rows)).toEqual([h.bennet.id, h.long.id, h.opening.id, h.un.id, h.diplomat.id, h.kerry.id]);
    expect(page.rows[0]).toMatchObject({ articleTitle: expect.stringMatching(/Pride and Prejudice/i), color: 'pink', orphaned: false, note: '' });
  });

  it('cuts a long quote to what a row shows and says so', async () => {
    const { library, h } = await highlightedLibrary();
    const row = (await library.listHighlights({ articleId: h.long.articleId }, 0, 10)).rows.find((r) => r.id === h.long.id)!;
    expect(Array.from(row.quote)).toHaveLength(400);
    expect(row.quoteCut).toBe(true);
    expect(h.long.target.quote.exact.startsWith(row.quote)).toBe(true);
    expect(row).toMatchObject({ note: 'Élisabeth’s first impression', noteCut: false });
  });

  it.each<[string, (h: Awaited<ReturnType<typeof highlightedLibrary>>['h']) => HighlightFilter, (keys: Awaited<ReturnType<typeof highlightedLibrary>>['h']) => string[]]>([
    ['a tag, with the tags nested under it, not one that only starts the same', () => ({ tag: 'diplomacy' }), (h) => [h.opening.id, h.un.id]],
    ['a nested tag alone', () => ({ tag: 'diplomacy/un' }), (h) => [h.un.id]],
    ['a colour', () => ({ color: 'yellow' }), (h) => [h.long.id, h.opening.id, h.diplomat.id]],
    ['highlights with a note', () => ({ noted: true }), (h) => [h.long.id, h.kerry.id]],
    ['words of a note, accents and case not counting', () => ({ text: 'ELISABETH first' }), (h) => [h.long.id]],
    ['a tag typed as words, nested ones too', () => ({ text: '#diplomacy' }), (h) => [h.opening.id, h.un.id]],
    ['an article', (h) => ({ articleId: h.kerry.articleId }), (h) => [h.opening.id, h.un.id, h.diplomat.id, h.kerry.id]],
    ['a span of days (since is kept, before is not)', () => ({ since: '2026-11-02T00:00:00.000Z', before: '2026-11-04T00:00:00.000Z' }), (h) => [h.opening.id, h.un.id]],
    ['several at once', () => ({ color: 'yellow', since: '2026-11-03T00:00:00.000Z' }), (h) => [h.long.id, h.diplomat.id]],
    ['nothing kept', () => ({ color: 'purple' }), () => []],
  ])('filters by %s', async (_name, filterOf, expected) => {
    const { library, h } = await highlightedLibrary();
    const page = await library.listHighlights(filterOf(h), 0, 100);
    expect(ids(page.rows)).toEqual(expected(h));
    expect(page.total).toBe(expected(h).length);
  });

  it('serves the list a page at a time, and follows changes made meanwhile (here and by another process)', async () => {
    const { library, dataDir, h, pride } = await highlightedLibrary();
    const first = await library.listHighlights({}, 0, 4);
    const rest = await library.listHighlights({}, 4, 4);
    expect([...ids(first.rows), ...ids(rest.rows)]).toEqual(ids((await library.listHighlights({}, 0, 100)).rows));
    expect(rest.rows).toHaveLength(2);

    await library.deleteHighlight({ articleId: h.un.articleId, highlightId: h.un.id });
    await library.updateHighlight({ articleId: h.diplomat.articleId, highlightId: h.diplomat.id, color: 'purple' });
    expect(ids((await library.listHighlights({ color: 'purple' }, 0, 10)).rows)).toEqual([h.diplomat.id]);
    expect((await library.listHighlights({}, 0, 100)).total).toBe(5);

    // Another process (the CLI) highlights Pride and Prejudice and leaves.
    const other = await openTestLibrary({ dataDir });
    const added = await other.createHighlight({ articleId: pride.id, start: codePoints(10), end: codePoints(30), color: 'green' });
    await other.close();
    const now = await library.listHighlights({ articleId: pride.id }, 0, 10);
    expect(ids(now.rows)).toEqual([added.id, h.bennet.id, h.long.id]);
  });

  it('an export of a filter writes exactly the highlights it keeps, in the articles that have any', async () => {
    const { library, h } = await highlightedLibrary();
    const folder = await tempDir();
    const report = await exportToFolder(library, { highlights: { tag: 'diplomacy' } }, { folder, stateDir: await tempDir(), template: presetTemplate('plain') });
    expect(report.files.map((f) => f.articleId)).toEqual([h.opening.articleId]);
    const [file] = await readdir(folder);
    const text = await readFile(join(folder, file!), 'utf8');
    expect(text).toContain(h.opening.target.quote.exact.trim().slice(0, 30));
    expect(text).toContain(h.un.target.quote.exact.trim().slice(0, 30));
    for (const left of [h.kerry, h.diplomat]) expect(text).not.toContain(left.target.quote.exact.trim().slice(0, 30));
  });
});
