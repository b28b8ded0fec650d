import type { SyncRecord } from '../sync/index.js';

/**
 * The records of a snapshot: each once (a stamp is made once, by one device,
 * for one highlight, so highlight and stamp name a record), in a fixed order
 * (by highlight, then stamp), so that two devices folding the same records
 * write the same file.
 */
export function dedupeRecords(records: Iterable<SyncRecord>): SyncRecord[] {
  const unique = new Map<string, SyncRecord>();
  for (const r of records) {
    const key = `${r.id} ${r.at} ${r.op}`;
    if (!unique.has(key)) unique.set(key, r);
  }
  return [...unique.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.at < b.at ? -1 : a.at > b.at ? 1 : a.op < b.op ? -1 : 1));
}
