import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Layout } from '../../main/core/store/layout.js';
import { readRecordJournal } from '../../main/core/store/journal.js';
import { deviceFilePath } from '../../main/core/sync/device-file.js';
import { DeviceIdSchema, encodeHlc, journalDevice, mergeRecords, type DeviceId, type Stamp, type SyncRecord } from '../../main/core/sync/index.js';
import type { Highlight } from '../../shared/model.js';

/**
 * The device the tests (and every CLI or host they start, which inherit the
 * environment) write as: the one named by the device file at
 * `MARGINALIA_DEVICE_FILE` (a temp file per test worker, see device-file.ts;
 * the user's own outside vitest, as the app would). The file is made by the
 * first library opened, so this is read after that.
 */
export function testDevice(): DeviceId {
  const path = deviceFilePath();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`no device file at ${path} yet: open a library before asking where its files are`);
    throw error;
  }
  return DeviceIdSchema.parse((JSON.parse(text) as { id: unknown }).id);
}

/** Where each file of the test library in `dataDir` lives, for this test's device: `layoutOf(dataDir).index`. */
export function layoutOf(dataDir: string): Layout {
  return new Layout(dataDir, testDevice());
}

/** A stamp for a record this device writes by hand (a test's own journal line), `wall` ms after 1970. */
export function stampAt(wall: number, device: DeviceId = testDevice()): Stamp {
  return { device, at: encodeHlc({ wall, counter: 0, device }), changedAt: new Date(wall).toISOString() };
}

/**
 * An article's highlights as its live files on disk hold them, read as the
 * store defines them and without any repair: the snapshot's records (or a
 * version 2 snapshot's highlights) merged with every device's journal.
 * Backups and quarantine are not the library's state.
 */
export async function highlightsInFolder(dataDir: string, articleId: string): Promise<{ highlights: Highlight[]; damagedLines: number }> {
  const layout = layoutOf(dataDir);
  const snapshot = JSON.parse(await readFile(layout.highlights(articleId), 'utf8')) as { version: number; highlights: Highlight[]; records?: SyncRecord[] };
  const records: SyncRecord[] = [...(snapshot.records ?? [])];
  let damagedLines = 0;
  for (const name of await readdir(layout.articleDir(articleId))) {
    if (journalDevice(name) === null) continue;
    const journal = await readRecordJournal(join(layout.articleDir(articleId), name));
    records.push(...journal.records);
    damagedLines += journal.damaged.length;
  }
  // A version 2 snapshot has no records: its highlights stand until a record changes one.
  const merged = mergeRecords(records);
  const byId = new Map<string, Highlight>(snapshot.version === 2 ? snapshot.highlights.map((h) => [h.id, h]) : []);
  for (const m of merged.highlights) byId.set(m.highlight.id, m.highlight);
  for (const m of merged.deleted) byId.delete(m.highlight.id);
  return { highlights: [...byId.values()], damagedLines };
}
