import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { layoutOf } from '../support/store-layout.js';
import { paintedPassages, startReader, type ReaderSession } from './harness.js';

describe('a damaged library file, in the reader', () => {
  let session: ReaderSession;
  beforeAll(async () => {
    session = await startReader();
  });
  afterAll(() => session?.close());

  it('is reported in a notice that says what was damaged, where a copy went, and what was kept', async () => {
    const { page, call, dataDir } = session;
    await page.goto(session.url);
    await page.locator('.article-title').waitFor();
    const [article] = await call<{ id: string }[]>('listArticles');
    await call('createHighlight', { articleId: article!.id, start: 0, end: 10, color: 'green' });
    await call('createHighlight', { articleId: article!.id, start: 20, end: 30, color: 'blue' });
    // Damage the second change in the journal, as a failing disk would.
    const path = layoutOf(dataDir).journal(article!.id);
    const lines = (await readFile(path, 'utf8')).split('\n');
    await writeFile(path, [lines[0], lines[1]!.replace('"blue"', '"bluX"'), ''].join('\n'));

    await page.reload();
    const notice = page.locator('.notice-error', { hasText: 'damaged library file' });
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(/journal\.d-[a-z0-9]{12}\.jsonl: line 2 is damaged.*copied to .*quarantine.*kept up to the damaged line/);
    // What came before the damage (the green highlight) is still painted; the damaged change (blue) is not.
    await expect.poll(async () => (await paintedPassages(page)).map((p) => p.color)).toEqual(['green']);
    expect(session.log.pageErrors).toEqual([]);
  });
});
