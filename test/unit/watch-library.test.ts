import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openTestLibrary } from '../support/library.js';
import { runCli } from '../support/cli.js';
import { corpus, SAMPLE_ARTICLE, tempDir } from '../support/temp.js';
import { codePoints } from '../../shared/offsets.js';
import { newDeviceId, type Device } from '../../main/core/sync/index.js';
import type { Library } from '../../main/core/index.js';

/** The bound another device's change must be noticed within (file events settle in 150 ms; the poll is 2 s). */
const NOTICE_TIMEOUT_MS = 5000;

const device = (name: string): Device => ({ id: newDeviceId(), name });

/** `promise`, or a failure naming what did not happen within `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} not within ${ms} ms`)), ms))]);
}

/** The laptop's library on a fresh folder with the sample article, following changes; and the desktop's on the same folder. */
async function twoDevices(follow?: Parameters<Library['followChanges']>[0]) {
  const dataDir = await tempDir();
  const laptop = await openTestLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE, device: device('Laptop') });
  const [sample] = await laptop.listArticles();
  if (follow) laptop.followChanges(follow);
  const { version } = await laptop.waitForChanges();
  const desktop = await openTestLibrary({ dataDir, device: device('Desktop') });
  return { dataDir, laptop, desktop, articleId: sample!.id, version };
}

describe("following another device's changes while the library runs", () => {
  it('a highlight with a note the desktop adds is noticed by the laptop, and a waiting page is told which article', async () => {
    const { laptop, desktop, articleId, version } = await twoDevices();
    const waiting = laptop.waitForChanges(version);
    const made = await desktop.createHighlight({ articleId, start: codePoints(0), end: codePoints(5), color: 'blue', note: 'written on the desktop' });
    const answer = await within(waiting, NOTICE_TIMEOUT_MS, 'the laptop noticing the highlight');
    expect(answer.articleIds).toEqual([articleId]);
    expect(answer.version).toBeGreaterThan(version);
    const { highlights } = await laptop.getArticle(articleId);
    expect(highlights.map((h) => [h.id, h.note, h.color])).toEqual([[made.id, 'written on the desktop', 'blue']]);
    // The laptop's search follows it too (it listens to the store's changes).
    await laptop.searchSettled();
    expect((await laptop.search('desktop')).highlights.map((h) => h.highlightId)).toEqual([made.id]);
  });

  it('with no file events (a network drive), the poll alone notices an edited note', async () => {
    const { laptop, desktop, articleId } = await twoDevices({ events: false, pollMs: 300 });
    const made = await desktop.createHighlight({ articleId, start: codePoints(0), end: codePoints(5), color: 'green', note: 'first' });
    await expect.poll(async () => (await laptop.getArticle(articleId)).highlights.map((h) => h.note), { timeout: NOTICE_TIMEOUT_MS, interval: 100 }).toEqual(['first']);
    const { version } = await laptop.waitForChanges();
    const waiting = laptop.waitForChanges(version);
    await desktop.updateHighlight({ articleId, highlightId: made.id, note: 'second thought' });
    expect((await within(waiting, NOTICE_TIMEOUT_MS, 'the poll noticing the edit')).articleIds).toEqual([articleId]);
    expect((await laptop.getArticle(articleId)).highlights.map((h) => h.note)).toEqual(['second thought']);
  });

  it('an article the CLI imports (another process, its own device) appears in the running library', async () => {
    const { dataDir, laptop, version } = await twoDevices();
    const waiting = laptop.waitForChanges(version);
    const page = corpus('readability/test-pages/ars-1/source.html');
    const cli = await runCli(['--data-dir', dataDir, 'import', page], { env: { MARGINALIA_DEVICE_FILE: join(await tempDir(), 'device.json') }, hangAfterMs: 60_000 });
    expect(cli.code, cli.stderr).toBe(0);
    const importedId = cli.stdout.trim();
    const answer = await within(waiting, NOTICE_TIMEOUT_MS, 'the laptop noticing the import');
    expect(answer.articleIds).toContain(importedId);
    const listed = await laptop.listArticles();
    expect(listed.map((a) => a.id)).toContain(importedId);
    expect((await laptop.getArticle(importedId)).article.source).toMatchObject({ kind: 'file' });
  });

  it("the laptop's own changes are not reported back to it as outside changes", async () => {
    const { laptop, articleId, version } = await twoDevices();
    await laptop.createHighlight({ articleId, start: codePoints(0), end: codePoints(5), color: 'pink' });
    expect(await laptop.waitForChanges(version, 1500)).toEqual({ version, articleIds: [] });
  });

  it('closing the library answers a waiting page and stops looking', async () => {
    const dataDir = await tempDir();
    const laptop = await openTestLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE, device: device('Laptop') });
    const { version } = await laptop.waitForChanges();
    const waiting = laptop.waitForChanges(version);
    await laptop.close();
    expect(await within(waiting, 1000, 'the wait being answered on close')).toEqual({ version, articleIds: [] });
  });
});
