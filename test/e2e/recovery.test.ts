import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startReader, type ReaderSession } from './harness.js';

describe('a damaged library file, in the reader', () => {
  let session: ReaderSession;
  beforeAll(async () => {
    session = await startReader();
  });
  afterAll(() => session?.close());

  it('is reported in a notice that says where the damaged file went and which backup replaced it', async () => {
    const { page, call, dataDir } = session;
    await page.goto(session.url);
    await page.locator('.article-title').waitFor();
    const [article] = await call<{ id: string }[]>('listArticles');
    const first = await call<{ id: string }>('createHighlight', { articleId: article!.id, start: 0, end: 10, color: 'green' });
    await call('createHighlight', { articleId: article!.id, start: 20, end: 30, color: 'blue' });
    const path = join(dataDir, 'articles', article!.id, 'highlights.json');
    await writeFile(path, (await readFile(path, 'utf8')).slice(0, 50));

    await page.reload();
    const notice = page.locator('.notice-error', { hasText: 'damaged library file' });
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(/moved to .*quarantine.*restored from the backup .*highlights\.1\.json/);
    // The restored generation holds the first highlight, painted in the reader.
    await expect(page.locator(`mark[data-highlight-id="${first.id}"]`).count()).resolves.toBeGreaterThan(0);
    expect(session.log.pageErrors).toEqual([]);
  });
});
