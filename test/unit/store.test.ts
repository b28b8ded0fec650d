import { describe, expect, it } from 'vitest';
import { appendFile, readFile, writeFile, readdir, cp, unlink, rm, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { openTestLibrary as openLibrary } from '../support/library.js';
import { ArticleFileSchema, HighlightsFileSchema, LibraryIndexSchema, SNAPSHOT_VERSION, STORE_VERSION } from '../../main/core/store/files.js';
import { GENERATIONS_KEPT } from '../../main/core/store/backups.js';
import { SAMPLE_ARTICLE, tempDir } from '../support/temp.js';
import { codePoints } from '../../shared/offsets.js';
import { layoutOf } from '../support/store-layout.js';

async function sampleLibrary() {
  const dataDir = await tempDir();
  const library = await openLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE });
  const [summary] = await library.listArticles();
  return { dataDir, library, articleId: summary!.id };
}

const highlightsFile = (dataDir: string, id: string) => layoutOf(dataDir).highlights(id);
/** This device's journal of the article (the tests' one device). */
const journalFile = (dataDir: string, id: string) => layoutOf(dataDir).journal(id);
const indexFile = (dataDir: string) => layoutOf(dataDir).index;
const reopen = (dataDir: string) => openLibrary({ dataDir });
const articleFile = (dataDir: string, id: string) => layoutOf(dataDir).article(id);
const quiet = <T>(fn: () => Promise<T>) => {
  const warn = console.warn;
  console.warn = () => {};
  return fn().finally(() => (console.warn = warn));
};

describe('the store', () => {
  it('imports the embedded sample article into an empty library, once', async () => {
    const { dataDir, library } = await sampleLibrary();
    const articles = await library.listArticles();
    expect(articles.map((a) => a.title)).toEqual(['Putin Says He And Obama Took Step Forward On Syria']);
    expect(articles[0]!.source).toEqual({ kind: 'embedded', name: 'putin-obama-syria.txt' });
    await library.close();
    const reopened = await openLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE });
    expect(await reopened.listArticles()).toHaveLength(1);
  });

  it('keeps highlights, notes and tags across a restart, read back from disk', async () => {
    const { dataDir, library, articleId } = await sampleLibrary();
    const h = await library.createHighlight({ articleId, start: codePoints(0), end: codePoints(10), color: 'green' });
    await library.updateHighlight({ articleId, highlightId: h.id, note: 'A note', tags: ['syria', '#syria', 'g20'] });
    const second = await library.createHighlight({ articleId, start: codePoints(20), end: codePoints(40), color: 'pink' });
    await library.deleteHighlight({ articleId, highlightId: second.id });
    await library.close();

    const reopened = await openLibrary({ dataDir });
    const { highlights } = await reopened.getArticle(articleId);
    expect(highlights).toHaveLength(1);
    expect(highlights[0]).toMatchObject({ id: h.id, color: 'green', note: 'A note', tags: ['syria', 'g20'] });
    expect(highlights[0]!.target.quote.exact).toBe('Putin Says');
    expect((await reopened.listArticles())[0]!.highlightCount).toBe(1);
    expect(await reopened.listTags()).toEqual(['g20', 'syria']);
    // Every file on disk has a version and validates.
    expect(LibraryIndexSchema.parse(JSON.parse(await readFile(indexFile(dataDir), 'utf8'))).version).toBe(2);
    expect(ArticleFileSchema.parse(JSON.parse(await readFile(articleFile(dataDir, articleId), 'utf8'))).version).toBe(2);
    const file = HighlightsFileSchema.parse(JSON.parse(await readFile(highlightsFile(dataDir, articleId), 'utf8')));
    expect(file.generation).toBe(1); // closing folded the four changes' journal into the snapshot
    expect(file.highlights).toEqual(highlights);
  });

  it('brings a stale index up to date on open when the app died before writing it', async () => {
    const { dataDir, library, articleId } = await sampleLibrary();
    await library.close();
    const indexBefore = await readFile(indexFile(dataDir), 'utf8');
    await library.createHighlight({ articleId, start: codePoints(0), end: codePoints(10), color: 'green' });
    // Simulate a crash before the delayed index write: put the old index back.
    await writeFile(indexFile(dataDir), indexBefore);
    const reopened = await openLibrary({ dataDir });
    expect((await reopened.listArticles())[0]!.highlightCount).toBe(1);
  });

  it('never reuses a highlight id, even after deletion', async () => {
    const { library, articleId } = await sampleLibrary();
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const h = await library.createHighlight({ articleId, start: codePoints(i), end: codePoints(i + 5), color: 'yellow' });
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
      writes.push(app.createHighlight({ articleId, start: codePoints(i * 10), end: codePoints(i * 10 + 5), color: 'blue' }));
      writes.push(cli.createHighlight({ articleId, start: codePoints(i * 10 + 5), end: codePoints(i * 10 + 9), color: 'pink' }));
    }
    const created = await Promise.all(writes);
    await Promise.all([app.close(), cli.close()]);
    const reopened = await openLibrary({ dataDir });
    const { highlights } = await reopened.getArticle(articleId);
    expect(highlights.map((h) => h.id).sort()).toEqual(created.map((h) => h.id).sort());
    expect((await reopened.listArticles())[0]!.highlightCount).toBe(40);
    // Each sees the other's changes without restarting.
    expect((await app.listArticles())[0]!.highlightCount).toBe(40);
    expect((await readdir(layoutOf(dataDir).deviceDir)).filter((n) => n === '.lock')).toEqual([]);
    expect(await readdir(layoutOf(dataDir).tempDir)).toEqual([]);
  });

  it('rebuilds a damaged library index from the article folders and quarantines the damaged one', async () => {
    const { dataDir, library, articleId } = await sampleLibrary();
    await library.createHighlight({ articleId, start: codePoints(0), end: codePoints(10), color: 'green' });
    await library.close();
    await writeFile(indexFile(dataDir), '{"version":2,"articles":[{"id":');
    const reopened = await quiet(() => openLibrary({ dataDir }));
    expect((await reopened.listArticles()).map((a) => [a.id, a.highlightCount])).toEqual([[articleId, 1]]);
    const [moved] = await readdir(join(dataDir, 'quarantine'));
    expect(await readFile(join(dataDir, 'quarantine', moved!), 'utf8')).toBe('{"version":2,"articles":[{"id":');
    expect(await reopened.recoveries()).toMatchObject([{ restoredFrom: 'rebuilt from the article folders' }]);
  });

  it.each([
    ['truncated JSON', (s: string) => s.slice(0, s.length / 2)],
    ['garbage bytes', () => '\u0000\u0001garbage\u00ff'],
    ['valid JSON of the wrong shape', () => JSON.stringify({ version: 2, articleId: 42, highlights: {} })],
    ['an empty file', () => ''],
  ])('quarantines a highlights snapshot with %s and restores the newest good backup, the changes kept since, and the journal', async (_name, damage) => {
    const { dataDir, library, articleId } = await sampleLibrary();
    const first = await library.createHighlight({ articleId, start: codePoints(0), end: codePoints(10), color: 'green' });
    await library.close(); // folds the journal: snapshot generation 1 holds `first`
    const writer = await reopen(dataDir);
    const second = await writer.createHighlight({ articleId, start: codePoints(20), end: codePoints(30), color: 'blue' });
    await writer.close(); // generation 2 holds both; generation 1 is the backup
    const again = await reopen(dataDir);
    const third = await again.createHighlight({ articleId, start: codePoints(40), end: codePoints(50), color: 'pink' }); // in the journal
    const path = highlightsFile(dataDir, articleId);
    const damaged = damage(await readFile(path, 'utf8'));
    await writeFile(path, damaged);

    const { highlights } = await quiet(() => again.getArticle(articleId));
    // The backup (generation 1) has the first; the changes kept with it, the second; the journal, the third.
    expect(highlights.map((h) => h.id).sort()).toEqual([first.id, second.id, third.id].sort());
    const [moved] = await readdir(join(dataDir, 'quarantine'));
    expect(await readFile(join(dataDir, 'quarantine', moved!), 'utf8')).toBe(damaged);
    expect(await again.recoveries()).toMatchObject([{ file: path, restoredFrom: expect.stringContaining('highlights.1.json'), complete: true }]);
    // The library goes on working.
    await again.createHighlight({ articleId, start: codePoints(60), end: codePoints(70), color: 'pink' });
    expect((await again.getArticle(articleId)).highlights).toHaveLength(4);
  });

  it(`keeps the last ${GENERATIONS_KEPT} generations of a highlights snapshot as backups`, async () => {
    const { dataDir, library, articleId } = await sampleLibrary();
    await library.close();
    for (let i = 0; i < 12; i++) {
      const l = await reopen(dataDir);
      await l.createHighlight({ articleId, start: codePoints(i), end: codePoints(i + 3), color: 'yellow' });
      await l.close();
    }
    const kept = (await readdir(join(layoutOf(dataDir).backupsDir, articleId))).filter((n) => n.startsWith('highlights.'));
    expect(kept.sort()).toEqual(['highlights.10.json', 'highlights.11.json', 'highlights.7.json', 'highlights.8.json', 'highlights.9.json']);
    // With each generation, the changes folded into it to make the next.
    const changes = (await readdir(join(layoutOf(dataDir).backupsDir, articleId))).filter((n) => n.startsWith('changes.'));
    expect(changes.sort()).toEqual(['changes.10.jsonl', 'changes.11.jsonl', 'changes.7.jsonl', 'changes.8.jsonl', 'changes.9.jsonl']);
  });

  it('acknowledges a change after appending it to the journal, and folds the journal into the snapshot on close', async () => {
    const { dataDir, library, articleId } = await sampleLibrary();
    const h = await library.createHighlight({ articleId, start: codePoints(0), end: codePoints(10), color: 'green' });
    const journal = await readFile(journalFile(dataDir, articleId), 'utf8');
    expect(journal.split('\n')).toHaveLength(2);
    expect(journal).toContain(h.id);
    expect(JSON.parse(await readFile(highlightsFile(dataDir, articleId), 'utf8')).highlights).toEqual([]);
    await library.close();
    expect(await readFile(journalFile(dataDir, articleId), 'utf8')).toBe('');
    expect(JSON.parse(await readFile(highlightsFile(dataDir, articleId), 'utf8')).highlights.map((x: { id: string }) => x.id)).toEqual([h.id]);
  });

  it('ignores a journal line cut short by a crash, and cuts it off before the next change', async () => {
    const { dataDir, library, articleId } = await sampleLibrary();
    const h = await library.createHighlight({ articleId, start: codePoints(0), end: codePoints(10), color: 'green' });
    await library.close();
    const l = await reopen(dataDir);
    await l.updateHighlight({ articleId, highlightId: h.id, note: 'kept' });
    await appendFile(journalFile(dataDir, articleId), `{"v":1,"op":"set","id":"${h.id}","articleId":"${articleId}","device":"d-tor`);
    const reread = await reopen(dataDir);
    expect((await reread.getArticle(articleId)).highlights.map((x) => x.note)).toEqual(['kept']);
    await reread.updateHighlight({ articleId, highlightId: h.id, note: 'after the crash' });
    const lines = (await readFile(journalFile(dataDir, articleId), 'utf8')).split('\n');
    expect(lines.filter((x) => x.includes('d-tor'))).toEqual([]);
    expect((await (await reopen(dataDir)).getArticle(articleId)).highlights.map((x) => x.note)).toEqual(['after the crash']);
    expect(await reread.recoveries()).toEqual([]);
  });

  it('reports a damaged last journal line (with its newline: not a write cut short), keeps the changes before it, and quarantines the line', async () => {
    const { dataDir, library, articleId } = await sampleLibrary();
    const a = await library.createHighlight({ articleId, start: codePoints(0), end: codePoints(10), color: 'green' });
    await library.createHighlight({ articleId, start: codePoints(20), end: codePoints(30), color: 'blue' });
    const path = journalFile(dataDir, articleId);
    const lines = (await readFile(path, 'utf8')).split('\n');
    await writeFile(path, [lines[0], lines[1]!.replace('blue', 'bluX'), ''].join('\n'));
    const reread = await quiet(async () => {
      const l = await reopen(dataDir);
      await l.getArticle(articleId);
      return l;
    });
    expect((await reread.getArticle(articleId)).highlights.map((h) => h.id)).toEqual([a.id]);
    expect(await reread.recoveries()).toMatchObject([{ file: path, reason: 'line 2 is damaged' }]);
    const [copy] = await readdir(join(dataDir, 'quarantine'));
    expect(await readFile(join(dataDir, 'quarantine', copy!), 'utf8')).toContain('bluX');
  });

  it('replays a journal that was written into the snapshot but not yet emptied (a crash in between) without change', async () => {
    const { dataDir, library, articleId } = await sampleLibrary();
    const h = await library.createHighlight({ articleId, start: codePoints(0), end: codePoints(10), color: 'green' });
    const other = await library.createHighlight({ articleId, start: codePoints(20), end: codePoints(30), color: 'blue' });
    await library.deleteHighlight({ articleId, highlightId: other.id });
    const journal = await readFile(journalFile(dataDir, articleId), 'utf8');
    await library.close();
    await writeFile(journalFile(dataDir, articleId), journal); // as if the crash came before emptying it
    expect((await (await reopen(dataDir)).getArticle(articleId)).highlights.map((x) => x.id)).toEqual([h.id]);
  });

  it('refuses to open files from a future version and leaves them untouched', async () => {
    const { dataDir, library, articleId } = await sampleLibrary();
    await library.close();
    const path = highlightsFile(dataDir, articleId);
    const future = JSON.stringify({ ...JSON.parse(await readFile(path, 'utf8')), version: 99 });
    await writeFile(path, future);
    const reopened = await openLibrary({ dataDir });
    await expect(reopened.getArticle(articleId)).rejects.toMatchObject({ code: 'storage', message: /newer Marginalia/ });
    await expect(reopened.createHighlight({ articleId, start: codePoints(0), end: codePoints(5), color: 'yellow' })).rejects.toMatchObject({
      code: 'storage',
    });
    expect(await readFile(path, 'utf8')).toBe(future);

    await writeFile(indexFile(dataDir), JSON.stringify({ version: 7, articles: [] }));
    await expect(openLibrary({ dataDir })).rejects.toMatchObject({ code: 'storage', message: /newer Marginalia/ });
    expect(JSON.parse(await readFile(indexFile(dataDir), 'utf8')).version).toBe(7);
  });

  it('recovers a lock left behind by a process that died', async () => {
    const { dataDir, library, articleId } = await sampleLibrary();
    // pid 2^22+1 is above Linux's pid_max and so not running.
    await writeFile(join(layoutOf(dataDir).deviceDir, '.lock'), JSON.stringify({ pid: 4194305, host: hostname(), since: '' }));
    const h = await library.createHighlight({ articleId, start: codePoints(0), end: codePoints(5), color: 'yellow' });
    expect(h.id).toMatch(/^h-/);
  });

  it('says clearly when another process holds the library for too long', async () => {
    const { dataDir, articleId } = await sampleLibrary();
    const { FolderLock } = await import('../../main/core/store/folder-lock.js');
    const { deviceDir } = layoutOf(dataDir);
    await writeFile(join(deviceDir, '.lock'), JSON.stringify({ pid: process.ppid, host: hostname(), since: '' }));
    const lock = new FolderLock(deviceDir, 300);
    await expect(lock.run(async () => articleId)).rejects.toMatchObject({ code: 'locked', message: /busy.*try again/ });
    await unlink(join(deviceDir, '.lock'));
  });
});

describe('the store with two writers (review findings)', () => {
  it('lets exactly one of several waiters break a lock left by a dead process', async () => {
    const { FolderLock } = await import('../../main/core/store/folder-lock.js');
    for (let trial = 0; trial < 20; trial++) {
      const dir = await tempDir();
      await writeFile(join(dir, '.lock'), JSON.stringify({ pid: 4194305, host: hostname(), since: '' }));
      let inside = 0;
      let most = 0;
      const body = async () => {
        most = Math.max(most, ++inside);
        await new Promise((r) => setTimeout(r, 5));
        inside--;
      };
      await Promise.all([0, 1, 2].map(() => new FolderLock(dir).run(body)));
      expect(most).toBe(1);
    }
  });

  it('keeps the index counts right when another process changed an article this one folds', async () => {
    const { dataDir, library: app, articleId } = await sampleLibrary();
    const cli = await reopen(dataDir);
    await app.createHighlight({ articleId, start: codePoints(0), end: codePoints(10), color: 'green' });
    await cli.createHighlight({ articleId, start: codePoints(20), end: codePoints(30), color: 'blue' });
    await cli.close();
    await app.close(); // folds the journal, which now holds the CLI's change too
    const after = await reopen(dataDir);
    expect((await after.listArticles())[0]!.highlightCount).toBe(2);
  });

  it('goes on writing the index after one write of it failed', async () => {
    const { dataDir, library, articleId } = await sampleLibrary();
    await library.close();
    const l = await reopen(dataDir);
    const { tempDir: temp } = layoutOf(dataDir);
    await rm(temp, { recursive: true });
    await writeFile(temp, 'a file where the temp folder should be');
    await l.createHighlight({ articleId, start: codePoints(0), end: codePoints(10), color: 'green' });
    await expect(quiet(() => l.close())).rejects.toMatchObject({ code: 'storage' });
    await rm(temp);
    await mkdir(temp);
    await l.createHighlight({ articleId, start: codePoints(20), end: codePoints(30), color: 'green' });
    await l.close();
    expect(JSON.parse(await readFile(indexFile(dataDir), 'utf8')).articles[0].highlightCount).toBe(2);
  });
});

describe('store migration', () => {
  it('opens a version 1 library (fixture) and keeps every article, highlight, note and tag', async () => {
    const dataDir = await tempDir();
    await cp(new URL('../fixtures/store-v1', import.meta.url).pathname, dataDir, { recursive: true });
    const v1 = JSON.parse(await readFile(join(dataDir, 'articles', 'a-c3x58gd2i9fw6rjp.json'), 'utf8'));
    const library = await openLibrary({ dataDir });
    expect(await library.listArticles()).toMatchObject([{ id: 'a-c3x58gd2i9fw6rjp', highlightCount: 1 }]);
    const { article, highlights } = await library.getArticle('a-c3x58gd2i9fw6rjp');
    expect(article).toEqual(v1.article);
    expect(highlights).toEqual(v1.highlights);
    expect(await library.listTags()).toEqual(['diplomacy', 'syria']);
    // The version 1 file is kept as a backup, not deleted; the new files are today's versions.
    expect(await readFile(join(layoutOf(dataDir).backupsDir, 'a-c3x58gd2i9fw6rjp', 'legacy-v1.json'), 'utf8')).toContain('"version":1');
    expect(JSON.parse(await readFile(highlightsFile(dataDir, 'a-c3x58gd2i9fw6rjp'), 'utf8')).version).toBe(SNAPSHOT_VERSION);
    await library.createHighlight({ articleId: article.id, start: codePoints(0), end: codePoints(5), color: 'blue' });
    await library.close();
    expect(JSON.parse(await readFile(indexFile(dataDir), 'utf8')).version).toBe(STORE_VERSION);
  });
});
