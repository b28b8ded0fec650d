import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cp, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { runCli } from '../support/cli.js';
import { layoutOf } from '../support/store-layout.js';
import { paintedPassages, startReader, type ReaderSession } from './harness.js';

type Summary = { id: string; title: string; unavailable?: string };

describe('articles the library cannot open, and repairs made elsewhere, in the reader', () => {
  let session: ReaderSession;
  /** Each test has a reader of its own, over a fresh library holding only the sample article. */
  beforeEach(async () => {
    session = await startReader();
  });
  afterEach(() => session?.close());

  it('lists an article from a newer Marginalia greyed with the reason, says so in a notice, and still opens the sample', async () => {
    const { page, call, dataDir } = session;
    await page.goto(session.url);
    await page.locator('.article-title').waitFor();
    const [sample] = await call<Summary[]>('listArticles');
    // A newer build wrote an article into the same library (format version 3).
    const newer = 'a-fromanewerbuild1';
    // Its folder is made aside and moved in whole, as a writer holding the library's lock would: the
    // running app polls the library, and a half-copied folder without article.json is an import cut
    // short, which it tidies away.
    const aside = join(dataDir, 'made-aside');
    await cp(join(dataDir, 'articles', sample!.id), aside, { recursive: true });
    const file = JSON.parse(await readFile(join(aside, 'article.json'), 'utf8'));
    await writeFile(join(aside, 'article.json'), JSON.stringify({ version: 3, article: { ...file.article, id: newer, title: 'Notes from the future' } }));
    await rename(aside, join(dataDir, 'articles', newer));

    await page.reload();
    const entry = page.locator('.library-item-unavailable', { hasText: 'Notes from the future' });
    await entry.waitFor();
    await expect(entry.textContent()).resolves.toContain(
      'Cannot be opened: its article.json was written by a newer Marginalia (format version 3); update the app to open it.',
    );
    expect(await entry.getAttribute('aria-disabled')).toBe('true');
    const notice = page.locator('.notice-error', { hasText: '“Notes from the future” cannot be opened' });
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(/newer Marginalia.*left as they are/);
    // The readable article is listed first and open; nothing was imported again.
    await expect(page.locator('.library li').first().textContent()).resolves.toContain(sample!.title);
    await expect(page.locator('.article-title').textContent()).resolves.toBe(sample!.title);
    expect((await call<Summary[]>('listArticles')).map((a) => [a.title, a.unavailable !== undefined])).toEqual([
      [sample!.title, false],
      ['Notes from the future', true],
    ]);
    // Clicking it opens nothing and reports no error.
    await entry.click();
    await expect(page.locator('.article-title').textContent()).resolves.toBe(sample!.title);
    expect(await page.locator('.notice-error').count()).toBe(1);
    expect(session.log.pageErrors).toEqual([]);
  });

  it('tells of a repair the command line made while the app was running', async () => {
    const { page, call, dataDir } = session;
    await page.goto(session.url);
    await page.locator('.article-title').waitFor();
    const [sample] = (await call<Summary[]>('listArticles')).filter((a) => a.unavailable === undefined);
    await call('createHighlight', { articleId: sample!.id, start: 0, end: 10, color: 'green' });
    await call('createHighlight', { articleId: sample!.id, start: 20, end: 30, color: 'blue' });
    const path = layoutOf(dataDir).journal(sample!.id);
    const lines = (await readFile(path, 'utf8')).split('\n');
    await writeFile(path, [lines[0]!.replace('"green"', '"greXn"'), ...lines.slice(1)].join('\n'));
    // The CLI reads the article first, and so finds and repairs the damage.
    const cli = await runCli(['--data-dir', dataDir, 'highlights', sample!.id, '--json'], { hangAfterMs: 60_000 });
    expect(cli.code).toBe(0);

    await page.reload();
    const notice = page.locator('.notice-error', { hasText: basename(path) });
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(
      /journal\.d-[a-z0-9]{12}\.jsonl: line 1 is damaged\) was copied to .*quarantine.*\. It was kept up to the damaged line, and every good line after it; the change on the damaged line is missing\./,
    );
    // The good change after the damaged line is kept and painted.
    await expect.poll(async () => (await paintedPassages(page)).map((p) => p.color)).toEqual(['blue']);
    expect(session.log.pageErrors).toEqual([]);
  });
});
