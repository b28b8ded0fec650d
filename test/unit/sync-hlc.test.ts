import { describe, expect, it } from 'vitest';
import { compareHlc, decodeHlc, encodeHlc, receive, startClock, tick, type DeviceId, type Hlc } from '../../main/core/sync/index.js';

const A = 'd-aaaaaaaaaaaa' as DeviceId;
const B = 'd-bbbbbbbbbbbb' as DeviceId;
const T = Date.UTC(2026, 11, 5, 9, 0, 0);

describe('the hybrid logical clock', () => {
  it('stamps each change after the last, also within one millisecond and when the wall clock steps back', () => {
    let clock = startClock(A);
    const stamps: Hlc[] = [];
    for (const now of [T, T, T + 5, T - 60_000, T - 60_000, T + 6]) {
      clock = tick(clock, now);
      stamps.push(clock);
    }
    for (let i = 1; i < stamps.length; i++) expect(compareHlc(stamps[i - 1]!, stamps[i]!)).toBeLessThan(0);
    expect(stamps[3]).toEqual({ wall: T + 5, counter: 1, device: A }); // the clock went back a minute: the counter counts
    expect(stamps[5]).toEqual({ wall: T + 6, counter: 0, device: A });
  });

  it('orders a change made after reading another device’s change after it, even when this device’s clock is behind', () => {
    const ahead = tick(startClock(B), T + 3_600_000); // B's clock is an hour ahead
    const { clock, aheadBy } = receive(tick(startClock(A), T), ahead, T);
    expect(aheadBy).toBe(3_600_000);
    const next = tick(clock, T + 1);
    expect(compareHlc(next, ahead)).toBeGreaterThan(0);
    expect(next.device).toBe(A);
  });

  it('is not moved by a stamp from behind', () => {
    const mine = tick(startClock(A), T);
    const { clock, aheadBy } = receive(mine, tick(startClock(B), T - 10_000), T);
    expect(clock).toEqual(mine);
    expect(aheadBy).toBe(0);
  });

  it('breaks a tie of wall and counter by device id, so two devices never make equal stamps', () => {
    const a = tick(startClock(A), T);
    const b = tick(startClock(B), T);
    expect(compareHlc(a, b)).toBeLessThan(0);
    expect(compareHlc(b, a)).toBeGreaterThan(0);
    expect(compareHlc(a, { ...a })).toBe(0);
  });

  it('encodes stamps as text that sorts as the stamps do, and decodes them back', () => {
    const stamps: Hlc[] = [];
    for (const wall of [0, 1, 15, 16, 255, 256, T, T + 1, 2 ** 40]) for (const counter of [0, 1, 15, 16, 2 ** 20]) for (const device of [A, B]) stamps.push({ wall, counter, device });
    const byOrder = [...stamps].sort(compareHlc).map(encodeHlc);
    const byText = stamps.map(encodeHlc).sort();
    expect(byText).toEqual(byOrder);
    for (const s of stamps) expect(decodeHlc(encodeHlc(s))).toEqual(s);
    expect(encodeHlc({ wall: T, counter: 2, device: A })).toBe(`${T.toString(16).padStart(12, '0')}-00000002-${A}`);
  });

  it('refuses text that is not a stamp', () => {
    expect(() => decodeHlc('0000-1-d-aaaaaaaaaaaa')).toThrow(/not a clock stamp/);
    expect(() => startClock('laptop' as DeviceId)).toThrow(/not a device id/);
  });
});
