import { DeviceIdSchema, type DeviceId } from './device.js';

/**
 * The names of the files in an article's folder of the synced layout, and
 * which device writes each:
 *
 * - `journal.<device>.jsonl`: the records of one device, appended only by
 *   that device (no two devices ever write the same journal);
 * - `snapshot.jsonl`: the records of every device folded together and
 *   compacted, rewritten whole (temp file, rename) by whichever device folds;
 *   any device can redo it from the journals, and two devices writing it at
 *   once leave a conflict copy, which is read record by record like a journal.
 */
export const SNAPSHOT_NAME = 'snapshot.jsonl';

export function journalName(device: DeviceId): string {
  return `journal.${DeviceIdSchema.parse(device)}.jsonl`;
}

/** The device whose journal a file name is, or null. */
export function journalDevice(name: string): DeviceId | null {
  const match = /^journal\.(d-[a-z0-9]{12})\.jsonl$/.exec(name);
  return match ? (match[1] as DeviceId) : null;
}

/** Every name Marginalia itself gives a file in a library (today's layout and the synced one). */
const LIBRARY_FILE_NAMES = [
  /^library\.json$/,
  /^recoveries\.jsonl$/,
  /^article\.json$/,
  /^article\.v\d{1,6}\.json$/,
  /^highlights\.json$/,
  /^journal\.jsonl$/,
  /^journal\.d-[a-z0-9]{12}\.jsonl$/,
  /^snapshot\.jsonl$/,
];

export function isLibraryFileName(name: string): boolean {
  return LIBRARY_FILE_NAMES.some((pattern) => pattern.test(name));
}
