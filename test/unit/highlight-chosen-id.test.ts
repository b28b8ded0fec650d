import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract/index.js';
import { openTestLibrary } from '../support/library.js';
import { SAMPLE_ARTICLE, tempDir } from '../support/temp.js';
import { codePoints } from '../../shared/offsets.js';

/** The reader names the highlights it creates, so it can show one before main has saved it. */
describe('a highlight whose id the reader chose', () => {
  const open = async () => {
    const dataDir = await tempDir();
    const library = await openTestLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE });
    const [summary] = await library.listArticles();
    return { dataDir, library, articleId: summary!.id };
  };

  it('is saved under that id, and is there after the library is opened again', async () => {
    const { dataDir, library, articleId } = await open();
    const made = await library.createHighlight({ articleId, id: 'h-chosenbythereader1', start: codePoints(10), end: codePoints(30), color: 'green' });
    expect(made.id).toBe('h-chosenbythereader1');
    await library.close();
    const again = await openTestLibrary({ dataDir });
    expect((await again.getArticle(articleId)).highlights.map((h) => [h.id, h.color])).toEqual([['h-chosenbythereader1', 'green']]);
  });

  it('is made once when the same request comes twice (a retry), and another passage under the same id is refused', async () => {
    const { library, articleId } = await open();
    const first = await library.createHighlight({ articleId, id: 'h-retriedrequest0001', start: codePoints(10), end: codePoints(30), color: 'yellow' });
    const retried = await library.createHighlight({ articleId, id: 'h-retriedrequest0001', start: codePoints(10), end: codePoints(30), color: 'yellow' });
    expect(retried).toEqual(first);
    await expect(library.createHighlight({ articleId, id: 'h-retriedrequest0001', start: codePoints(40), end: codePoints(60), color: 'yellow' })).rejects.toMatchObject({
      code: 'invalid-request',
      message: 'A highlight with id h-retriedrequest0001 already exists in this article.',
    });
    expect((await library.getArticle(articleId)).highlights).toHaveLength(1);
  });

  it('must look like one of ours: the contract refuses any other id', () => {
    const request = (id: unknown) => contract.createHighlight.request.safeParse({ articleId: 'a-abcdefgh12345678', id, start: 0, end: 5, color: 'blue' }).success;
    expect(request('h-abcdefgh12345678')).toBe(true);
    for (const bad of ['', 'h-', 'H-ABCDEFGH12345678', 'a-abcdefgh12345678', 'h-../../etc', 'h-abc def12345678', 'constructor', 42]) expect(request(bad)).toBe(false);
  });
});
