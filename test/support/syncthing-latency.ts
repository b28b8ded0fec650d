/**
 * How long a change written on device A takes to appear on device B through
 * real Syncthing on loopback, with the harness's folder settings (file watcher,
 * 1 s delay): the floor under any "change on one device shows on the other" figure.
 *
 *   npx tsx test/support/syncthing-latency.ts [writes=20]
 *
 * Two kinds of change, each timed from the write's return until B's copy holds it:
 * a new small file per change, and a line appended to one journal file.
 * bench:sync calls `syncthingFloor` on its own cluster, in the same run.
 */
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { SyncthingCluster } from './syncthing.js';
import { sleep } from './syncthing-instance.js';

/** Time between changes, so each is a change of its own and not one watcher batch. */
export const PAUSE_BETWEEN_WRITES_MS = 300;
const GIVE_UP_MS = 120_000;

async function timeUntil(arrived: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  while (!(await arrived())) {
    if (performance.now() - start > GIVE_UP_MS) throw new Error(`a change did not arrive within ${GIVE_UP_MS / 1000} s`);
    await sleep(5);
  }
  return performance.now() - start;
}

/** Median, p95 and extremes of some timings, in whole ms. */
export function latencySummary(name: string, times: number[]) {
  const sorted = [...times].sort((x, y) => x - y);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);
  return { change: name, writes: times.length, p50_ms: at(0.5), p95_ms: at(0.95), min_ms: Math.round(sorted[0]!), max_ms: Math.round(sorted.at(-1)!) };
}

/** Times `writes` new files, then `writes` appends to one file, from A to B in a folder `folder` shared for it. */
export async function syncthingFloor(cluster: SyncthingCluster, writes: number, folder = 'latency'): Promise<{ newFiles: number[]; appends: number[] }> {
  const [a, b] = [cluster.device('A'), cluster.device('B')];
  await cluster.shareFolder(folder);
  const [onA, onB] = [cluster.pathOf(a, folder), cluster.pathOf(b, folder)];
  const newFiles: number[] = [];
  for (let i = 0; i < writes; i++) {
    const body = JSON.stringify({ change: i, at: Date.now() });
    await writeFile(join(onA, `change-${i}.json`), body);
    newFiles.push(await timeUntil(async () => (await readFile(join(onB, `change-${i}.json`), 'utf8').catch(() => '')) === body));
    await sleep(PAUSE_BETWEEN_WRITES_MS);
  }
  const appends: number[] = [];
  let journal = '';
  for (let i = 0; i < writes; i++) {
    const line = `${JSON.stringify({ change: i, at: Date.now() })}\n`;
    journal += line;
    await appendFile(join(onA, 'journal.jsonl'), line);
    appends.push(await timeUntil(async () => (await readFile(join(onB, 'journal.jsonl'), 'utf8').catch(() => '')) === journal));
    await sleep(PAUSE_BETWEEN_WRITES_MS);
  }
  return { newFiles, appends };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const writes = Number(process.argv[2] ?? 20);
  const cluster = await SyncthingCluster.start(2);
  try {
    const { newFiles, appends } = await syncthingFloor(cluster, writes);
    console.log(JSON.stringify({ devices: ['A', 'B'], ...latencySummary('new file', newFiles) }));
    console.log(JSON.stringify({ devices: ['A', 'B'], ...latencySummary('append to one journal', appends) }));
    console.log(JSON.stringify({ new_file_ms: newFiles.map(Math.round), append_ms: appends.map(Math.round) }));
  } finally {
    await cluster.stop();
  }
}
