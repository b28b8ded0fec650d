import { describe, expect, it } from 'vitest';
import { codePoints } from '../../shared/offsets.js';
import type { Highlight } from '../../shared/model.js';
import { MarginaliaError } from '../../shared/contract/errors.js';
import { creationRecord, deletionRecord, encodeHlc, keptInMemory, newDeviceId, readRecords, recordLine, renameDevice, thisDevice, type DeviceId } from '../../main/core/sync/index.js';

const DEVICE = 'd-records00001' as DeviceId;
const T = Date.UTC(2026, 11, 5, 9, 0, 0);
const stamp = (ms: number, device = DEVICE) => ({ device, at: encodeHlc({ wall: T + ms, counter: 0, device }), changedAt: new Date(T + ms).toISOString() });
const h: Highlight = {
  id: 'h-records00001',
  articleId: 'a-records00001',
  target: { position: { type: 'TextPositionSelector', start: codePoints(0), end: codePoints(3) }, quote: { type: 'TextQuoteSelector', exact: 'The', prefix: '', suffix: ' quick' } },
  color: 'blue',
  note: 'a note with a tab\tand 🙂',
  tags: [],
  createdAt: new Date(T).toISOString(),
  updatedAt: new Date(T).toISOString(),
};

describe('journal records of the synced layout', () => {
  it('reads back what was written, line by line', () => {
    const records = [creationRecord(h, stamp(0)), deletionRecord(h, stamp(5))];
    const read = readRecords(records.map(recordLine).join(''));
    expect(read).toEqual({ records, damaged: [], tornBytes: 0 });
  });

  it('reports a damaged line and keeps the lines after it; a last line without its newline is a copy still arriving, not damage', () => {
    const [one, two, three] = [creationRecord(h, stamp(0)), deletionRecord(h, stamp(5)), creationRecord(h, stamp(9))].map(recordLine);
    const damaged = two!.replace('delete', 'delite');
    const text = one! + damaged + three! + three!.slice(0, 20);
    const read = readRecords(text);
    expect(read.records.map((r) => r.at)).toEqual([stamp(0).at, stamp(9).at]);
    expect(read.damaged).toEqual([{ line: 2, text: damaged.slice(0, -1), reason: 'checksum' }]);
    expect(read.tornBytes).toBe(20);
  });

  it('refuses, without throwing, a line whose checksum holds but which is no record (a stamp of another device, an unknown field)', () => {
    const wrongDevice = { ...creationRecord(h, stamp(0)), device: 'd-someoneelse1' };
    const unknownField = { ...creationRecord(h, stamp(0)), set: { colour: 'blue' } };
    const text = [wrongDevice, unknownField, 'not json']
      .map((r) => (typeof r === 'string' ? `${r}\tffffffff\n` : recordLine(r as never)))
      .join('');
    const read = readRecords(text);
    expect(read.records).toEqual([]);
    expect(read.damaged.map((d) => d.reason)).toEqual(['not a record', 'not a record', 'checksum']);
  });
});

describe('this device', () => {
  it('is made once and read back the same, named after the host until renamed', async () => {
    const keeper = keptInMemory();
    const first = await thisDevice(keeper, 'anns-laptop');
    expect(first.id).toMatch(/^d-[a-z0-9]{12}$/);
    expect(first.name).toBe('anns-laptop');
    expect(await thisDevice(keeper, 'anns-laptop')).toEqual(first);
    expect(await renameDevice(keeper, '  Ann’s laptop ', 'anns-laptop')).toEqual({ id: first.id, name: 'Ann’s laptop' });
    expect(await thisDevice(keeper, 'other-host')).toEqual({ id: first.id, name: 'Ann’s laptop' });
  });

  it('gets a different id on every installation', () => {
    const ids = new Set(Array.from({ length: 1000 }, newDeviceId));
    expect(ids.size).toBe(1000);
  });

  it('is not silently replaced when its file is damaged (a new id would disown its journals)', async () => {
    const keeper = keptInMemory('{"version":1,"id":"laptop"}');
    await expect(thisDevice(keeper, 'host')).rejects.toThrow(MarginaliaError);
    await expect(thisDevice(keeper, 'host')).rejects.toThrow(/identity file is damaged/);
    expect(keeper.text).toBe('{"version":1,"id":"laptop"}');
  });
});
