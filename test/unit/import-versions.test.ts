import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openTestLibrary } from '../support/library.js';
import { tempDir } from '../support/temp.js';
import type { Library } from '../../main/core/index.js';
import { utf16 } from '../../shared/offsets.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const FIRST = [
  'Harbour Notes',
  '',
  'The ferry left at dawn, carrying mail and three sleepy passengers across the bay.',
  '',
  'A storm had closed the northern harbour for a week, and the fishermen mended their nets on the quay.',
  '',
  'By noon the sky was clear again and the gulls returned to the breakwater in noisy crowds.',
  '',
].join('\n');
// A word changed in the first paragraph, the second paragraph deleted, a paragraph added at the end.
const SECOND = [
  'Harbour Notes',
  '',
  'The ferry left at sunrise, carrying mail and three sleepy passengers across the bay.',
  '',
  'By noon the sky was clear again and the gulls returned to the breakwater in noisy crowds.',
  '',
  'In the evening the lamps on the pier were lit one by one.',
  '',
].join('\n');

async function highlight(library: Library, articleId: string, quote: string, note = '') {
  const index = await library.indexOf(articleId);
  const at = index.text.indexOf(quote);
  expect(at).toBeGreaterThanOrEqual(0);
  return library.createHighlight({ articleId, start: index.toCodePoint(utf16(at)), end: index.toCodePoint(utf16(at + quote.length)), color: 'green', note, tags: ['harbour'] });
}

describe('re-importing the same source', () => {
  it('makes a new version of the article: highlights move with their passage, a deleted one is orphaned with its note', async () => {
    const dataDir = await tempDir();
    const library = await openTestLibrary({ dataDir });
    const path = join(dataDir, 'incoming', 'harbour.txt');
    const first = await library.importFile({ fileName: 'harbour.txt', bytes: bytes(FIRST), path });
    const id = first.summary.id;
    const edited = await highlight(library, id, 'carrying mail and three sleepy passengers');
    const deleted = await highlight(library, id, 'the fishermen mended their nets', 'nets again');
    const moved = await highlight(library, id, 'the gulls returned to the breakwater');

    const second = await library.importFile({ fileName: 'harbour.txt', bytes: bytes(SECOND), path });
    expect(second.summary.id).toBe(id);
    expect(second.newVersion).toEqual({ version: 2, anchored: 2, orphaned: 1, unchanged: false });
    expect((await library.listArticles()).map((a) => a.id)).toEqual([id]);

    const { article, highlights } = await library.getArticle(id);
    expect(article.version).toBe(2);
    const text = await library.textOf(id);
    const byId = new Map(highlights.map((h) => [h.id, h]));
    for (const h of [edited, moved]) {
      const now = byId.get(h.id)!;
      expect(now.orphaned).toBeUndefined();
      expect(now.target.quote.exact).toBe(h.target.quote.exact);
      expect(text.slice(now.target.position.start, now.target.position.end)).toBe(h.target.quote.exact); // ASCII: code points = UTF-16
    }
    const lost = byId.get(deleted.id)!;
    expect(lost).toMatchObject({ orphaned: true, note: 'nets again', tags: ['harbour'], target: deleted.target });
    // The old version is kept beside the new one.
    expect(existsSync(join(dataDir, 'articles', id, 'article.v1.json'))).toBe(true);

    // Re-attaching puts it on the chosen passage and clears the mark.
    const index = await library.indexOf(id);
    const at = index.text.indexOf('the lamps on the pier');
    const back = await library.reattachHighlight({ articleId: id, highlightId: deleted.id, start: index.toCodePoint(utf16(at)), end: index.toCodePoint(utf16(at + 'the lamps on the pier'.length)) });
    expect(back.orphaned).toBeUndefined();
    expect(back.note).toBe('nets again');
  });

  it('changes nothing when the same content comes again', async () => {
    const dataDir = await tempDir();
    const library = await openTestLibrary({ dataDir });
    const path = join(dataDir, 'harbour.txt');
    const first = await library.importFile({ fileName: 'harbour.txt', bytes: bytes(FIRST), path });
    const again = await library.importFile({ fileName: 'harbour.txt', bytes: bytes(FIRST), path });
    expect(again.summary.id).toBe(first.summary.id);
    expect(again.newVersion).toMatchObject({ version: 1, unchanged: true });
    expect(existsSync(join(dataDir, 'articles', first.summary.id, 'article.v1.json'))).toBe(false);
  });

  it('recognises a saved page by its address, and by title and author, without a path', async () => {
    const page = (body: string) =>
      bytes(`<!doctype html><html><head><title>Tides</title><meta name="author" content="Ada Shore"><link rel="canonical" href="https://example.org/tides"></head><body><article><h1>Tides</h1><p>${body}</p></article></body></html>`);
    const library = await openTestLibrary({ dataDir: await tempDir() });
    const first = await library.importFile({ fileName: 'tides.html', bytes: page('The tide comes in twice a day, a little later each time, pulled by the moon.') });
    const second = await library.importFile({ fileName: 'tides (1).html', bytes: page('The tide comes in twice a day, about fifty minutes later each time, pulled by the moon.') });
    expect(first.summary).toMatchObject({ url: 'https://example.org/tides', byline: 'Ada Shore' });
    expect(second.summary.id).toBe(first.summary.id);
    expect(second.newVersion).toMatchObject({ version: 2, unchanged: false });
  });

  it('a new version imported by another process (the CLI) is what this one reads next', async () => {
    const dataDir = await tempDir();
    const app = await openTestLibrary({ dataDir });
    const path = join(dataDir, 'harbour.txt');
    const { summary } = await app.importFile({ fileName: 'harbour.txt', bytes: bytes(FIRST), path });
    await highlight(app, summary.id, 'the gulls returned to the breakwater');
    expect(await app.textOf(summary.id)).toContain('at dawn');

    const cli = await openTestLibrary({ dataDir });
    expect((await cli.importFile({ fileName: 'harbour.txt', bytes: bytes(SECOND), path })).newVersion?.version).toBe(2);

    expect((await app.getArticle(summary.id)).article.version).toBe(2);
    const text = await app.textOf(summary.id);
    expect(text).toContain('at sunrise');
    const [moved] = (await app.getArticle(summary.id)).highlights;
    expect(text.slice(moved!.target.position.start, moved!.target.position.end)).toBe('the gulls returned to the breakwater');
  });

  it('keeps different sources apart: same file name elsewhere, or same title without an author', async () => {
    const dataDir = await tempDir();
    const library = await openTestLibrary({ dataDir });
    const a = await library.importFile({ fileName: 'harbour.txt', bytes: bytes(FIRST), path: join(dataDir, 'a', 'harbour.txt') });
    const b = await library.importFile({ fileName: 'harbour.txt', bytes: bytes(SECOND), path: join(dataDir, 'b', 'harbour.txt') });
    expect(b.summary.id).not.toBe(a.summary.id);
    expect(b.newVersion).toBeUndefined();
  });
});
