import { z } from 'zod';
import { DeviceIdSchema, type DeviceId } from './device.js';

/**
 * A hybrid logical clock stamp (Kulkarni et al., "Logical Physical Clocks",
 * 2014): the device's wall clock in ms, a counter for changes within the same
 * ms (or while the wall clock is behind the latest stamp seen), and the
 * device id, so two devices never make the same stamp.
 *
 * Ordering: wall, then counter, then device. A change made after a device has
 * read another device's change always gets a larger stamp than it, whatever
 * the two wall clocks say; changes made without seeing each other are ordered
 * by wall clock (roughly "the later one wins"), ties by device id.
 */
export interface Hlc {
  /** Milliseconds since 1970 (UTC), as the clock had it; never smaller than any stamp the device had seen. */
  wall: number;
  /** Counts changes stamped within one `wall` ms. */
  counter: number;
  device: DeviceId;
}

/** A clock's state between changes: the last stamp it made or saw (device is the clock's own). */
export type ClockState = Hlc;

/** The widths below keep the encoding fixed-length, so encoded stamps sort as the stamps do. */
const WALL_DIGITS = 12; // hex: ms up to the year 10889
const COUNTER_DIGITS = 8; // hex: 4 billion changes within one ms before the wall is pushed on by one
const MAX_COUNTER = 16 ** COUNTER_DIGITS - 1;
const MAX_WALL = 16 ** WALL_DIGITS - 1;

/**
 * How far ahead of this device's own clock a stamp may be before we call it
 * out. We still adopt it (see `receive`): refusing would let an older-looking
 * change made after it lose; the reader is told which device's clock is off.
 */
export const CLOCK_AHEAD_WARNING_MS = 10 * 60 * 1000;

/** A stamp as text: `<wall 12 hex>-<counter 8 hex>-<device>`; text order is stamp order. */
export type HlcString = string & { readonly __hlc: true };

export const HlcStringSchema = z
  .string()
  .regex(/^[0-9a-f]{12}-[0-9a-f]{8}-d-[a-z0-9]{12}$/, 'not a clock stamp')
  .transform((s) => s as HlcString);

/** The clock of a device that has made and seen nothing yet. */
export function startClock(device: DeviceId): ClockState {
  return { wall: 0, counter: 0, device: DeviceIdSchema.parse(device) };
}

/**
 * The stamp of a change made now. It is larger than every stamp the clock
 * made or saw: a wall clock stepped back (by NTP, by hand, by a dead battery)
 * only makes the counter count until the wall clock catches up.
 */
export function tick(clock: ClockState, now: number): Hlc {
  return advance(clock, Math.max(clock.wall, wallOf(now)), clock.device);
}

/**
 * The clock after reading another device's stamp: at least that stamp, so
 * the next change made here orders after what was read (causality).
 *
 * The drift rule: a remote wall clock that is ahead is adopted whatever its
 * lead, because a lead we refused would make every change made here after
 * reading it lose to it until real time catches up — the reader's newest
 * edit silently not taking. What a far-ahead clock costs instead is that
 * the `wall` part of stamps runs ahead of real time on every device that has
 * read it; ordering stays correct, and `aheadBy` reports the lead (over
 * CLOCK_AHEAD_WARNING_MS the app should name the device whose clock is off).
 * A remote clock that is behind changes nothing here. Dates shown to the
 * reader come from each record's own `changedAt`, never from the stamp.
 */
export function receive(clock: ClockState, remote: Hlc, now: number): { clock: ClockState; aheadBy: number } {
  const local = wallOf(now);
  const aheadBy = Math.max(0, remote.wall - local);
  if (compareHlc(remote, clock) <= 0) return { clock, aheadBy };
  return { clock: { wall: remote.wall, counter: remote.counter, device: clock.device }, aheadBy };
}

function advance(clock: ClockState, wall: number, device: DeviceId): Hlc {
  if (wall > clock.wall) return { wall, counter: 0, device };
  if (clock.counter < MAX_COUNTER) return { wall: clock.wall, counter: clock.counter + 1, device };
  // Counter exhausted within one ms: borrow the next ms (it stays ordered after, and unique).
  return { wall: clock.wall + 1, counter: 0, device };
}

function wallOf(now: number): number {
  if (!Number.isFinite(now) || now < 0) return 0;
  return Math.min(Math.floor(now), MAX_WALL);
}

/** Negative when a orders before b, positive after, 0 for the same stamp. */
export function compareHlc(a: Hlc, b: Hlc): number {
  if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.device < b.device ? -1 : a.device > b.device ? 1 : 0;
}

export function encodeHlc(stamp: Hlc): HlcString {
  const wall = stamp.wall.toString(16).padStart(WALL_DIGITS, '0');
  const counter = stamp.counter.toString(16).padStart(COUNTER_DIGITS, '0');
  return `${wall}-${counter}-${stamp.device}` as HlcString;
}

/** The stamp of its text form; throws on text that is not one (read records through their schema first). */
export function decodeHlc(text: string): Hlc {
  const checked = HlcStringSchema.parse(text);
  return {
    wall: parseInt(checked.slice(0, WALL_DIGITS), 16),
    counter: parseInt(checked.slice(WALL_DIGITS + 1, WALL_DIGITS + 1 + COUNTER_DIGITS), 16),
    device: checked.slice(WALL_DIGITS + COUNTER_DIGITS + 2) as DeviceId,
  };
}
