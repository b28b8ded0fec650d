import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openLibrary } from '../../main/core/index.js';
import { codePoints } from '../../shared/offsets.js';
import { openTestLibrary } from '../support/library.js';
import { corpus, SAMPLE_ARTICLE, tempDir } from '../support/temp.js';
import { layoutOf } from '../support/store-layout.js';

const NOW = new Date('2026-12-04T10:00:00.000Z');

/** A library of the sample and Moby Dick, each with highlights, one with a note and tags. */
async function libraryWithTwo(dataDir: string) {
  const library = await openTestLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE, now: () => NOW });
  const [sample] = await library.listArticles();
  const moby = (await library.importFile({ fileName: 'moby-dick.txt', bytes: await readFile(corpus('books/moby-dick.txt')) })).summary;
  for (const at of [100, 5_000, 90_000]) {
    await library.createHighlight({ articleId: moby.id, start: codePoints(at), end: codePoints(at + 30), color: 'blue', note: `note at ${at}`, tags: ['whales', 'constructor'] });
  }
  await library.createHighlight({ articleId: sample!.id, start: codePoints(0), end: codePoints(20), color: 'yellow' });
  return { library, sample: sample!, moby };
}

describe('deleting an article', () => {
  it('moves it, with its highlights, notes and earlier versions, to the trash; restoring brings back exactly what was there', async () => {
    const dataDir = await tempDir();
    const { library, moby } = await libraryWithTwo(dataDir);
    const before = await library.getArticle(moby.id);

    expect(await library.deleteArticle(moby.id)).toEqual({ trashed: true });
    expect((await library.listArticles()).map((a) => a.id)).not.toContain(moby.id);
    await expect(library.getArticle(moby.id)).rejects.toMatchObject({ code: 'not-found' });
    expect(existsSync(join(dataDir, 'articles', moby.id))).toBe(false);
    expect((await readdir(join(dataDir, 'trash', moby.id))).sort()).toEqual(expect.arrayContaining(['article.json', 'trashed.json']));
    expect((await library.tagCounts()).map((t) => t.tag)).not.toContain('whales');
    expect(await library.listTrash()).toEqual([expect.objectContaining({ id: moby.id, title: moby.title, highlightCount: 3, trashedAt: NOW.toISOString() })]);

    const restored = await library.restoreArticle(moby.id);
    expect(restored).toMatchObject({ id: moby.id, title: moby.title, highlightCount: 3 });
    expect(await library.getArticle(moby.id)).toEqual(before);
    expect(await library.listTrash()).toEqual([]);
    expect((await library.tagCounts()).find((t) => t.tag === 'whales')).toEqual({ tag: 'whales', highlights: 3, articles: 1 });
  });

  it('stays deleted when the library is opened again, by the app or another process', async () => {
    const dataDir = await tempDir();
    const { library, moby } = await libraryWithTwo(dataDir);
    await library.deleteArticle(moby.id);
    await library.close();
    const again = await openTestLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE });
    expect((await again.listArticles()).map((a) => a.id)).not.toContain(moby.id);
    expect((await again.listTrash()).map((a) => a.id)).toEqual([moby.id]);
  });

  it('of every article leaves an empty library: the sample is not imported again at the next start', async () => {
    const dataDir = await tempDir();
    const { library, sample, moby } = await libraryWithTwo(dataDir);
    await library.deleteArticle(sample.id);
    await library.deleteArticle(moby.id);
    expect(await library.emptyTrash()).toEqual({ removed: 2 });
    await library.close();
    const again = await openTestLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE });
    expect(await again.listArticles()).toEqual([]);
  });

  it('is undone no more once the trash is emptied: the folder and its backups are gone, the other article untouched', async () => {
    const dataDir = await tempDir();
    const { library, sample, moby } = await libraryWithTwo(dataDir);
    const kept = await library.getArticle(sample.id);
    await library.deleteArticle(moby.id);
    expect(existsSync(join(layoutOf(dataDir).backupsDir, moby.id))).toBe(true);
    expect(await library.emptyTrash()).toEqual({ removed: 1 });
    expect(existsSync(join(dataDir, 'trash', moby.id))).toBe(false);
    expect(existsSync(join(layoutOf(dataDir).backupsDir, moby.id))).toBe(false);
    await expect(library.restoreArticle(moby.id)).rejects.toMatchObject({ code: 'not-found' });
    expect(await library.getArticle(sample.id)).toEqual(kept);
  });

  it('of an article that is not there, or restoring one not in the trash, is refused as not found and changes nothing', async () => {
    const dataDir = await tempDir();
    const { library } = await libraryWithTwo(dataDir);
    const listed = await library.listArticles();
    await expect(library.deleteArticle('a-doesnotexist0000')).rejects.toMatchObject({ code: 'not-found' });
    await expect(library.restoreArticle('a-doesnotexist0000')).rejects.toMatchObject({ code: 'not-found' });
    expect(await library.listArticles()).toEqual(listed);
    expect(existsSync(join(dataDir, 'trash'))).toBe(false);
  });

  it('is seen by a library open in another process at its next look', async () => {
    const dataDir = await tempDir();
    const { library, moby } = await libraryWithTwo(dataDir);
    await library.close();
    const app = await openTestLibrary({ dataDir });
    const cli = await openLibrary({ dataDir });
    await cli.deleteArticle(moby.id);
    await cli.close();
    expect((await app.listArticles()).map((a) => a.id)).not.toContain(moby.id);
    await expect(app.getArticle(moby.id)).rejects.toMatchObject({ code: 'not-found' });
  });
});
