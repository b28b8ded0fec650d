import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { random, type Random } from '../support/seeded-random.js';
import { tempDir } from '../support/temp.js';
import { codePoints } from '../../shared/offsets.js';
import type { Color, Highlight } from '../../shared/model.js';
import {
  SNAPSHOT_NAME,
  creationRecord,
  decodeHlc,
  deletionRecord,
  editRecord,
  encodeHlc,
  journalName,
  mergeRecords,
  readRecords,
  receive,
  recordLine,
  startClock,
  syncEngineFile,
  tick,
  type ClockState,
  type DeviceId,
  canonicalJSON,
  type HlcString,
  type MergeResult,
  type Replaces,
  type SyncRecord,
  type SyncedField,
} from '../../main/core/sync/index.js';

/**
 * Three devices, each with its own library folder on disk, each appending
 * only to its own journal, and a simulated sync engine between them (a
 * Dropbox-like cloud: a device uploads what it changed and downloads what
 * others did; it copies files in random orders and after random delays,
 * sometimes only part of a file, and when two devices changed the same file
 * between syncs it keeps the other version as a conflict copy beside it).
 * After a final full sync every device must read the same highlights, with
 * every acknowledged change either winning or explainably replaced.
 */
const SCHEDULES = 1000;
const STEPS_PER_SCHEDULE = 24;
const ARTICLE = 'a-simulated0001';
const HOSTS = ['Laptop', "Ann's Desktop", 'phone-7'];
const NOTES = ['', 'key idea', 'disagree — see p. 12', '再読する', 'ask 🙂 about this', '**bold** claim'];
const COLORS: Color[] = ['yellow', 'green', 'blue', 'pink', 'purple'];


interface CloudFile {
  content: string;
  version: number;
}

interface Device {
  index: number;
  id: DeviceId;
  host: string;
  dir: string;
  clock: ClockState;
  skew: number;
  /** What the device last synced of each path: the cloud version and content it is based on. */
  base: Map<string, CloudFile>;
  /** Paths the engine is part-way through writing here. */
  partial: Set<string>;
}

/** What one schedule saw, for the totals printed at the end. */
interface Tally {
  acknowledged: number;
  conflictCopies: number;
  partialCopies: number;
  tornWrites: number;
  fieldConflicts: number;
  revived: number;
}

class Simulation {
  readonly cloud = new Map<string, CloudFile>();
  readonly devices: Device[];
  readonly acknowledged: SyncRecord[] = [];
  now = Date.UTC(2026, 11, 5, 9, 0, 0);
  private nextHighlight = 0;

  constructor(
    root: string,
    readonly rng: Random,
    readonly tally: Tally,
    readonly engineStyle: 'dropbox' | 'syncthing',
  ) {
    const ids = new Set<string>();
    while (ids.size < 3) ids.add(`d-${Array.from({ length: 12 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[rng.int(36)]).join('')}`);
    this.devices = [...ids].map((id, index) => {
      const dir = join(root, `device-${index}`, 'articles', ARTICLE);
      mkdirSync(dir, { recursive: true });
      // Clocks disagree: a few minutes either way, and now and then one a day ahead.
      const skew = rng.chance(0.1) ? 24 * 3600_000 : rng.int(240_000) - 120_000;
      return { index, id: id as DeviceId, host: HOSTS[index]!, dir, clock: startClock(id as DeviceId), skew, base: new Map(), partial: new Set() };
    });
  }

  /** Every record a device can read in its folder: journals, the snapshot, and conflict copies, record by record. */
  read(device: Device): SyncRecord[] {
    const records: SyncRecord[] = [];
    for (const name of readdirSync(device.dir)) {
      const engineFile = syncEngineFile(name);
      if (engineFile && engineFile.kind !== 'conflict-copy') continue; // a placeholder or a download in progress: later
      const read = readRecords(readFileSync(join(device.dir, name), 'utf8'));
      // Damage would be a bug here: nothing in the simulation corrupts a complete line.
      expect(read.damaged, `${name} on ${device.host}`).toEqual([]);
      records.push(...read.records);
    }
    return records;
  }

  private look(device: Device): MergeResult {
    const records = this.read(device);
    const time = this.now + device.skew;
    for (const r of records) device.clock = receive(device.clock, decodeHlc(r.at), time).clock;
    return mergeRecords(records);
  }

  private stamp(device: Device) {
    const time = this.now + device.skew;
    const hlc = tick(device.clock, time);
    device.clock = hlc;
    return { device: device.id, at: encodeHlc(hlc), changedAt: new Date(time).toISOString() };
  }

  /** A change made and acknowledged on a device: one line appended to its own journal (a torn last line, from a crash, cut first). */
  private append(device: Device, record: SyncRecord): void {
    const path = join(device.dir, journalName(device.id));
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      if (text !== '' && !text.endsWith('\n')) writeFileSync(path, text.slice(0, text.lastIndexOf('\n') + 1));
    }
    appendFileSync(path, recordLine(record));
    this.acknowledged.push(record);
    this.tally.acknowledged++;
  }

  /** One random thing the reader does on a device. */
  act(device: Device): void {
    const view = this.look(device);
    const alive = view.highlights;
    const roll = this.rng.next();
    if (alive.length === 0 || roll < 0.25) return this.create(device);
    const target = this.rng.pick(alive);
    if (roll < 0.7) {
      const before = target.highlight;
      const field = this.rng.pick(['note', 'color', 'tags', 'orphaned'] as const);
      const after: Highlight = { ...before };
      if (field === 'note') after.note = `${this.rng.pick(NOTES)} (${device.host} ${this.rng.int(1000)})`;
      if (field === 'color') after.color = this.rng.pick(COLORS.filter((c) => c !== before.color));
      if (field === 'tags') after.tags = before.tags.includes('idea') ? ['later'] : ['idea', `t${this.rng.int(9)}`];
      if (field === 'orphaned') after.orphaned = before.orphaned ? undefined : true;
      // The reader sees the winning value and, sometimes, the conflicting ones, and writes over what they saw.
      const seen: Replaces = {};
      const stamp = target.stamps[field];
      const shown: HlcString[] = this.rng.chance(0.5) ? target.conflicts.filter((c) => c.field === field).map((c) => c.at) : [];
      if (stamp) seen[field] = [stamp, ...shown];
      const record = editRecord(before, after, this.stamp(device), seen);
      if (record) this.append(device, record);
    } else if (roll < 0.9) {
      this.append(device, deletionRecord(target.highlight, this.stamp(device)));
    } else if (view.deleted.length > 0) {
      // Undo of a delete: the whole highlight written again, after the tombstone.
      const gone = this.rng.pick(view.deleted);
      this.append(device, creationRecord(gone.highlight, this.stamp(device)));
    }
  }

  private create(device: Device): void {
    const start = this.rng.int(500);
    const stamp = this.stamp(device);
    const id = `h-sim${String(this.nextHighlight++).padStart(6, '0')}`;
    const highlight: Highlight = {
      id,
      articleId: ARTICLE,
      target: { position: { type: 'TextPositionSelector', start: codePoints(start), end: codePoints(start + 5) }, quote: { type: 'TextQuoteSelector', exact: 'words', prefix: '', suffix: '' } },
      color: this.rng.pick(COLORS),
      note: this.rng.pick(NOTES),
      tags: [],
      createdAt: stamp.changedAt,
      updatedAt: stamp.changedAt,
    };
    this.append(device, creationRecord(highlight, stamp));
  }

  /** A device folds everything it can read into the shared snapshot, then empties its own journal (its records are in the snapshot). */
  compact(device: Device): void {
    const unique = new Map(this.read(device).map((r) => [canonicalJSON(r), r]));
    const lines = [...unique.values()].map(recordLine).sort();
    const temp = join(device.dir, '..', '..', 'snapshot.tmp'); // outside the synced folder, then renamed in
    writeFileSync(temp, lines.join(''));
    renameSync(temp, join(device.dir, SNAPSHOT_NAME));
    device.partial.delete(SNAPSHOT_NAME);
    writeFileSync(join(device.dir, journalName(device.id)), '');
  }

  /** A device crashes in the middle of appending: half a line, never acknowledged. */
  crashMidWrite(device: Device): void {
    const record = deletionRecord({ id: 'h-neveracknowledged', articleId: ARTICLE }, this.stamp(device));
    const line = recordLine(record);
    appendFileSync(join(device.dir, journalName(device.id)), line.slice(0, 1 + this.rng.int(line.length - 2)));
    this.tally.tornWrites++;
  }

  private local(device: Device, path: string): string | null {
    const file = join(device.dir, path);
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  }

  /** The engine sends a device's version of a file to the cloud; if the cloud moved on meanwhile, the device's version becomes a conflict copy. */
  upload(device: Device, path: string): void {
    if (device.partial.has(path)) return; // its own half-written download is not a change
    const content = this.local(device, path);
    const base = device.base.get(path);
    if (content === null || content === base?.content) return;
    const cloud = this.cloud.get(path);
    if ((cloud?.version ?? 0) === (base?.version ?? 0)) {
      const next = { content, version: (cloud?.version ?? 0) + 1 };
      this.cloud.set(path, next);
      device.base.set(path, next);
      return;
    }
    const copy = this.conflictName(device, path);
    renameSync(join(device.dir, path), join(device.dir, copy));
    this.tally.conflictCopies++;
    this.upload(device, copy);
    device.base.delete(path);
    this.download(device, path, false);
  }

  /** The engine brings the cloud's version of a file to a device, sometimes only its first part. */
  download(device: Device, path: string, partly: boolean): void {
    const cloud = this.cloud.get(path);
    if (!cloud) return;
    const base = device.base.get(path);
    const content = this.local(device, path);
    if (!device.partial.has(path) && content !== null && content !== (base?.content ?? null)) return this.upload(device, path);
    if (!device.partial.has(path) && base?.version === cloud.version) return;
    if (partly && cloud.content.length > 1) {
      writeFileSync(join(device.dir, path), cloud.content.slice(0, 1 + this.rng.int(cloud.content.length - 1)));
      device.partial.add(path);
      this.tally.partialCopies++;
      return;
    }
    writeFileSync(join(device.dir, path), cloud.content);
    device.partial.delete(path);
    device.base.set(path, cloud);
  }

  private conflictName(device: Device, path: string): string {
    const dot = path.lastIndexOf('.');
    const [stem, ext] = [path.slice(0, dot), path.slice(dot)];
    for (let n = 0; ; n++) {
      const date = new Date(this.now + device.skew + n * 1000).toISOString();
      const name =
        this.engineStyle === 'dropbox'
          ? `${stem} (${device.host}'s conflicted copy ${date.slice(0, 10)})${n ? ` (${n})` : ''}${ext}`
          : `${stem}.sync-conflict-${date.slice(0, 10).replaceAll('-', '')}-${date.slice(11, 19).replaceAll(':', '')}-${device.id.slice(2, 9).toUpperCase()}${ext}`;
      if (!existsSync(join(device.dir, name)) && !this.cloud.has(name)) return name;
    }
  }

  paths(): string[] {
    const all = new Set(this.cloud.keys());
    for (const d of this.devices) for (const name of readdirSync(d.dir)) all.add(name);
    return [...all];
  }

  /** Every device uploads and downloads everything, until nothing moves. */
  fullSync(): void {
    for (let round = 0; round < 10; round++) {
      const before = JSON.stringify([...this.cloud.entries()].map(([p, f]) => [p, f.version]));
      for (const d of this.devices) for (const p of this.paths()) this.upload(d, p);
      for (const d of this.devices) for (const p of this.paths()) this.download(d, p, false);
      const settled = this.devices.every((d) => this.paths().every((p) => this.local(d, p) === (this.cloud.get(p)?.content ?? null)));
      if (settled && before === JSON.stringify([...this.cloud.entries()].map(([p, f]) => [p, f.version]))) return;
    }
    throw new Error('the simulated engine did not settle in 10 rounds');
  }

  step(): void {
    this.now += this.rng.int(5000);
    const device = this.rng.pick(this.devices);
    const roll = this.rng.next();
    if (roll < 0.45) this.act(device);
    else if (roll < 0.52) this.compact(device);
    else if (roll < 0.55) this.crashMidWrite(device);
    else {
      const paths = this.paths();
      if (paths.length === 0) return;
      const path = this.rng.pick(paths);
      if (this.rng.chance(0.5)) this.upload(device, path);
      else this.download(device, path, this.rng.chance(0.3));
    }
  }
}

/** Why an acknowledged record is not the winner, or null when it is lost. */
function accountFor(record: SyncRecord, result: MergeResult, all: readonly SyncRecord[]): string | null {
  const entry = [...result.highlights, ...result.deleted].find((m) => m.highlight.id === record.id);
  if (!entry) return null;
  const later = all.filter((r) => r.id === record.id && r.at > record.at);
  if (record.op === 'delete') {
    if (result.deleted.includes(entry)) return 'deleted';
    return later.some((r) => r.op === 'set') ? 'revived by a later change' : null;
  }
  for (const [field, value] of Object.entries(record.set) as [SyncedField, unknown][]) {
    if (entry.stamps[field] === record.at) continue;
    if (field === 'createdAt' && Date.parse(entry.highlight.createdAt) <= Date.parse(value as string)) continue;
    if (entry.conflicts.some((c) => c.field === field && c.at === record.at)) continue;
    if (later.some((r) => r.op === 'set' && r.replaces?.[field]?.includes(record.at))) continue;
    if (entry.stamps[field] && entry.stamps[field]! > record.at && JSON.stringify(winningValue(entry.highlight, field)) === JSON.stringify(value ?? undefined)) continue;
    return null;
  }
  return 'kept';
}

function winningValue(h: Highlight, field: SyncedField): unknown {
  return (h as Record<string, unknown>)[field];
}

describe('three devices syncing one library through a simulated sync engine', () => {
  it(`${SCHEDULES} random schedules (${STEPS_PER_SCHEDULE} steps each, partial copies, conflict copies, clocks off): every device converges, 0 lost, 0 duplicated`, async () => {
    const root = await tempDir('marginalia-sync-sim-');
    const tally: Tally = { acknowledged: 0, conflictCopies: 0, partialCopies: 0, tornWrites: 0, fieldConflicts: 0, revived: 0 };
    let lost = 0;
    let duplicated = 0;
    const started = performance.now();
    for (let schedule = 0; schedule < SCHEDULES; schedule++) {
      const dir = join(root, `s${schedule}`);
      const rng = random(schedule + 1);
      const sim = new Simulation(dir, rng, tally, schedule % 2 === 0 ? 'dropbox' : 'syncthing');
      for (let i = 0; i < STEPS_PER_SCHEDULE; i++) sim.step();
      sim.fullSync();

      const reads = sim.devices.map((d) => sim.read(d));
      const results = reads.map((records) => mergeRecords(records));
      const [first, ...others] = results.map((r) => JSON.stringify(r));
      for (const other of others) expect(other, `schedule ${schedule}: devices disagree`).toBe(first);
      const result = results[0]!;
      expect(result.incomplete, `schedule ${schedule}`).toEqual([]);

      const present = new Set(reads[0]!.map(canonicalJSON));
      for (const record of sim.acknowledged) {
        const why = present.has(canonicalJSON(record)) ? accountFor(record, result, reads[0]!) : null;
        if (why === null) {
          lost++;
          console.error(`schedule ${schedule}: lost`, JSON.stringify(record));
        }
        if (why === 'revived by a later change') tally.revived++;
      }
      // A highlight is there exactly when its newest acknowledged change is not a delete (an undo after a delete takes).
      const newest = new Map<string, SyncRecord>();
      for (const r of sim.acknowledged) if (!newest.has(r.id) || r.at > newest.get(r.id)!.at) newest.set(r.id, r);
      const shown = new Set(result.highlights.map((m) => m.highlight.id));
      for (const [id, r] of newest) expect(shown.has(id), `schedule ${schedule}: ${id} after its newest change, a ${r.op}`).toBe(r.op === 'set');
      const ids = [...result.highlights, ...result.deleted].map((m) => m.highlight.id);
      const created = new Set(sim.acknowledged.filter((r) => r.op === 'set' && r.set.createdAt).map((r) => r.id));
      duplicated += ids.length - new Set(ids).size;
      expect(new Set(ids), `schedule ${schedule}`).toEqual(created);
      tally.fieldConflicts += result.highlights.reduce((n, m) => n + m.conflicts.length, 0);
      rmSync(dir, { recursive: true, force: true });
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `sync simulation: ${SCHEDULES} schedules in ${seconds.toFixed(1)} s; ${tally.acknowledged} acknowledged changes, ${lost} lost, ${duplicated} duplicated; ` +
        `${tally.conflictCopies} conflict copies, ${tally.partialCopies} partial copies, ${tally.tornWrites} torn writes, ${tally.fieldConflicts} unresolved field conflicts kept, ${tally.revived} deletes undone`,
    );
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    // The schedules must have exercised what they claim to.
    expect(tally.conflictCopies).toBeGreaterThan(50);
    expect(tally.partialCopies).toBeGreaterThan(100);
    expect(tally.tornWrites).toBeGreaterThan(100);
    expect(tally.fieldConflicts).toBeGreaterThan(10);
  });
});
