import type { Highlight } from '../../../shared/model.js';
import { creationRecord, encodeHlc, type DeviceId, type SyncRecord } from '../sync/index.js';

/**
 * Version 2 kept an article's highlights as one device had them (a snapshot
 * of whole highlights, and `journal.jsonl` of whole-highlight changes), with
 * no record of who changed what when. Read by version 3, each highlight
 * becomes one creation record stamped by the device reading it, at the time
 * of its last change (`updatedAt`).
 *
 * The stamp is derived, not drawn from the clock, so reading the same
 * version 2 files twice (a fold cut short and redone) makes the very same
 * records, which the merge takes once. Two devices that both had a copy of
 * the version 2 library make records with the same values under different
 * stamps: the merge shows each highlight once, and no conflict (the values
 * are equal).
 */
export function legacyRecords(highlights: readonly Highlight[], device: DeviceId): SyncRecord[] {
  return highlights.map((h) => {
    const wall = Math.max(0, Date.parse(h.updatedAt) || Date.parse(h.createdAt) || 0);
    const at = encodeHlc({ wall, counter: 0, device });
    return creationRecord(h, { device, at, changedAt: h.updatedAt });
  });
}
