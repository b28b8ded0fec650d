import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { open, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { openTestLibrary } from '../support/library.js';
import { SAMPLE_ARTICLE, onCleanup, tempDir } from '../support/temp.js';
import { codePoints } from '../../shared/offsets.js';
import { layoutOf } from '../support/store-layout.js';

/** Real full and read-only disks need a tmpfs mount, which needs root on Linux (as on CI). */
const canMount = process.platform === 'linux' && process.getuid?.() === 0;
if (!canMount) console.warn('Not root on Linux: skipping the disk-full and read-only tests, which mount a small tmpfs.');

async function smallDisk(kilobytes: number): Promise<string> {
  const dir = await tempDir('marginalia-disk-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kilobytes}k`, 'tmpfs', dir]);
  onCleanup(async () => execFileSync('umount', ['-l', dir]));
  return dir;
}

/** Fills the disk to the last byte; returns the filler's path. */
async function fill(dir: string): Promise<string> {
  const path = join(dir, 'filler');
  const handle = await open(path, 'w');
  const chunk = Buffer.alloc(4096, 120);
  try {
    for (;;) await handle.write(chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close();
  }
  return path;
}

describe.skipIf(!canMount)('the store on a failing disk', () => {
  it('refuses a change on a full disk with a clear message, keeps the previous state, and recovers when space returns', async () => {
    const dataDir = await smallDisk(1024);
    const library = await openTestLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE });
    const [article] = await library.listArticles();
    const articleId = article!.id;
    await library.createHighlight({ articleId, start: codePoints(0), end: codePoints(10), color: 'green', note: 'before the disk filled' });
    const layout = layoutOf(dataDir);
    const highlightsPath = layout.highlights(articleId);
    const before = await readFile(highlightsPath, 'utf8');
    const journalBefore = await readFile(layout.journal(articleId), 'utf8');

    const filler = await fill(dataDir);
    await expect(library.createHighlight({ articleId, start: codePoints(20), end: codePoints(30), color: 'blue' })).rejects.toMatchObject({
      code: 'storage',
      message: expect.stringMatching(/disk is full.*Nothing was changed/),
    });
    await expect(
      library.importFile({ fileName: 'more.txt', bytes: Buffer.from('A title\nSome words.\nMore words.') }),
    ).rejects.toMatchObject({ code: 'storage', message: /disk is full/ });
    expect(await readFile(highlightsPath, 'utf8')).toBe(before);
    expect(await readFile(layout.journal(articleId), 'utf8')).toBe(journalBefore);
    expect(await readdir(layout.tempDir)).toEqual([]);
    expect(await library.listArticles()).toHaveLength(1);
    expect((await library.getArticle(articleId)).highlights.map((h) => h.note)).toEqual(['before the disk filled']);

    await rm(filler);
    await library.createHighlight({ articleId, start: codePoints(20), end: codePoints(30), color: 'blue' });
    expect((await library.getArticle(articleId)).highlights).toHaveLength(2);
  });

  it('refuses a change in a read-only folder with a clear message and keeps reading', async () => {
    const dataDir = await smallDisk(1024);
    const library = await openTestLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE });
    const [article] = await library.listArticles();
    await library.createHighlight({ articleId: article!.id, start: codePoints(0), end: codePoints(10), color: 'green' });
    await library.close();
    execFileSync('mount', ['-o', 'remount,ro', dataDir]);
    try {
      await expect(library.createHighlight({ articleId: article!.id, start: codePoints(20), end: codePoints(30), color: 'blue' })).rejects.toMatchObject({
        code: 'storage',
        message: expect.stringMatching(/read-only/),
      });
      expect((await library.getArticle(article!.id)).highlights).toHaveLength(1);
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', dataDir]);
    }
  });
});
