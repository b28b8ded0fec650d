import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalEdits } from '../support/store-layout.js';
import type { Highlight } from '../../shared/model.js';
import { codePoints } from '../../shared/offsets.js';
import { paintedPassages, selectWithMouse, startReader, type ReaderSession } from './harness.js';

describe('an orphaned highlight, in the reader', () => {
  let session: ReaderSession;
  beforeAll(async () => {
    session = await startReader();
  });
  afterAll(() => session?.close());

  it('is listed under Orphaned with its note, and is re-attached by selecting its passage and pressing h', async () => {
    const { page, call, dataDir } = session;
    await page.goto(session.url);
    await page.locator('.article-title').waitFor();
    const [article] = await call<{ id: string }[]>('listArticles');
    const made = await call<Highlight>('createHighlight', { articleId: article!.id, start: 0, end: 10, color: 'pink', note: 'Keep this thought', tags: ['syria'] });
    // The passage disappears from the article (as after an edit): its quote no longer occurs anywhere.
    const lost: Highlight = {
      ...made,
      target: {
        position: { type: 'TextPositionSelector', start: codePoints(5), end: codePoints(30) },
        quote: { type: 'TextQuoteSelector', exact: 'words that are no longer there', prefix: 'some ', suffix: ' at all' },
      },
    };
    await journalEdits(dataDir, article!.id, [{ before: made, after: lost }]);

    await page.reload();
    const orphan = page.locator('.highlight-item.is-orphaned', { hasText: 'Keep this thought' });
    await orphan.waitFor();
    expect(await paintedPassages(page)).toEqual([]);

    await orphan.locator('.reattach-button').click();
    await selectWithMouse(page, 'ninety minutes');
    await page.keyboard.press('h');
    await expect.poll(async () => (await paintedPassages(page)).map((p) => [p.color, p.text])).toEqual([['pink', 'ninety minutes']]);
    // The re-attached highlight is the active one.
    await expect(page.locator(`mark.hl-active[data-highlight-id="${made.id}"]`).textContent()).resolves.toBe('ninety minutes');
    await expect(page.locator('.highlight-item.is-orphaned').count()).resolves.toBe(0);

    const { highlights } = await call<{ highlights: Highlight[] }>('getArticle', { articleId: article!.id });
    expect(highlights).toHaveLength(1);
    expect(highlights[0]).toMatchObject({ id: made.id, note: 'Keep this thought', tags: ['syria'], color: 'pink', target: { quote: { exact: 'ninety minutes' } } });
    expect(session.log.pageErrors.map(String)).toEqual([]);
    expect(session.log.cspViolations).toEqual([]);
  });
});
