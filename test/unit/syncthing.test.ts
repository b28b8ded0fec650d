import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncthingCluster, syncthingVersion } from '../support/syncthing.js';
import { sleep } from '../support/syncthing-instance.js';
import { corpus } from '../support/temp.js';

// Real Syncthing, two instances on 127.0.0.1: the ground issue 17's sync tests stand on.
const version = syncthingVersion();
if (!version) console.warn('syncthing.test.ts: skipped, the `syncthing` binary is not on PATH (.ci/run installs the Debian package `syncthing`)');

/** How long a file may take to cross over: the watcher waits 1 s, then scan, index exchange and pull. */
const ARRIVAL_TIMEOUT_MS = 30_000;

/** Silence long enough to say a paused folder took nothing: a change crosses in about 1 s (p95) here. */
const NOTHING_ARRIVES_WITHIN_MS = 2_500;
/** Each test takes seconds here; the margin is for a full `npm test` sharing two cores. */
const SLOW_MACHINE_TIMEOUT_MS = 180_000;

/** The bytes of `path`, or undefined while the file is not there. */
const contentOf = (path: string) => readFile(path).catch(() => undefined);

describe.skipIf(!version)(`real Syncthing (${version ?? 'absent'}) between two devices on loopback`, () => {
  let cluster: SyncthingCluster;

  beforeAll(async () => {
    cluster = await SyncthingCluster.start(2);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('a book written on device A arrives on device B byte for byte', async () => {
    const [a, b] = [cluster.device('A'), cluster.device('B')];
    await cluster.shareFolder('arrive');
    const book = await readFile(corpus('books/pride-and-prejudice.txt'));
    await writeFile(join(cluster.pathOf(a, 'arrive'), 'pride-and-prejudice.txt'), book);

    await expect.poll(() => contentOf(join(cluster.pathOf(b, 'arrive'), 'pride-and-prejudice.txt')), { timeout: ARRIVAL_TIMEOUT_MS, interval: 50 }).toEqual(book);
  }, SLOW_MACHINE_TIMEOUT_MS);

  it('both devices changing one file while cut off leaves a sync-conflict copy beside it, and neither version is lost', async () => {
    const [a, b] = [cluster.device('A'), cluster.device('B')];
    await cluster.shareFolder('conflict');
    const onA = join(cluster.pathOf(a, 'conflict'), 'notes.md');
    const onB = join(cluster.pathOf(b, 'conflict'), 'notes.md');
    await writeFile(onA, '# Notes\n');
    await cluster.rescanAndWait('conflict');
    expect(await readFile(onB, 'utf8')).toBe('# Notes\n');

    // Pausing on one side cuts the link: B keeps dialing and A refuses it.
    await a.pauseDevice(b);
    await expect.poll(() => a.connectedTo(b), { timeout: 10_000 }).toBe(false);
    const versionA = '# Notes\nwritten on A while cut off\n';
    const versionB = '# Notes\nwritten on B while cut off\n';
    await writeFile(onA, versionA);
    await writeFile(onB, versionB);
    await a.rescan('conflict');
    await b.rescan('conflict');
    await a.resumeDevice(b);
    await cluster.waitConnected();
    await cluster.rescanAndWait('conflict');

    const conflictName = /^notes\.sync-conflict-(\d{8})-(\d{6})-([A-Z0-9]{7})\.md$/;
    for (const device of [a, b]) {
      const folder = cluster.pathOf(device, 'conflict');
      const names = (await readdir(folder)).filter((n) => !n.startsWith('.st'));
      const copy = names.find((n) => n !== 'notes.md')!;
      expect(names).toHaveLength(2);
      expect(names).toContain('notes.md');
      expect(copy).toMatch(conflictName);
      // The copy is named after the device whose change lost, by the first 7 characters of its id.
      const loser = conflictName.exec(copy)![3];
      expect([a.deviceId.slice(0, 7), b.deviceId.slice(0, 7)]).toContain(loser);
      const kept = [await readFile(join(folder, 'notes.md'), 'utf8'), await readFile(join(folder, copy), 'utf8')];
      expect(kept.sort()).toEqual([versionA, versionB].sort());
    }
  }, SLOW_MACHINE_TIMEOUT_MS);

  it('a folder paused on B takes nothing from A until it is resumed', async () => {
    const [a, b] = [cluster.device('A'), cluster.device('B')];
    await cluster.shareFolder('paused');
    await b.pauseFolder('paused');
    const article = await readFile(corpus('sample/putin-obama-syria.txt'));
    await writeFile(join(cluster.pathOf(a, 'paused'), 'article.txt'), article);
    await a.rescan('paused');
    // A has recorded the change; B, given more than twice the time a change takes to cross, has not taken it.
    expect(await a.rest<{ global: { size: number } }>('GET', '/rest/db/file?folder=paused&file=article.txt')).toMatchObject({ global: { size: article.length } });
    await sleep(NOTHING_ARRIVES_WITHIN_MS);
    expect(await contentOf(join(cluster.pathOf(b, 'paused'), 'article.txt'))).toBeUndefined();

    await b.resumeFolder('paused');
    await expect.poll(() => contentOf(join(cluster.pathOf(b, 'paused'), 'article.txt')), { timeout: ARRIVAL_TIMEOUT_MS, interval: 50 }).toEqual(article);
    await cluster.waitInSync('paused');
  }, SLOW_MACHINE_TIMEOUT_MS);

  it('a file appended on A while B is killed with SIGKILL arrives complete once B restarts', async () => {
    const [a, b] = [cluster.device('A'), cluster.device('B')];
    await cluster.shareFolder('killed');
    const onA = join(cluster.pathOf(a, 'killed'), 'journal.txt');
    const onB = join(cluster.pathOf(b, 'killed'), 'journal.txt');
    const lines = (await readFile(corpus('books/moby-dick.txt'), 'utf8')).split('\n').slice(0, 400);

    // Appends go on while B is killed in the middle of them, pulling or not.
    for (const [i, line] of lines.entries()) {
      await appendFile(onA, `${line}\n`);
      if (i === 100) await a.rescan('killed');
      if (i === 120) await b.kill('SIGKILL');
    }
    expect(b.running).toBe(false);
    await b.start();
    await cluster.waitConnected();
    await cluster.rescanAndWait('killed');

    const expected = lines.map((l) => `${l}\n`).join('');
    expect(await readFile(onB, 'utf8')).toBe(expected);
  }, SLOW_MACHINE_TIMEOUT_MS);
});
