import { describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../main/core/dispatch.js';
import { coreHandlers } from '../../main/core/handlers.js';
import type { Library } from '../../main/core/index.js';
import type { Highlight } from '../../shared/model.js';
import { openTestLibrary } from '../support/library.js';
import { SAMPLE_ARTICLE, tempDir } from '../support/temp.js';

/** The app's view of a library: its operations through the contract, as the page calls them. */
async function app(dataDir: string) {
  const library = await openTestLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE });
  const handlers: Handlers = coreHandlers(library, { host: 'browser', version: 'test' } as never);
  const call = async <T>(op: string, payload: unknown = {}): Promise<T> => {
    const result = await dispatch(handlers, op, payload);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value as T;
  };
  const [sample] = await library.listArticles();
  return { library, call, articleId: sample!.id };
}

const highlightsOf = async (library: Library, articleId: string) => (await library.getArticle(articleId)).highlights;
const at = (n: number) => n as never;

describe('undo and redo', () => {
  it('undo every kind of change the reader makes, and redo does each again', async () => {
    const { library, call, articleId } = await app(await tempDir());
    const made = await call<Highlight>('createHighlight', { articleId, start: 0, end: 20, color: 'yellow', tags: ['syria'] });
    const other = await call<Highlight>('createHighlight', { articleId, start: 100, end: 130, color: 'green', tags: ['syria/un'] });
    const snapshots: { label: string; highlights: Highlight[] }[] = [];
    const keep = async (label: string) => snapshots.push({ label, highlights: await highlightsOf(library, articleId) });
    await keep('two highlights');
    await call('updateHighlight', { articleId, highlightId: made.id, color: 'pink' });
    await keep('recoloured');
    await call('updateHighlight', { articleId, highlightId: made.id, note: 'ninety *minutes*' });
    await keep('noted');
    await call('updateHighlight', { articleId, highlightId: made.id, tags: ['syria', 'g20'] });
    await keep('tagged');
    await call('renameTag', { from: 'syria', to: 'middle-east' });
    await keep('renamed');
    await call('removeTag', { tag: 'g20' });
    await keep('tag removed');
    await call('deleteHighlight', { articleId, highlightId: other.id });
    await keep('deleted');
    await call('deleteArticle', { articleId });
    expect(await library.listArticles()).toEqual([]);

    expect(await call('undoState')).toEqual({ undo: 'Delete article', redo: null });
    expect(await call('undo')).toMatchObject({ undone: 'Delete article', undo: 'Delete highlight', redo: 'Delete article' });
    // Back in order, each step as it was before the change undone.
    for (const { label, highlights } of [...snapshots].reverse()) {
      expect(await highlightsOf(library, articleId), label).toEqual(highlights);
      await call('undo');
    }
    // The first highlight made, then nothing.
    expect(await highlightsOf(library, articleId)).toEqual([made]);
    expect(await call('undo')).toMatchObject({ undone: 'Highlight', undo: null });
    expect(await highlightsOf(library, articleId)).toEqual([]);
    expect(await call('undo')).toMatchObject({ undone: null });

    // And forward again, to where it was.
    await call('redo');
    for (const { label, highlights } of snapshots) {
      await call('redo');
      expect(await highlightsOf(library, articleId), label).toEqual(highlights);
    }
    expect(await call('redo')).toMatchObject({ redone: 'Delete article' });
    expect(await library.listArticles()).toEqual([]);
  });

  it('survives a restart: the change made before is undone after', async () => {
    const dataDir = await tempDir();
    const first = await app(dataDir);
    const made = await first.call<Highlight>('createHighlight', { articleId: first.articleId, start: 0, end: 20, color: 'yellow' });
    await first.call('deleteHighlight', { articleId: first.articleId, highlightId: made.id });
    await first.library.close();

    const again = await app(dataDir);
    expect(await again.call('undo')).toMatchObject({ undone: 'Delete highlight' });
    expect((await highlightsOf(again.library, again.articleId)).map((h) => h.id)).toEqual([made.id]);
  });

  it('refuses to undo a change the command line changed since, and changes nothing; its own changes are not undone by the app', async () => {
    const dataDir = await tempDir();
    const { library, call, articleId } = await app(dataDir);
    const made = await call<Highlight>('createHighlight', { articleId, start: 0, end: 20, color: 'yellow' });
    await call('updateHighlight', { articleId, highlightId: made.id, note: 'mine' });

    const cli = await openTestLibrary({ dataDir });
    await cli.updateHighlight({ articleId, highlightId: made.id, note: 'the command line’s', color: 'blue' });
    await cli.createHighlight({ articleId, start: at(200), end: at(220), color: 'green' });
    await cli.close();

    await expect(call('undo')).rejects.toThrow(/“Edit note” cannot be undone: a highlight it changed was changed since/);
    const now = await highlightsOf(library, articleId);
    expect(now.find((h) => h.id === made.id)).toMatchObject({ note: 'the command line’s', color: 'blue' });
    expect(now).toHaveLength(2);
    expect(await call('undoState')).toEqual({ undo: 'Edit note', redo: null });
  });
});
