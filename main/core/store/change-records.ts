import type { Highlight } from '../../../shared/model.js';
import {
  creationRecord,
  decodeHlc,
  deletionRecord,
  editRecord,
  encodeHlc,
  receive,
  startClock,
  tick,
  type ClockState,
  type DeviceId,
  type Replaces,
  type SyncRecord,
  type SyncedField,
} from '../sync/index.js';
import type { HighlightChange } from './journal.js';
import type { SyncState } from './synced-read.js';

/**
 * The records of the changes made on this device, stamped by its hybrid
 * logical clock (see sync/hlc.ts). The clock moves past every stamp read
 * (`observe`) before a change is stamped, so a change made after reading
 * another device's is ordered after it, whatever the wall clocks say.
 */
export class ChangeRecords {
  private clock: ClockState;

  constructor(private readonly device: DeviceId) {
    this.clock = startClock(device);
  }

  /** Moves this device's clock past the newest stamp read. */
  observe(sync: SyncState): void {
    if (sync.newest) this.clock = receive(this.clock, decodeHlc(sync.newest), Date.now()).clock;
  }

  /** The record of a highlight made here now. */
  creation(highlight: Highlight): SyncRecord {
    return creationRecord(highlight, this.stampNow(highlight.updatedAt));
  }

  /**
   * The record of one change made here: a creation (a new highlight, or one
   * brought back by an undo), a tombstone, or the fields edited, each
   * replacing the stamps of the values the reader saw (the winning one and
   * any conflicting ones). Null when nothing that syncs changed.
   */
  of(change: HighlightChange, sync: SyncState): SyncRecord | null {
    const { before, after } = change;
    if (after === null) return deletionRecord(before!, this.stampNow());
    if (before === null) return this.creation(after);
    const merged = sync.merged.get(after.id);
    const seen: Replaces = {};
    if (merged) {
      for (const [field, at] of Object.entries(merged.stamps) as [SyncedField, NonNullable<Replaces[SyncedField]>[number]][]) seen[field] = [at];
      for (const c of merged.conflicts) seen[c.field] = [...(seen[c.field] ?? []), c.at];
    }
    // Notes written at once on two devices, shown beside each other, are settled by any note the reader writes (the same one too).
    const settled: SyncedField[] = before.noteConflicts?.length && !after.noteConflicts ? ['note'] : [];
    // Whether anything that syncs changed, before the clock ticks for it.
    const probe = editRecord(before, after, { device: this.device, at: encodeHlc(this.clock), changedAt: '' }, seen, settled);
    return probe && editRecord(before, after, this.stampNow(after.updatedAt), seen, settled);
  }

  /** Who, and when, for a change made here now (`changedAt`: when the reader made it, if the change says). */
  private stampNow(changedAt?: string) {
    const hlc = tick(this.clock, Date.now());
    this.clock = hlc;
    const valid = changedAt !== undefined && !Number.isNaN(Date.parse(changedAt));
    return { device: this.device, at: encodeHlc(hlc), changedAt: valid ? new Date(Date.parse(changedAt)).toISOString() : new Date().toISOString() };
  }
}
