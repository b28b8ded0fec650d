import { describe, expect, it } from 'vitest';
import { cp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { exportToFolder, syncStateDir } from '../../main/core/export/index.js';
import { readAnnotations, toAnnotationCollection } from '../../main/core/interop/w3c-annotations.js';
import type { Library } from '../../main/core/index.js';
import { runCli } from '../support/cli.js';
import { openTestLibrary } from '../support/library.js';
import { parseExport, textOf } from '../support/markdown.js';
import { SAMPLE_ARTICLE, tempDir } from '../support/temp.js';
import { codePoints, utf16 } from '../../shared/offsets.js';
import { layoutOf } from '../support/store-layout.js';

/** Names every plain object answers to: as tags, titles, file names and notes they are ordinary strings. */
const NAMES = ['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty', 'prototype', '__defineGetter__'] as const;
const FIXTURE = new URL('../fixtures/store-prototype-names', import.meta.url).pathname;
const FIXTURE_ARTICLE = 'a-h0g2cjus5yjffb43';

/** Tag counts over every highlight of the library, as the highlights themselves say. */
async function countTags(library: Library): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const summary of await library.listArticles()) {
    for (const tag of summary.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    for (const h of (await library.getArticle(summary.id)).highlights) for (const tag of h.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return counts;
}

const quietly = <T>(fn: () => Promise<T>) => {
  const warn = console.warn;
  console.warn = () => {};
  return fn().finally(() => (console.warn = warn));
};

describe('user strings that are Object.prototype names', () => {
  it('go through import, highlighting, re-import, export and reopening as ordinary tags, titles, file names and notes', async () => {
    const dataDir = await tempDir();
    await cp(FIXTURE, dataDir, { recursive: true });
    const source = await tempDir();
    // The fixture's folder makes this a library with an article: the sample is not imported.
    let library = await openTestLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE });
    expect((await library.listArticles()).map((a) => a.id)).toEqual([FIXTURE_ARTICLE]);

    // One article per name (file name and title), highlights tagged and noted with the names.
    const ids = new Map<string, string>();
    for (const name of NAMES) {
      const path = join(source, `${name}.txt`);
      await writeFile(path, `${name}\n\nA passage about ${name}, then another passage about ${name}.\n`);
      const { summary } = await library.importFile({ fileName: `${name}.txt`, bytes: await readFile(path), path });
      expect(summary.title).toBe(name);
      ids.set(name, summary.id);
      const index = await library.indexOf(summary.id);
      const at = index.text.indexOf('another passage');
      const h = await library.createHighlight({ articleId: summary.id, start: index.toCodePoint(utf16(at)), end: index.toCodePoint(utf16(at + 15)), color: 'blue', note: name, tags: [name] });
      const extra = await library.createHighlight({ articleId: summary.id, start: codePoints(0), end: codePoints(Array.from(name).length), color: 'pink', tags: [...NAMES] });
      await library.updateHighlight({ articleId: summary.id, highlightId: h.id, tags: [name, 'ordinary'], note: `${name} ${name}` });
      await library.deleteHighlight({ articleId: summary.id, highlightId: extra.id });
    }
    // A front matter whose keys are those names is kept as it was written.
    const md = join(source, 'front-matter.md');
    await writeFile(md, `---\ntitle: __proto__ in front matter\n__proto__: kept\nconstructor: also kept\n---\n\nBody text here.\n`);
    const fm = (await library.importFile({ fileName: 'front-matter.md', bytes: await readFile(md), path: md })).summary.id;

    // The fixture article: tag k (from 0) is on 7 - k highlights, plus the article's own tags.
    const expected = new Map<string, number>(NAMES.map((name, k) => [name, 7 - k + 1 + 1]));
    expected.set('ordinary', NAMES.length);
    expect(await countTags(library)).toEqual(expected);
    const order = [...expected].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => tag);
    expect(await library.listTags()).toEqual(order);
    const counts = async (l: Library) => new Map((await l.listArticles()).map((a) => [a.title, a.highlightCount]));
    const expectedCounts = new Map<string, number>([...NAMES.map((n) => [n, 1] as const), ['Names every object has', 7], ['__proto__ in front matter', 0]]);
    expect(await counts(library)).toEqual(expectedCounts);
    await library.close();

    // The index holds every name, with its count.
    const index = JSON.parse(await readFile(layoutOf(dataDir).index, 'utf8')) as { articles: { id: string; highlightTags: Record<string, number> }[] };
    const fixtureEntry = index.articles.find((a) => a.id === FIXTURE_ARTICLE)!;
    expect(Object.entries(fixtureEntry.highlightTags)).toEqual(NAMES.map((name, k) => [name, 7 - k]));

    // Reopening trusts that index: nothing quarantined, nothing rebuilt, nothing recovered.
    const indexBefore = await stat(layoutOf(dataDir).index);
    library = await openTestLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE });
    expect(await library.recoveries()).toEqual([]);
    expect(existsSync(join(dataDir, 'quarantine'))).toBe(false);
    expect((await stat(layoutOf(dataDir).index)).ino).toBe(indexBefore.ino);
    expect(await library.listTags()).toEqual(order);
    expect(await counts(library)).toEqual(expectedCounts);
    expect((await library.getArticle(fm)).article.metadata?.frontMatter).toEqual(
      JSON.parse('{"title":"__proto__ in front matter","__proto__":"kept","constructor":"also kept"}'),
    );

    // A new version of the __proto__ article keeps its highlight and its tags.
    const protoPath = join(source, '__proto__.txt');
    await writeFile(protoPath, `__proto__\n\nA new first line.\n\nA passage about __proto__, then another passage about __proto__.\n`);
    const again = await library.importFile({ fileName: '__proto__.txt', bytes: await readFile(protoPath), path: protoPath });
    expect(again.newVersion).toMatchObject({ version: 2, anchored: 1, orphaned: 0, unchanged: false });
    expect(again.summary).toMatchObject({ id: ids.get('__proto__'), title: '__proto__', highlightCount: 1 });
    expect((await library.getArticle(ids.get('__proto__')!)).highlights.map((h) => [h.note, h.tags])).toEqual([['__proto__ __proto__', ['__proto__', 'ordinary']]]);
    expect(await library.listTags()).toEqual(order);

    // Exports: Markdown of one article, W3C annotations, and a folder by each tag.
    for (const name of NAMES) {
      const id = ids.get(name)!;
      const { markdown } = await library.exportMarkdown(id);
      const { frontMatter, body } = parseExport(markdown);
      expect(frontMatter).toMatchObject({ title: name, tags: [name, 'ordinary'].sort() });
      // The note as written (it is Markdown: there `__proto__` is strong emphasis), then the tags, read back as written.
      expect(markdown).toContain(`\n\n${name} ${name}\n\n#`);
      expect(textOf(body)).toContain(`\n#${name} #ordinary`);
      const { article, highlights } = await library.getArticle(id);
      const { annotations, skipped } = readAnnotations(JSON.parse(JSON.stringify(toAnnotationCollection(article, highlights))));
      expect(skipped).toBe(0);
      expect(annotations.map((a) => [a.note, a.tags])).toEqual([[`${name} ${name}`, [name, 'ordinary']]]);
    }
    const folder = await tempDir();
    for (const name of NAMES) {
      const report = await exportToFolder(library, { tag: name }, { folder, stateDir: syncStateDir(dataDir) });
      expect(report.files.map((f) => f.title).sort()).toEqual(['Names every object has', name].sort());
    }
    expect((await readdir(folder)).length).toBe(NAMES.length + 1);
    await library.close();

    // The CLI reads the same library, and leaves an index the app trusts.
    const listed = await runCli(['--data-dir', dataDir, 'list', '--json']);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(new Map((JSON.parse(listed.stdout) as { title: string; highlightCount: number }[]).map((a) => [a.title, a.highlightCount]))).toEqual(expectedCounts);
    const highlights = await runCli(['--data-dir', dataDir, 'highlights', ids.get('constructor')!, '--json']);
    expect(JSON.parse(highlights.stdout)).toMatchObject([{ note: 'constructor constructor', tags: ['constructor', 'ordinary'] }]);
    const marked = await runCli(['--data-dir', dataDir, 'highlight', ids.get('valueOf')!, '--quote', 'A passage about valueOf', '--tag', 'valueOf', '--tag', '__proto__']);
    expect(marked).toMatchObject({ code: 0, stderr: '' });
    library = await quietly(() => openTestLibrary({ dataDir }));
    expect(await library.recoveries()).toEqual([]);
    expect(existsSync(join(dataDir, 'quarantine'))).toBe(false);
    expect((await countTags(library)).get('__proto__')).toBe(expected.get('__proto__')! + 1);
    expect((await library.listTags()).includes('__proto__')).toBe(true);
  }, 60_000);
});
