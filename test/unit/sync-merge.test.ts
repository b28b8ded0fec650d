import { describe, expect, it } from 'vitest';
import type { Highlight } from '../../shared/model.js';
import { codePoints } from '../../shared/offsets.js';
import { creationRecord, deletionRecord, editRecord, encodeHlc, mergeRecords, type DeviceId, type SyncRecord } from '../../main/core/sync/index.js';

const LAPTOP = 'd-laptop000001' as DeviceId;
const DESK = 'd-desktop00002' as DeviceId;
const T = Date.UTC(2026, 11, 5, 9, 0, 0);

const stamp = (device: DeviceId, ms: number, counter = 0) => ({ device, at: encodeHlc({ wall: T + ms, counter, device }), changedAt: new Date(T + ms).toISOString() });

const highlight = (id = 'h-merge0000001'): Highlight => ({
  id,
  articleId: 'a-merge0000001',
  target: { position: { type: 'TextPositionSelector', start: codePoints(4), end: codePoints(9) }, quote: { type: 'TextQuoteSelector', exact: 'quick', prefix: 'The ', suffix: ' brown' } },
  color: 'yellow',
  note: 'first thought',
  tags: ['fox'],
  createdAt: new Date(T).toISOString(),
  updatedAt: new Date(T).toISOString(),
});

const created = creationRecord(highlight(), stamp(LAPTOP, 0));
const createdAt = created.at;

describe('merging records into highlights', () => {
  it('keeps both devices’ changes when they changed different fields', () => {
    const colour = editRecord(highlight(), { ...highlight(), color: 'green' }, stamp(LAPTOP, 1000), { color: [createdAt] })!;
    const note = editRecord(highlight(), { ...highlight(), note: 'second thought' }, stamp(DESK, 500), { note: [createdAt] })!;
    const [merged] = mergeRecords([note, created, colour]).highlights;
    expect(merged!.highlight).toMatchObject({ color: 'green', note: 'second thought', tags: ['fox'] });
    expect(merged!.conflicts).toEqual([]);
    expect(merged!.changedBy).toBe(LAPTOP);
    expect(merged!.highlight.updatedAt).toBe(new Date(T + 1000).toISOString());
  });

  it('lets the later stamp win a concurrent edit of one note, and keeps the other note as a conflict', () => {
    const mine = editRecord(highlight(), { ...highlight(), note: 'laptop’s note' }, stamp(LAPTOP, 2000), { note: [createdAt] })!;
    const theirs = editRecord(highlight(), { ...highlight(), note: 'desktop’s note' }, stamp(DESK, 3000), { note: [createdAt] })!;
    const [merged] = mergeRecords([created, mine, theirs]).highlights;
    expect(merged!.highlight.note).toBe('desktop’s note');
    expect(merged!.conflicts).toEqual([{ field: 'note', value: 'laptop’s note', at: mine.at, device: LAPTOP, changedAt: mine.changedAt }]);
    // An edit made after seeing both, replacing both, resolves it.
    const resolved = editRecord(merged!.highlight, { ...merged!.highlight, note: 'both notes, merged by hand' }, stamp(LAPTOP, 4000), { note: [theirs.at, mine.at] })!;
    const [after] = mergeRecords([created, mine, theirs, resolved]).highlights;
    expect(after!.highlight.note).toBe('both notes, merged by hand');
    expect(after!.conflicts).toEqual([]);
  });

  it('a delete wins over the changes stamped before it, and the highlight’s last state is kept among the deleted', () => {
    const edit = editRecord(highlight(), { ...highlight(), note: 'edited' }, stamp(LAPTOP, 1000), { note: [createdAt] })!;
    const gone = deletionRecord(highlight(), stamp(DESK, 2000));
    const result = mergeRecords([gone, edit, created]);
    expect(result.highlights).toEqual([]);
    expect(result.deleted.map((m) => [m.highlight.note, m.changedBy])).toEqual([['edited', DESK]]);
  });

  it('an edit stamped after a delete brings the highlight back whole, with the edit', () => {
    const gone = deletionRecord(highlight(), stamp(DESK, 1000));
    const edit = editRecord(highlight(), { ...highlight(), color: 'pink' }, stamp(LAPTOP, 2000), { color: [createdAt] })!;
    const [merged] = mergeRecords([created, gone, edit]).highlights;
    expect(merged!.highlight).toMatchObject({ color: 'pink', note: 'first thought', tags: ['fox'] });
  });

  it('keeps the earliest creation date, and ignores duplicates of a record', () => {
    const again = creationRecord({ ...highlight(), createdAt: new Date(T + 9000).toISOString() }, stamp(DESK, 9000));
    const result = mergeRecords([again, created, created, again]);
    expect(result.highlights).toHaveLength(1);
    expect(result.highlights[0]!.highlight.createdAt).toBe(new Date(T).toISOString());
  });

  it('makes the highlight exactly as it was written when one device made all the changes', () => {
    const h = { ...highlight(), orphaned: true, origin: { app: 'kindle' as const, location: '1234-1240' } };
    const [merged] = mergeRecords([creationRecord(h, stamp(LAPTOP, 0))]).highlights;
    expect(merged!.highlight).toEqual(h);
    const reattached = editRecord(h, { ...h, orphaned: undefined }, stamp(LAPTOP, 10), {})!;
    expect(reattached.set).toEqual({ orphaned: null });
    expect(mergeRecords([creationRecord(h, stamp(LAPTOP, 0)), reattached]).highlights[0]!.highlight).not.toHaveProperty('orphaned');
  });

  it('holds back a highlight whose creation has not arrived, and names what is missing', () => {
    const edit = editRecord(highlight(), { ...highlight(), note: 'early' }, stamp(DESK, 1000), { note: [createdAt] })!;
    expect(mergeRecords([edit])).toEqual({ highlights: [], deleted: [], incomplete: [{ id: highlight().id, articleId: highlight().articleId, missing: ['target', 'color', 'createdAt'], deleted: false }] });
  });
});

/** mulberry32, so a failing case is replayed by its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(xs: T[], next: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Records of a few highlights by three devices: creations, edits of every field, deletes, undos, ties in the wall clock. */
function randomRecords(next: () => number): SyncRecord[] {
  const devices = [LAPTOP, DESK, 'd-phone0000003' as DeviceId];
  const records: SyncRecord[] = [];
  for (let h = 0; h < 3; h++) {
    const base = highlight(`h-perm00000${h}0`);
    const pick = () => devices[Math.floor(next() * 3)]!;
    records.push(creationRecord(base, stamp(pick(), Math.floor(next() * 50))));
    for (let i = 0; i < 8; i++) {
      const s = stamp(pick(), Math.floor(next() * 100), Math.floor(next() * 2));
      const roll = next();
      if (roll < 0.15) records.push(deletionRecord(base, s));
      else {
        const after: Highlight = { ...base, note: `note ${Math.floor(next() * 4)}`, color: (['green', 'blue', 'pink'] as const)[Math.floor(next() * 3)]!, tags: next() < 0.5 ? ['a'] : ['b', 'c'] };
        const seen = records.filter((r) => r.id === base.id && next() < 0.3).map((r) => r.at);
        const edit = editRecord(base, after, s, { note: seen, color: seen, tags: seen });
        if (edit) records.push(edit);
      }
    }
  }
  // Duplicates, as a snapshot and a conflict copy would bring them.
  return [...records, ...records.filter(() => next() < 0.3)];
}

describe('merging in any order', () => {
  it('gives the same highlights, deleted highlights and conflicts for 300 random record sets in 20 orders each', () => {
    let withConflicts = 0;
    let withDeletes = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const records = randomRecords(next);
      const expected = JSON.stringify(mergeRecords(records));
      const once = mergeRecords(records);
      withConflicts += once.highlights.some((m) => m.conflicts.length > 0) ? 1 : 0;
      withDeletes += once.deleted.length > 0 ? 1 : 0;
      for (let order = 0; order < 20; order++) expect(JSON.stringify(mergeRecords(shuffle(records, next))), `seed ${seed}`).toBe(expected);
    }
    // The property was tried on the cases that matter.
    expect(withConflicts).toBeGreaterThan(30);
    expect(withDeletes).toBeGreaterThan(30);
  });
});
