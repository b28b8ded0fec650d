import { describe, expect, it } from 'vitest';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { openTestLibrary } from '../support/library.js';
import { SAMPLE_ARTICLE, tempDir } from '../support/temp.js';
import { codePoints } from '../../shared/offsets.js';
import { SNAPSHOT_VERSION } from '../../main/core/store/files.js';
import { layoutOf } from '../support/store-layout.js';

const SAMPLE_TITLE = 'Putin Says He And Obama Took Step Forward On Syria';
const quietly = <T>(fn: () => Promise<T>) => {
  const warn = console.warn;
  console.warn = () => {};
  return fn().finally(() => (console.warn = warn));
};

/** The sample library with one highlight, closed; `crashed` also removes the index and leaves a dirty mark, as a crash would. */
async function sampleLibrary({ crashed = false } = {}) {
  const dataDir = await tempDir();
  const library = await openTestLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE });
  const [summary] = await library.listArticles();
  const articleId = summary!.id;
  await library.createHighlight({ articleId, start: codePoints(0), end: codePoints(10), color: 'green', note: 'kept' });
  await library.close();
  const layout = layoutOf(dataDir);
  if (crashed) {
    await rm(layout.index);
    await mkdir(join(layout.deviceDir, '.dirty'), { recursive: true });
    await writeFile(join(layout.deviceDir, '.dirty', '4194305'), ''); // a pid above pid_max: a process that died
  }
  const articleFile = layout.article(articleId);
  return { dataDir, articleId, articleFile };
}

/** Opens the library as the app does: with the sample article to import into an empty library. */
const openAsApp = (dataDir: string) => quietly(() => openTestLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE }));

describe('an article that cannot be read', () => {
  it('from a future version is listed as unavailable with the reason, left untouched, and the sample is not imported again', async () => {
    const { dataDir, articleId, articleFile } = await sampleLibrary({ crashed: true });
    const future = JSON.stringify({ ...JSON.parse(await readFile(articleFile, 'utf8')), version: 3 });
    await writeFile(articleFile, future);

    const library = await openAsApp(dataDir);
    const listed = await library.listArticles();
    expect(listed).toMatchObject([{ id: articleId, title: SAMPLE_TITLE, highlightCount: 1, unavailable: expect.stringMatching(/newer Marginalia \(format version 3\)/) }]);
    expect(await readdir(join(dataDir, 'articles'))).toEqual([articleId]);
    await expect(library.getArticle(articleId)).rejects.toMatchObject({ code: 'storage', message: /cannot be opened: its article\.json was written by a newer Marginalia/ });
    await library.close();
    expect(await readFile(articleFile, 'utf8')).toBe(future);
    // Not written into the index as if it were readable: the next open says the same.
    const again = await openAsApp(dataDir);
    expect(await again.listArticles()).toMatchObject([{ id: articleId, unavailable: expect.stringMatching(/newer Marginalia/) }]);
  });

  it('whose article.json is missing is restored from its backup copy, and the repair is reported', async () => {
    const { dataDir, articleId, articleFile } = await sampleLibrary({ crashed: true });
    const original = await readFile(articleFile, 'utf8');
    await rm(articleFile);
    const library = await openAsApp(dataDir);
    expect(await library.listArticles()).toMatchObject([{ id: articleId, title: SAMPLE_TITLE, highlightCount: 1 }]);
    expect((await library.listArticles())[0]).not.toHaveProperty('unavailable');
    expect(JSON.parse(await readFile(articleFile, 'utf8'))).toEqual(JSON.parse(original));
    expect(await library.recoveries()).toMatchObject([{ file: articleFile, reason: 'is missing', quarantinedTo: '', restoredFrom: expect.stringContaining('article.0.json') }]);
  });

  it('whose article.json is missing with no backup is listed as unavailable, its highlights kept, and the sample is not imported', async () => {
    const { dataDir, articleId, articleFile } = await sampleLibrary({ crashed: true });
    await rm(articleFile);
    await rm(join(layoutOf(dataDir).backupsDir, articleId, 'article.0.json'));
    const library = await openAsApp(dataDir);
    expect(await library.listArticles()).toMatchObject([
      { id: articleId, title: `Article ${articleId}`, highlightCount: 1, unavailable: 'its article.json is missing and has no good backup' },
    ]);
    expect(await library.recoveries()).toMatchObject([{ file: articleFile, reason: 'is missing', restoredFrom: null, complete: false }]);
    expect(existsSync(layoutOf(dataDir).highlights(articleId))).toBe(true);
  });

  it('is listed as unavailable even when the index, written before, still counts it as readable', async () => {
    const { dataDir, articleId, articleFile } = await sampleLibrary();
    await rm(articleFile);
    await rm(join(layoutOf(dataDir).backupsDir, articleId, 'article.0.json'));
    const library = await openAsApp(dataDir);
    expect(await library.listArticles()).toMatchObject([{ id: articleId, unavailable: expect.stringContaining('missing') }]);
  });

  it('whose highlights.json is from a future version is listed as unavailable after a crash', async () => {
    const { dataDir, articleId } = await sampleLibrary({ crashed: true });
    const path = layoutOf(dataDir).highlights(articleId);
    await writeFile(path, JSON.stringify({ ...JSON.parse(await readFile(path, 'utf8')), version: 4 }));
    const library = await openAsApp(dataDir);
    expect(await library.listArticles()).toMatchObject([
      { id: articleId, title: SAMPLE_TITLE, unavailable: expect.stringMatching(/its highlights\.json was written by a newer Marginalia \(format version 4\)/) },
    ]);
  });

  it('added by another process while the library is open is listed at once, unavailable', async () => {
    const { dataDir, articleId, articleFile } = await sampleLibrary();
    const library = await openAsApp(dataDir);
    const other = 'a-fromanewerbuild1';
    await cp(join(dataDir, 'articles', articleId), join(dataDir, 'articles', other), { recursive: true });
    const raw = JSON.parse(await readFile(articleFile, 'utf8'));
    await writeFile(join(dataDir, 'articles', other, 'article.json'), JSON.stringify({ version: 3, article: { ...raw.article, id: other, title: 'Written by a newer build' } }));
    expect((await library.listArticles()).map((a) => [a.title, a.unavailable !== undefined])).toEqual([
      [SAMPLE_TITLE, false],
      ['Written by a newer build', true],
    ]);
    expect(await library.listTags()).toEqual([]);
  });

  it('left as an empty folder by an import a crash cut short is tidied away, and the empty library gets the sample', async () => {
    const dataDir = await tempDir();
    const cutShort = join(dataDir, 'articles', 'a-cutshortimport1');
    await mkdir(cutShort, { recursive: true });
    // What an import writes first: the empty snapshot.
    await writeFile(join(cutShort, 'highlights.json'), JSON.stringify({ version: SNAPSHOT_VERSION, articleId: 'a-cutshortimport1', generation: 0, highlights: [], records: [] }));
    const library = await openAsApp(dataDir);
    expect((await library.listArticles()).map((a) => a.title)).toEqual([SAMPLE_TITLE]);
    expect(existsSync(cutShort)).toBe(false);
  });
});

describe('a repair made by another process', () => {
  it('made by the CLI is reported by the app at its next start, once', async () => {
    const { dataDir, articleId } = await sampleLibrary();
    const app = await openTestLibrary({ dataDir });
    await app.createHighlight({ articleId, start: codePoints(20), end: codePoints(30), color: 'blue', note: 'second' });
    await app.createHighlight({ articleId, start: codePoints(40), end: codePoints(50), color: 'blue', note: 'third' });
    const journal = layoutOf(dataDir).journal(articleId);
    // Simulate a crash of the app (no close), then damage the journal's first line.
    const lines = (await readFile(journal, 'utf8')).split('\n');
    await writeFile(journal, [lines[0]!.replace('"second"', '"secXnd"'), ...lines.slice(1)].join('\n'));

    const cli = await runCli(['--data-dir', dataDir, 'highlights', articleId, '--json']);
    expect(cli.code).toBe(0);
    expect((JSON.parse(cli.stdout) as { note: string }[]).map((h) => h.note).sort()).toEqual(['kept', 'third']);

    const next = await openAsApp(dataDir);
    expect(await next.recoveries()).toMatchObject([{ file: journal, reason: 'line 1 is damaged', restoredFrom: expect.stringMatching(/^kept/) }]);
    // Told once: the start after that has nothing to tell.
    const later = await openAsApp(dataDir);
    expect(await later.recoveries()).toEqual([]);
  });
});
