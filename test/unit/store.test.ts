import { describe, expect, it } from 'vitest';
import { readFile, writeFile, readdir, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openLibrary } from '../../main/core/index.js';
import { ArticleFileSchema, LibraryIndexSchema } from '../../main/core/store/files.js';
import { SAMPLE_ARTICLE, tempDir } from '../support/temp.js';

async function sampleLibrary() {
  const dataDir = await tempDir();
  const library = await openLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE });
  const [summary] = await library.listArticles();
  return { dataDir, library, articleId: summary!.id };
}

const articleFile = (dataDir: string, id: string) => join(dataDir, 'articles', `${id}.json`);

describe('the store', () => {
  it('imports the embedded sample article into an empty library, once', async () => {
    const { dataDir, library } = await sampleLibrary();
    const articles = await library.listArticles();
    expect(articles.map((a) => a.title)).toEqual(['Putin Says He And Obama Took Step Forward On Syria']);
    expect(articles[0]!.source).toEqual({ kind: 'embedded', name: 'putin-obama-syria.txt' });
    const reopened = await openLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE });
    expect(await reopened.listArticles()).toHaveLength(1);
  });

  it('keeps highlights, notes and tags across a restart, read back from disk', async () => {
    const { dataDir, library, articleId } = await sampleLibrary();
    const h = await library.createHighlight({ articleId, start: 0, end: 10, color: 'green' });
    await library.updateHighlight({ articleId, highlightId: h.id, note: 'A note', tags: ['syria', '#syria', 'g20'] });
    const second = await library.createHighlight({ articleId, start: 20, end: 40, color: 'pink' });
    await library.deleteHighlight({ articleId, highlightId: second.id });

    const reopened = await openLibrary({ dataDir });
    const { highlights } = await reopened.getArticle(articleId);
    expect(highlights).toHaveLength(1);
    expect(highlights[0]).toMatchObject({ id: h.id, color: 'green', note: 'A note', tags: ['syria', 'g20'] });
    expect(highlights[0]!.target.quote.exact).toBe('Putin Says');
    expect((await reopened.listArticles())[0]!.highlightCount).toBe(1);
    expect(await reopened.listTags()).toEqual(['g20', 'syria']);
    // Every file on disk has a version and validates.
    const index = LibraryIndexSchema.parse(JSON.parse(await readFile(join(dataDir, 'library.json'), 'utf8')));
    expect(index.version).toBe(1);
    ArticleFileSchema.parse(JSON.parse(await readFile(articleFile(dataDir, articleId), 'utf8')));
  });

  it('never reuses a highlight id, even after deletion', async () => {
    const { library, articleId } = await sampleLibrary();
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const h = await library.createHighlight({ articleId, start: i, end: i + 5, color: 'yellow' });
      expect(seen.has(h.id)).toBe(false);
      seen.add(h.id);
      await library.deleteHighlight({ articleId, highlightId: h.id });
    }
  });

  it('loses no change when two processes (two library instances) write at once', async () => {
    const { dataDir, library: app, articleId } = await sampleLibrary();
    const cli = await openLibrary({ dataDir });
    const writes = [];
    for (let i = 0; i < 20; i++) {
      writes.push(app.createHighlight({ articleId, start: i * 10, end: i * 10 + 5, color: 'blue' }));
      writes.push(cli.createHighlight({ articleId, start: i * 10 + 5, end: i * 10 + 9, color: 'pink' }));
    }
    const created = await Promise.all(writes);
    const { highlights } = await (await openLibrary({ dataDir })).getArticle(articleId);
    expect(highlights.map((h) => h.id).sort()).toEqual(created.map((h) => h.id).sort());
    expect((await readdir(dataDir)).filter((n) => n.endsWith('.tmp') || n === '.lock')).toEqual([]);
  });

  it('rebuilds a damaged library index from the article files and quarantines the damaged one', async () => {
    const { dataDir, library, articleId } = await sampleLibrary();
    await library.createHighlight({ articleId, start: 0, end: 10, color: 'green' });
    await writeFile(join(dataDir, 'library.json'), '{"version":1,"articles":[{"id":');
    const reopened = await openLibrary({ dataDir });
    const articles = await reopened.listArticles();
    expect(articles.map((a) => [a.id, a.highlightCount])).toEqual([[articleId, 1]]);
    const quarantined = await readdir(join(dataDir, 'quarantine'));
    expect(quarantined).toHaveLength(1);
    expect(await readFile(join(dataDir, 'quarantine', quarantined[0]!), 'utf8')).toBe('{"version":1,"articles":[{"id":');
  });

  it.each([
    ['truncated JSON', (s: string) => s.slice(0, s.length / 2)],
    ['garbage bytes', () => '\u0000\u0001garbage\u00ff'],
    ['valid JSON of the wrong shape', () => JSON.stringify({ version: 1, article: { id: 42 } })],
    ['an empty file', () => ''],
  ])('moves an article file with %s to quarantine and says so, without overwriting it', async (_name, damage) => {
    const { dataDir, library, articleId } = await sampleLibrary();
    const path = articleFile(dataDir, articleId);
    const damaged = damage(await readFile(path, 'utf8'));
    await writeFile(path, damaged);
    await expect(library.getArticle(articleId)).rejects.toMatchObject({ code: 'storage', message: /quarantine/ });
    const [moved] = await readdir(join(dataDir, 'quarantine'));
    expect(await readFile(join(dataDir, 'quarantine', moved!), 'utf8')).toBe(damaged);
    await expect(library.createHighlight({ articleId, start: 0, end: 5, color: 'yellow' })).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('refuses to open a file from a future version and leaves it untouched', async () => {
    const { dataDir, library, articleId } = await sampleLibrary();
    const path = articleFile(dataDir, articleId);
    const future = JSON.stringify({ ...JSON.parse(await readFile(path, 'utf8')), version: 99 });
    await writeFile(path, future);
    await expect(library.getArticle(articleId)).rejects.toMatchObject({ code: 'storage', message: /newer Marginalia/ });
    await expect(library.createHighlight({ articleId, start: 0, end: 5, color: 'yellow' })).rejects.toMatchObject({
      code: 'storage',
    });
    expect(await readFile(path, 'utf8')).toBe(future);

    await writeFile(join(dataDir, 'library.json'), JSON.stringify({ version: 7, articles: [] }));
    await expect(openLibrary({ dataDir })).rejects.toThrow(/newer Marginalia/);
  });

  it('fails a change with a clear message when the folder is read-only, keeping the previous state', async () => {
    if (process.getuid?.() === 0) {
      // root ignores file permissions; simulate the same failure with a file where the articles folder must be.
      const dataDir = await tempDir();
      await writeFile(join(dataDir, 'articles'), 'not a folder');
      await expect(openLibrary({ dataDir })).rejects.toMatchObject({ code: 'storage', message: /Could not save/ });
      expect(await readFile(join(dataDir, 'articles'), 'utf8')).toBe('not a folder');
      return;
    }
    const { chmod } = await import('node:fs/promises');
    const { dataDir, library, articleId } = await sampleLibrary();
    const before = await readFile(articleFile(dataDir, articleId), 'utf8');
    await chmod(join(dataDir, 'articles'), 0o500);
    try {
      await expect(library.createHighlight({ articleId, start: 0, end: 5, color: 'yellow' })).rejects.toMatchObject({
        code: 'storage',
        message: /permission was denied/,
      });
    } finally {
      await chmod(join(dataDir, 'articles'), 0o700);
    }
    expect(await readFile(articleFile(dataDir, articleId), 'utf8')).toBe(before);
  });

  it('recovers a lock left behind by a process that died', async () => {
    const { dataDir, library, articleId } = await sampleLibrary();
    await mkdir(dataDir, { recursive: true });
    // pid 2^22+1 is above Linux's pid_max default and not running.
    await writeFile(join(dataDir, '.lock'), JSON.stringify({ pid: 4194305, host: (await import('node:os')).hostname(), since: '' }));
    const h = await library.createHighlight({ articleId, start: 0, end: 5, color: 'yellow' });
    expect(h.id).toMatch(/^h-/);
  });
});
