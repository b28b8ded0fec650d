import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openLibrary, type Library } from '../../main/core/index.js';
import { POLL_MS } from '../../main/core/watch/index.js';
import { journalDevice, mergeRecords, newDeviceId, readRecords, type SyncRecord } from '../../main/core/sync/index.js';
import { COLORS } from '../../shared/colors.js';
import type { Highlight } from '../../shared/model.js';
import { codePoints } from '../../shared/offsets.js';
import type { SyncthingCluster } from '../support/syncthing.js';
import { PAUSE_BETWEEN_WRITES_MS } from '../support/syncthing-latency.js';

/**
 * bench:sync, part one: a change made on device A (a Library in this
 * process, on A's copy of the library) until device B's Library shows it,
 * through real Syncthing. B follows the folder as the app does
 * (`waitForChanges`: file events settled, a fallback poll) and reads the
 * article again when told it changed.
 */

/** A change not in B's files after this long is reported as late (and the run goes on). */
const GIVE_UP_MS = 30_000;
/** A change in B's files that B's library has not shown after one of the app's polls (and a margin for the look) is reported as missed. */
const NOTICE_GRACE_MS = POLL_MS + 1000;
const SAMPLE = new URL('../../assets/putin-obama-syria.txt', import.meta.url).pathname;
/** How often B's files are read for the on-disk time. */
const DISK_POLL_MS = 15;
/** Highlights kept at least, so edits and deletes always have one to change. */
const KEEP_AT_LEAST = 3;

export interface Propagation {
  /** ms from A's acknowledgement until B's library showed the change; a change not shown within the give-up counts as the give-up (a lower bound). */
  times: number[];
  /** ms from A's acknowledgement until B's files held it (every record there merged, polled every DISK_POLL_MS): Syncthing plus a read, without the app's watch. */
  onDisk: number[];
  /** Changes B's library did not show (see NOTICE_GRACE_MS), each with whether B's files held it. */
  late: string[];
  /** Acknowledged on A, missing or different on B once everything settled. */
  lost: number;
  /** Highlights B lists more than once. */
  duplicated: number;
  kinds: Map<string, number[]>;
}

/** One change on A, and how to tell B shows it. */
interface Change {
  kind: string;
  make(): Promise<(onB: Highlight[]) => boolean>;
}

export async function measurePropagation(cluster: SyncthingCluster, folder: string, changes: number): Promise<Propagation> {
  const [dirA, dirB] = [cluster.pathOf(cluster.device('A'), folder), cluster.pathOf(cluster.device('B'), folder)];
  const a = await openLibrary({ dataDir: dirA, device: { id: newDeviceId(), name: 'Laptop' } });
  const b = await openLibrary({ dataDir: dirB, device: { id: newDeviceId(), name: 'Desktop' } });
  try {
    const { summary } = await a.importFile({ fileName: 'putin-obama-syria.txt', bytes: await readFile(SAMPLE), path: SAMPLE });
    const articleId = summary.id;
    const text = await a.textOf(articleId);
    const follower = follow(b, articleId);
    await follower.until(() => true, sleep(GIVE_UP_MS)); // the article has arrived on B

    const live: Highlight[] = [];
    const pick = (i: number) => live[(i * 7) % live.length]!;
    const kinds = new Map<string, number[]>();
    const times: number[] = [];
    const onDisk: number[] = [];
    const late: string[] = [];
    const step = (i: number): Change => {
      const kind = live.length < KEEP_AT_LEAST ? 'add' : (['add', 'note', 'colour', 'tags', 'delete'] as const)[i % 5]!;
      const request = (h: Highlight) => ({ articleId, highlightId: h.id });
      switch (kind) {
        case 'add':
          return { kind, make: async () => {
            const start = (i * 211) % (text.length - 120);
            const h = await a.createHighlight({ articleId, start: codePoints(start), end: codePoints(start + 30 + (i % 60)), color: 'yellow', note: `change ${i}` });
            live.push(h);
            return (onB) => onB.some((x) => x.id === h.id);
          } };
        case 'note':
          return { kind, make: async () => {
            const h = await a.updateHighlight({ ...request(pick(i)), note: `note of change ${i}` });
            live[live.findIndex((x) => x.id === h.id)] = h;
            return (onB) => onB.some((x) => x.id === h.id && x.note === h.note);
          } };
        case 'colour':
          return { kind, make: async () => {
            const before = pick(i);
            const h = await a.updateHighlight({ ...request(before), color: COLORS[(COLORS.indexOf(before.color) + 1) % COLORS.length]! });
            live[live.findIndex((x) => x.id === h.id)] = h;
            return (onB) => onB.some((x) => x.id === h.id && x.color === h.color);
          } };
        case 'tags':
          return { kind, make: async () => {
            const h = await a.updateHighlight({ ...request(pick(i)), tags: [`change-${i}`] });
            live[live.findIndex((x) => x.id === h.id)] = h;
            return (onB) => onB.some((x) => x.id === h.id && x.tags.join() === h.tags.join());
          } };
        default:
          return { kind, make: async () => {
            const [gone] = live.splice((i * 7) % live.length, 1);
            await a.deleteHighlight(request(gone!));
            return (onB) => !onB.some((x) => x.id === gone!.id);
          } };
      }
    };
    for (let i = 0; i < changes; i++) {
      const change = step(i);
      const shows = await change.make();
      const acknowledged = performance.now();
      const disk = onDiskWhen(dirB, articleId, shows, acknowledged + GIVE_UP_MS);
      const giveUp = Promise.race([sleep(GIVE_UP_MS), disk.then((at) => (at === null ? new Promise<void>(() => {}) : sleep(at + NOTICE_GRACE_MS - performance.now())))]);
      const shownAt = await follower.until(shows, giveUp);
      const onDiskAt = await disk;
      if (onDiskAt !== null) onDisk.push(onDiskAt - acknowledged);
      // A change never shown counts as the time given up at: a lower bound, said so in the table.
      const elapsed = (shownAt ?? performance.now()) - acknowledged;
      times.push(elapsed);
      kinds.set(change.kind, [...(kinds.get(change.kind) ?? []), elapsed]);
      if (shownAt === null) {
        // Arrived but not noticed (the watch or the store's look missed it), or not arrived at all?
        late.push(`change ${i} (${change.kind}): ${onDiskAt === null ? `not in B’s files after ${GIVE_UP_MS / 1000} s either` : `in B’s files after ${Math.round(onDiskAt - acknowledged)} ms, not shown by B’s library ${NOTICE_GRACE_MS / 1000} s later`}`);
      }
      if ((i + 1) % 20 === 0) console.log(`  ${i + 1}/${changes} changes, ${late.length} not shown by B’s library`);
      await sleep(PAUSE_BETWEEN_WRITES_MS);
    }
    await follower.stop();

    // Everything settled: B shows exactly A's highlights, each once.
    await cluster.rescanAndWait(folder);
    const onB = (await b.getArticle(articleId)).highlights;
    const onA = (await a.getArticle(articleId)).highlights;
    const counted = new Map<string, number>();
    for (const h of onB) counted.set(h.id, (counted.get(h.id) ?? 0) + 1);
    const duplicated = [...counted.values()].reduce((n, c) => n + c - 1, 0);
    const same = (x: Highlight, y: Highlight | undefined) => y !== undefined && x.note === y.note && x.color === y.color && x.tags.join() === y.tags.join();
    const lost = live.filter((h) => !same(h, onB.find((x) => x.id === h.id))).length + onB.filter((x) => !live.some((h) => h.id === x.id)).length;
    if (onA.length !== live.length) throw new Error(`A itself shows ${onA.length} highlights, ${live.length} were acknowledged`);
    return { times, onDisk, late, lost, duplicated, kinds };
  } finally {
    await a.close();
    await b.close();
  }
}

/**
 * B reading the article each time the library says it changed, and
 * telling when a condition on its highlights first holds.
 */
function follow(library: Library, articleId: string) {
  let stopped = false;
  let version: number | undefined;
  let waiting: { shows: (onB: Highlight[]) => boolean; done: (at: number | null) => void } | null = null;
  const check = async () => {
    if (!waiting) return;
    const highlights = await library.getArticle(articleId).then((x) => x.highlights, () => null);
    if (highlights && waiting?.shows(highlights)) {
      const at = performance.now();
      waiting.done(at);
      waiting = null;
    }
  };
  const loop = (async () => {
    while (!stopped) {
      const changes = await library.waitForChanges(version, 1000);
      version = changes.version;
      if (changes.articleIds.includes(articleId)) await check();
    }
  })();
  return {
    /** When `shows` first held (checked at once, then at each change B notices), or null once `giveUp` has come. */
    until(shows: (onB: Highlight[]) => boolean, giveUp: Promise<void>): Promise<number | null> {
      return new Promise((resolve) => {
        const mine = { shows, done: resolve };
        waiting = mine;
        void giveUp.then(() => {
          if (waiting !== mine) return;
          waiting = null;
          resolve(null);
        });
        void check();
      });
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** When B's files first hold what `shows` looks for (every journal and the snapshot merged, as any device would), or null by `deadline`. */
async function onDiskWhen(dir: string, articleId: string, shows: (onB: Highlight[]) => boolean, deadline: number): Promise<number | null> {
  const folder = join(dir, 'articles', articleId);
  while (performance.now() < deadline) {
    const records: SyncRecord[] = [];
    for (const name of await readdir(folder).catch(() => [])) {
      if (journalDevice(name)) records.push(...readRecords(await readFile(join(folder, name), 'utf8').catch(() => '')).records);
      if (name === 'highlights.json') records.push(...((JSON.parse(await readFile(join(folder, name), 'utf8').catch(() => '{}')) as { records?: SyncRecord[] }).records ?? []));
    }
    if (shows(mergeRecords(records).highlights.map((m) => m.highlight))) return performance.now();
    await sleep(DISK_POLL_MS);
  }
  return null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
