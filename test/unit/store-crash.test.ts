import { describe, expect, it } from 'vitest';
import { runCrashTest } from '../support/crash-test.js';
import { openTestLibrary } from '../support/library.js';
import { SAMPLE_ARTICLE, tempDir } from '../support/temp.js';

describe('the store under SIGKILL', () => {
  it('keeps every acknowledged change and every file valid when the writer is killed 8 times', async () => {
    const dataDir = await tempDir();
    const library = await openTestLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE });
    const [article] = await library.listArticles();
    await library.close();
    const report = await runCrashTest({ dataDir, articleId: article!.id, kills: 8, seed: 7 });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ kills: 8, lost: 0, corrupt: 0 });
    expect(report.acked).toBeGreaterThan(8);
  }, 120_000);
});
