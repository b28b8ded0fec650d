import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openLibrary, type Library } from '../../main/core/index.js';
import { codePoints } from '../../shared/offsets.js';
import { runCli } from '../support/cli.js';
import { openTestLibrary } from '../support/library.js';
import { corpus, SAMPLE_ARTICLE, tempDir } from '../support/temp.js';
import { layoutOf } from '../support/store-layout.js';

const book = (name: string) => readFile(corpus(`books/${name}`));

/** Titles of the articles a query finds, and the notes of the highlights. */
async function found(library: Library, query: string): Promise<{ articles: string[]; notes: string[] }> {
  const answer = await library.search(query, 50);
  return { articles: answer.articles.map((a) => a.title), notes: answer.highlights.map((h) => h.note?.text ?? '') };
}

/** The sample article and Moby Dick, with two annotated highlights in Moby Dick. */
async function library(dataDir?: string) {
  const dir = dataDir ?? (await tempDir());
  const lib = await openTestLibrary({ dataDir: dir, defaultArticlePath: SAMPLE_ARTICLE });
  const moby = (await lib.importFile({ fileName: 'moby-dick.txt', bytes: await book('moby-dick.txt') })).summary;
  const text = await lib.textOf(moby.id);
  const at = (quote: string) => codePoints([...text.slice(0, text.indexOf(quote))].length);
  const ishmael = await lib.createHighlight({ articleId: moby.id, start: at('Call me Ishmael'), end: codePoints(at('Call me Ishmael') + 15), color: 'blue', note: 'the narrator names himself', tags: ['people/narrator'] });
  const queequeg = await lib.createHighlight({ articleId: moby.id, start: at('Queequeg'), end: codePoints(at('Queequeg') + 8), color: 'green', note: 'a harpooneer, first seen', tags: ['people'] });
  return { library: lib, dataDir: dir, moby, ishmael, queequeg };
}

describe('searching the library', () => {
  it('finds articles by title and text, and highlights by quote, note and tag, with the words marked in snippets', async () => {
    const { library: lib } = await library();
    const whale = await lib.search('leviathan', 10);
    expect(whale.articles.map((a) => a.title)).toEqual(['moby dick']);
    const hit = whale.articles[0]!;
    expect(hit.snippet!.marks.length).toBeGreaterThan(0);
    for (const [start, end] of hit.snippet!.marks) expect(hit.snippet!.text.slice(start, end).toLowerCase()).toContain('leviathan');
    // Where the reader is taken: the word itself, in code points over the article text.
    const words = [...(await lib.textOf(hit.articleId))];
    expect(words.slice(hit.match!.start, hit.match!.end).join('').toLowerCase()).toMatch(/^leviathan/);
    expect(hit.match!.start).toBeGreaterThanOrEqual(hit.passage!.start - 200);
    expect((await found(lib, 'narrator')).notes).toEqual(['the narrator names himself']);
    expect((await found(lib, 'tag:people')).notes.sort()).toEqual(['a harpooneer, first seen', 'the narrator names himself']);
    expect((await found(lib, 'tag:people/narrator')).notes).toEqual(['the narrator names himself']);
    expect((await found(lib, 'color:green')).notes).toEqual(['a harpooneer, first seen']);
    expect((await found(lib, 'Putin Obama')).articles).toEqual(['Putin Says He And Obama Took Step Forward On Syria']);
  });

  it('follows what the library does: new notes, deletions, tag renames, new versions, the trash', async () => {
    const { library: lib, dataDir, moby, ishmael, queequeg } = await library();
    expect((await found(lib, 'harpooneer')).notes).toEqual(['a harpooneer, first seen']);
    await lib.updateHighlight({ articleId: moby.id, highlightId: queequeg.id, note: 'a cannibal from Kokovoko' });
    expect((await found(lib, 'harpooneer')).notes).toEqual([]);
    expect((await found(lib, 'kokovoko')).notes).toEqual(['a cannibal from Kokovoko']);
    await lib.renameTag('people', 'crew');
    expect((await found(lib, 'tag:people')).notes).toEqual([]);
    expect((await found(lib, 'tag:crew/narrator')).notes).toEqual(['the narrator names himself']);
    await lib.deleteHighlight({ articleId: moby.id, highlightId: ishmael.id });
    expect((await found(lib, 'narrator')).notes).toEqual([]);

    // A new version of the sample without its first paragraph's words.
    const sample = (await lib.listArticles()).find((a) => a.source.kind === 'embedded')!;
    expect((await found(lib, 'Kerry')).articles).toContain(sample.title);
    const path = join(dataDir, 'notes.md');
    await writeFile(path, '# Field notes\n\nThe tide came in over the glimmerfen.\n');
    const notes = (await lib.importFile({ fileName: 'notes.md', bytes: await readFile(path), path })).summary;
    expect((await found(lib, 'glimmerfen')).articles).toEqual(['Field notes']);
    await writeFile(path, '# Field notes\n\nThe tide went out past the duskmere.\n');
    await lib.importFile({ fileName: 'notes.md', bytes: await readFile(path), path });
    expect((await found(lib, 'glimmerfen')).articles).toEqual([]);
    expect((await found(lib, 'duskmere')).articles).toEqual(['Field notes']);

    await lib.deleteArticle(notes.id);
    expect((await found(lib, 'duskmere')).articles).toEqual([]);
    await lib.restoreArticle(notes.id);
    expect((await found(lib, 'duskmere')).articles).toEqual(['Field notes']);
    await lib.renameArticle(notes.id, 'Estuary diary');
    expect((await found(lib, 'estuary')).articles).toEqual(['Estuary diary']);
  });

  it('sees changes the command line makes while the app has the library open', async () => {
    const { library: app, dataDir, moby } = await library();
    expect((await found(app, 'tashtego')).notes).toEqual([]);
    const cli = await runCli(['--data-dir', dataDir, 'highlight', moby.id, '--quote', 'Tashtego', '--note', 'an Indian from Gay Head', '--tag', 'crew']);
    expect(cli).toMatchObject({ code: 0 });
    expect((await found(app, 'gay head')).notes).toEqual(['an Indian from Gay Head']);
    expect((await found(app, 'tag:crew')).notes).toEqual(['an Indian from Gay Head']);
    const other = await openLibrary({ dataDir });
    await other.deleteArticle(moby.id);
    await other.close();
    expect(await found(app, 'leviathan')).toEqual({ articles: [], notes: [] });
  });

  it('keeps its index on disk, and a library opened again answers from it without indexing anything again', async () => {
    const { library: lib, dataDir } = await library();
    const before = await lib.search('whale tag:people', 10);
    await lib.close();
    const file = join(layoutOf(dataDir).deviceDir, 'search', 'index.json');
    const written = (await stat(file)).mtimeMs;
    expect((await readdir(join(layoutOf(dataDir).deviceDir, 'search', 'texts'))).length).toBe(2);

    const again = await openTestLibrary({ dataDir });
    expect(await again.search('whale tag:people', 10)).toEqual(before);
    await again.close();
    expect((await stat(file)).mtimeMs).toBe(written);
  });

  it('is rebuilt from the articles when its file is damaged (moved to quarantine, reported) or missing, with the same answers', async () => {
    const { library: lib, dataDir } = await library();
    const queries = ['whale', '"call me ishmael"', 'tag:people', 'kokovoko', 'obama syria'];
    const answers = await Promise.all(queries.map((q) => lib.search(q, 10)));
    await lib.close();
    const file = join(layoutOf(dataDir).deviceDir, 'search', 'index.json');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, text.length / 2));

    const damaged = await openTestLibrary({ dataDir });
    for (const [i, q] of queries.entries()) expect(await damaged.search(q, 10)).toEqual(answers[i]);
    const [recovery] = await damaged.recoveries();
    expect(recovery).toMatchObject({ file, restoredFrom: 'rebuilt from the articles', complete: true });
    expect(existsSync(recovery!.quarantinedTo)).toBe(true);
    await damaged.close();

    const { rm } = await import('node:fs/promises');
    await rm(join(layoutOf(dataDir).deviceDir, 'search'), { recursive: true });
    const missing = await openTestLibrary({ dataDir });
    for (const [i, q] of queries.entries()) expect(await missing.search(q, 10)).toEqual(answers[i]);
    expect(await missing.recoveries()).toEqual([]);
  });
});

describe('a search index damaged inside', () => {
  it('is found out by the search that reads the damaged word list, quarantined, reported and rebuilt, and the search still answers', async () => {
    const { library: lib, dataDir } = await library();
    const expected = await lib.search('leviathan', 10);
    await lib.close();
    const file = join(layoutOf(dataDir).deviceDir, 'search', 'index.json');
    const json = JSON.parse(await readFile(file, 'utf8')) as { index: { words: string[]; postings: unknown[] } };
    const at = json.index.words.findIndex((w) => w === 'leviathan');
    expect(at).toBeGreaterThanOrEqual(0);
    json.index.postings[at] = typeof json.index.postings[at] === 'string' ? '%%not a word list%%' : [-7, 'x'];
    await writeFile(file, JSON.stringify(json));

    const again = await openTestLibrary({ dataDir });
    expect(await again.search('leviathan', 10)).toEqual(expected);
    const [recovery] = await again.recoveries();
    expect(recovery).toMatchObject({ file, restoredFrom: 'rebuilt from the articles', complete: true });
  });
});

describe('the search command', () => {
  it('prints articles then highlights, one line each, or the answer as JSON, and refuses a bad limit', async () => {
    const { library: lib, dataDir } = await library();
    await lib.close();
    const lines = await runCli(['--data-dir', dataDir, 'search', 'tag:people', 'narrator']);
    expect(lines).toMatchObject({ code: 0, stderr: '' });
    expect(lines.stdout.trimEnd().split('\n')).toEqual([expect.stringMatching(/^highlight\ta-\w+\th-\w+\tCall me Ishmael\tthe narrator names himself\t#people\/narrator$/)]);
    const json = JSON.parse((await runCli(['--data-dir', dataDir, 'search', 'leviathan', '--json', '--limit', '1'])).stdout);
    expect(json.articles).toHaveLength(1);
    expect(json.total.articles).toBe(1);
    expect(await runCli(['--data-dir', dataDir, 'search', 'zzqqxx'])).toMatchObject({ code: 0, stdout: '', stderr: 'nothing found\n' });
    expect(await runCli(['--data-dir', dataDir, 'search', 'whale', '--limit', '0'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--limit must be a whole number from 1 to 500') });
    expect(await runCli(['--data-dir', dataDir, 'search'])).toMatchObject({ code: 2, stderr: 'marginalia search: search needs a QUERY (see search --help)\n' });
  });
});

describe('the search index follows the library', () => {
  it('in the change that writes a highlight or imports an article, once it is open: no search has anything left to catch up', async () => {
    const { library: lib, moby, ishmael } = await library();
    await lib.prepareSearch();
    expect(await lib.searchIsCurrent(moby.id)).toBe(true);

    await lib.updateHighlight({ articleId: moby.id, highlightId: ishmael.id, note: 'a zebra in the margin' });
    // Right after the write the entry moved on; the index follows it before anything else asked of it.
    await lib.searchSettled();
    expect(await lib.searchIsCurrent(moby.id)).toBe(true);
    const pride = (await lib.importFile({ fileName: 'pride-and-prejudice.txt', bytes: await book('pride-and-prejudice.txt') })).summary;
    await lib.searchSettled();
    expect(await lib.searchIsCurrent(pride.id)).toBe(true);
    expect((await found(lib, 'zebra')).notes).toEqual(['a zebra in the margin']);
  });

  it('builds nothing in a process that never searched (the CLI adding a highlight): the next search catches up', async () => {
    const { library: lib, dataDir, moby } = await library();
    await lib.searchSettled();
    expect(await lib.searchIsCurrent(moby.id)).toBe(false);
    expect(existsSync(join(layoutOf(dataDir).deviceDir, 'search', 'index.json'))).toBe(false);
    expect((await found(lib, 'harpooneer')).notes).toEqual(['a harpooneer, first seen']);
    expect(await lib.searchIsCurrent(moby.id)).toBe(true);
  });
});
