import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Library } from '../../main/core/index.js';
import { dispatch } from '../../main/core/dispatch.js';
import { coreHandlers } from '../../main/core/handlers.js';
import { codePoints } from '../../shared/offsets.js';
import { runCli } from '../support/cli.js';
import { openTestLibrary } from '../support/library.js';
import { corpus, SAMPLE_ARTICLE, tempDir } from '../support/temp.js';

/** Each highlight's tags, by the first words of its quote, as the library now has them. */
async function tagsByQuote(library: Library): Promise<Map<string, string[]>> {
  const tags = new Map<string, string[]>();
  for (const summary of await library.listArticles()) {
    for (const h of (await library.getArticle(summary.id)).highlights) tags.set(h.target.quote.exact.slice(0, 20), h.tags);
  }
  return tags;
}

/**
 * A library of the sample article and Pride and Prejudice, with highlights
 * tagged as a reader who nests tags (Obsidian's `parent/child`) would.
 */
async function taggedLibrary(dataDir?: string) {
  const dir = dataDir ?? (await tempDir());
  const library = await openTestLibrary({ dataDir: dir, defaultArticlePath: SAMPLE_ARTICLE });
  const [sample] = await library.listArticles();
  const pride = (await library.importFile({ fileName: 'pride-and-prejudice.txt', bytes: await readFile(corpus('books/pride-and-prejudice.txt')) })).summary;
  const tagged: [string, string[]][] = [];
  const highlight = async (articleId: string, start: number, tags: string[]) => {
    const h = await library.createHighlight({ articleId, start: codePoints(start), end: codePoints(start + 40), color: 'yellow', tags });
    tagged.push([h.target.quote.exact.slice(0, 20), tags]);
    return h;
  };
  await highlight(sample!.id, 0, ['diplomacy', 'syria']);
  await highlight(sample!.id, 100, ['diplomacy/un', 'constructor']);
  await highlight(sample!.id, 200, ['diplomacy/un/vetoes']);
  await highlight(sample!.id, 300, ['diplomat']);
  await highlight(pride.id, 1000, ['marriage', 'diplomacy']);
  await highlight(pride.id, 2000, ['marriage']);
  return { library, dataDir: dir, sample: sample!, pride, tagged: new Map(tagged) };
}

describe('tags across the library', () => {
  it('are counted by highlights and by articles, most used first, a prototype name among them', async () => {
    const { library } = await taggedLibrary();
    expect(await library.tagCounts()).toEqual([
      { tag: 'diplomacy', highlights: 2, articles: 2 },
      { tag: 'marriage', highlights: 2, articles: 1 },
      { tag: 'constructor', highlights: 1, articles: 1 },
      { tag: 'diplomacy/un', highlights: 1, articles: 1 },
      { tag: 'diplomacy/un/vetoes', highlights: 1, articles: 1 },
      { tag: 'diplomat', highlights: 1, articles: 1 },
      { tag: 'syria', highlights: 1, articles: 1 },
    ]);
  });

  it('a rename takes the nested tags with it and leaves a tag that only starts the same (diplomat) alone', async () => {
    const { library, tagged } = await taggedLibrary();
    expect(await library.renameTag('#diplomacy', 'foreign-policy')).toEqual({ highlights: 4, articles: 2, merged: false });
    const expected = new Map([...tagged].map(([quote, tags]) => [quote, tags.map((t) => t.replace(/^diplomacy(?=\/|$)/, 'foreign-policy'))]));
    expect(await tagsByQuote(library)).toEqual(expected);
    expect((await library.tagCounts()).map((c) => c.tag)).not.toContain('diplomacy');
  });

  it('a rename onto a tag in use merges the two, and a highlight that had both keeps it once', async () => {
    const { library, tagged } = await taggedLibrary();
    expect(await library.renameTag('diplomacy', 'marriage')).toEqual({ highlights: 4, articles: 2, merged: true });
    const after = await tagsByQuote(library);
    const both = [...tagged].find(([, tags]) => tags.includes('marriage') && tags.includes('diplomacy'))![0];
    expect(after.get(both)).toEqual(['marriage']);
    expect((await library.tagCounts()).find((c) => c.tag === 'marriage')).toEqual({ tag: 'marriage', highlights: 3, articles: 2 });
  });

  it('a rename of a tag under itself, or to something that is not a tag, is refused and changes nothing', async () => {
    const { library, tagged } = await taggedLibrary();
    await expect(library.renameTag('diplomacy', 'diplomacy/old')).rejects.toThrow('#diplomacy cannot be renamed to #diplomacy/old, a tag nested under itself.');
    await expect(library.renameTag('diplomacy', 'two words')).rejects.toMatchObject({ code: 'invalid-request' });
    expect(await tagsByQuote(library)).toEqual(tagged);
  });

  it('a removal takes the tag and its children off every highlight, and restoring what it answered puts each back', async () => {
    const { library, tagged } = await taggedLibrary();
    const removed = await library.removeTag('diplomacy');
    expect(removed.removedFrom.flatMap((a) => a.highlights.map((h) => h.tags)).sort()).toEqual([['diplomacy'], ['diplomacy'], ['diplomacy/un'], ['diplomacy/un/vetoes']]);
    const after = await tagsByQuote(library);
    for (const [quote, tags] of tagged) expect(after.get(quote)).toEqual(tags.filter((t) => !/^diplomacy(\/|$)/.test(t)));
    expect(await library.restoreTags(removed.removedFrom)).toEqual({ highlights: 4 });
    const restored = await tagsByQuote(library);
    for (const [quote, tags] of tagged) expect([...restored.get(quote)!].sort()).toEqual([...tags].sort());
  });

  it('restoring skips a highlight deleted since, without an error', async () => {
    const { library, sample } = await taggedLibrary();
    const removed = await library.removeTag('syria');
    const [{ highlights }] = removed.removedFrom as [(typeof removed.removedFrom)[0]];
    await library.deleteHighlight({ articleId: sample.id, highlightId: highlights[0]!.id });
    expect(await library.restoreTags(removed.removedFrom)).toEqual({ highlights: 0 });
  });

  it('reach the library through the contract, which refuses a tag that is not one', async () => {
    const { library } = await taggedLibrary();
    const handlers = coreHandlers(library, { host: 'browser', version: 'test', saveMarkdownExport: async () => ({ status: 'cancelled' }), openLink: async () => false, chooseExportFolder: async () => null });
    expect(await dispatch(handlers, 'renameTag', { from: 'syria', to: 'middle-east/syria' })).toEqual({ ok: true, value: { highlights: 1, articles: 1, merged: false } });
    expect(await dispatch(handlers, 'renameTag', { from: 'syria', to: '#x' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const removed = await dispatch(handlers, 'removeTag', { tag: 'middle-east' });
    expect(removed).toMatchObject({ ok: true, value: { tag: 'middle-east', removedFrom: [{ highlights: [{ tags: ['middle-east/syria'] }] }] } });
    expect(await dispatch(handlers, 'restoreTags', { restore: (removed as { value: { removedFrom: unknown } }).value.removedFrom })).toEqual({ ok: true, value: { highlights: 1 } });
    expect(await dispatch(handlers, 'listTagCounts', {})).toMatchObject({ ok: true, value: expect.arrayContaining([{ tag: 'middle-east/syria', highlights: 1, articles: 1 }]) });
  });
});

describe('the tags and tag commands', () => {
  it('list the tags with their counts, rename and merge them, and say what they did', async () => {
    const { library, dataDir } = await taggedLibrary();
    await library.close();
    const tags = await runCli(['--data-dir', dataDir, 'tags']);
    expect(tags).toMatchObject({ code: 0, stderr: '' });
    expect(tags.stdout.split('\n')[0]).toBe('#diplomacy\t2\t2');
    const json = await runCli(['--data-dir', dataDir, 'tags', '--json']);
    expect(JSON.parse(json.stdout)).toContainEqual({ tag: 'constructor', highlights: 1, articles: 1 });
    expect(await runCli(['--data-dir', dataDir, 'tag', 'rename', 'diplomacy', 'politics'])).toMatchObject({ code: 0, stdout: 'renamed on 4 highlights in 2 articles\n' });
    expect(await runCli(['--data-dir', dataDir, 'tag', 'rename', 'marriage', 'politics'])).toMatchObject({ code: 0, stdout: 'merged on 2 highlights in 1 article\n' });
    expect(await runCli(['--data-dir', dataDir, 'tag', 'remove', 'politics/un'])).toMatchObject({ code: 0, stdout: 'removed #politics/un from 2 highlights in 1 article\n' });
    expect(await runCli(['--data-dir', dataDir, 'tag', 'rename', 'politics'])).toMatchObject({ code: 2, stderr: 'marginalia tag: tag rename needs OLD and NEW (see tag --help)\n' });
    expect(await runCli(['--data-dir', dataDir, 'tag', 'rename', 'politics', 'a b'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^marginalia tag: "a b" is not a tag/) });
    const after = JSON.parse((await runCli(['--data-dir', dataDir, 'tags', '--json'])).stdout) as { tag: string; highlights: number }[];
    expect(after.find((t) => t.tag === 'politics')).toEqual({ tag: 'politics', highlights: 3, articles: 2 });
    expect(after.map((t) => t.tag).sort()).toEqual(['constructor', 'diplomat', 'politics', 'syria']);
  });
});
