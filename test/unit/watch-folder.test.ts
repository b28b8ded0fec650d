import { describe, expect, it } from 'vitest';
import { rename, appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir, onCleanup } from '../support/temp.js';
import { isTempFile, watchFolder, type Changed, type FolderWatchOptions } from '../../main/core/watch/index.js';

/** Long enough for a look to have happened if one was coming, on a loaded 2-core machine. */
const QUIET_MS = 600;
/** The bound a look must come within after a change. */
const NOTICE_TIMEOUT_MS = 3000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A watch over a fresh `articles` folder that counts its looks. */
async function watched(options: FolderWatchOptions) {
  const folder = join(await tempDir(), 'articles');
  await mkdir(folder);
  const looks = { count: 0, told: [] as Changed[] };
  const watch = watchFolder(folder, async (changed) => {
    looks.count++;
    looks.told.push(changed);
  }, options);
  onCleanup(() => watch.stop());
  return { folder, looks, watch };
}

describe('watching the library folder', () => {
  it('looks soon after another process writes a journal in a new article folder (file events, no poll)', async () => {
    const { folder, looks, watch } = await watched({ pollMs: 0 });
    expect(watch.hasEvents).toBe(true);
    await mkdir(join(folder, 'a-new'));
    await writeFile(join(folder, 'a-new', 'journal.d-k3v9q2m7x1z4.jsonl'), '{}\n');
    await expect.poll(() => looks.count, { timeout: NOTICE_TIMEOUT_MS, interval: 20 }).toBeGreaterThan(0);
    // Told what the events named, so that the store can look at that article alone.
    const named = looks.told.flatMap((changed) => (changed === 'everything' ? [] : changed));
    expect(named).toContain(join('a-new', 'journal.d-k3v9q2m7x1z4.jsonl'));
    expect(looks.told).not.toContain('everything');
  });

  it('looks once for a burst of writes, after they settle', async () => {
    const { folder, looks } = await watched({ pollMs: 0, settleMs: 200 });
    const journal = join(folder, 'journal.d-k3v9q2m7x1z4.jsonl');
    for (let i = 0; i < 20; i++) await appendFile(journal, `line ${i}\n`);
    await expect.poll(() => looks.count, { timeout: NOTICE_TIMEOUT_MS, interval: 20 }).toBeGreaterThan(0);
    await sleep(QUIET_MS);
    expect(looks.count).toBe(1);
  });

  it('looks after a sync engine replaced a file by renaming its temp file into place, every time', async () => {
    const { folder, looks } = await watched({ pollMs: 0, settleMs: 50 });
    const real = join(folder, 'highlights.json');
    for (let i = 0; i < 5; i++) {
      const temp = join(folder, '.syncthing.highlights.json.tmp');
      await writeFile(temp, `version ${i}`);
      await rename(temp, real);
      await expect.poll(() => looks.count, { timeout: NOTICE_TIMEOUT_MS, interval: 20 }).toBe(i + 1);
      await sleep(QUIET_MS);
    }
    expect(isTempFile('articles/a-1/.syncthing.highlights.json.tmp')).toBe(true);
    expect(isTempFile('articles/a-1/highlights.json')).toBe(false);
  });

  it('looks on the poll alone when there are no file events (a network drive)', async () => {
    const { looks, watch } = await watched({ events: false, pollMs: 100 });
    expect(watch.hasEvents).toBe(false);
    await expect.poll(() => looks.count, { timeout: NOTICE_TIMEOUT_MS, interval: 20 }).toBeGreaterThanOrEqual(3);
    expect(new Set(looks.told)).toEqual(new Set(['everything']));
  });

  it('carries on with the poll when the folder cannot be watched, and says so', async () => {
    const lost: Error[] = [];
    const looks = { count: 0 };
    const watch = watchFolder(join(await tempDir(), 'not-there'), async () => void looks.count++, { pollMs: 100, onEventsLost: (e) => lost.push(e) });
    onCleanup(() => watch.stop());
    expect(watch.hasEvents).toBe(false);
    expect(lost).toHaveLength(1);
    await expect.poll(() => looks.count, { timeout: NOTICE_TIMEOUT_MS, interval: 20 }).toBeGreaterThan(0);
  });

  it('never runs two looks at once: a change during a look makes one more look after it', async () => {
    const folder = await tempDir();
    let running = 0;
    let most = 0;
    let looks = 0;
    const watch = watchFolder(
      folder,
      async () => {
        running++;
        most = Math.max(most, running);
        looks++;
        await sleep(150);
        running--;
      },
      { pollMs: 0, events: false },
    );
    onCleanup(() => watch.stop());
    await Promise.all([watch.lookNow(), watch.lookNow(), watch.lookNow(), watch.lookNow()]);
    expect(most).toBe(1);
    // The first look, then one more for all the asks made while it ran.
    expect(looks).toBe(2);
  });

  it('keeps looking after a poll took what an event was waiting to look at', async () => {
    // The event waits 300 ms for quiet; the poll (every 100 ms) looks at everything before that.
    const { folder, looks } = await watched({ settleMs: 300, pollMs: 100 });
    await writeFile(join(folder, 'journal.d-k3v9q2m7x1z4.jsonl'), 'x\n');
    await sleep(QUIET_MS);
    const after = looks.count;
    await expect.poll(() => looks.count, { timeout: NOTICE_TIMEOUT_MS, interval: 20 }).toBeGreaterThanOrEqual(after + 3);
  });

  it('a look that fails is reported and the next one still runs', async () => {
    const failures: unknown[] = [];
    let calls = 0;
    const watch = watchFolder(await tempDir(), async () => {
      calls++;
      if (calls === 1) throw new Error('journal locked');
    }, { pollMs: 0, events: false, onLookFailed: (e) => failures.push(e) });
    onCleanup(() => watch.stop());
    await watch.lookNow();
    await watch.lookNow();
    expect(calls).toBe(2);
    expect(failures.map((e) => (e as Error).message)).toEqual(['journal locked']);
  });

  it('stops: waits for the look under way, and looks no more', async () => {
    const { folder, looks, watch } = await watched({ pollMs: 50, settleMs: 10 });
    await expect.poll(() => looks.count, { timeout: NOTICE_TIMEOUT_MS, interval: 20 }).toBeGreaterThan(0);
    await watch.stop();
    const after = looks.count;
    await writeFile(join(folder, 'journal.d-k3v9q2m7x1z4.jsonl'), 'x\n');
    await sleep(QUIET_MS);
    expect(looks.count).toBe(after);
    expect(watch.hasEvents).toBe(false);
  });
});
