import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Layout } from '../../main/core/store/layout.js';
import { appendToJournal, readRecordJournal } from '../../main/core/store/journal.js';
import { deviceFilePath } from '../../main/core/sync/device-file.js';
import { DeviceIdSchema, decodeHlc, editRecord, encodeHlc, journalDevice, mergeRecords, type DeviceId, type Replaces, type Stamp, type SyncRecord, type SyncedField } from '../../main/core/sync/index.js';
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

/** Every record an article's live files hold (the snapshot's, every device's journal), and how many journal lines are damaged. */
async function recordsInFolder(dataDir: string, articleId: string): Promise<{ snapshot: { version: number; highlights: Highlight[] }; records: SyncRecord[]; damagedLines: number }> {
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
  return { snapshot, records, damagedLines };
}

/**
 * An article's highlights as its live files on disk hold them, read as the
 * store defines them and without any repair: the snapshot's records (or a
 * version 2 snapshot's highlights) merged with every device's journal.
 * Backups and quarantine are not the library's state.
 */
export async function highlightsInFolder(dataDir: string, articleId: string): Promise<{ highlights: Highlight[]; damagedLines: number }> {
  const { snapshot, records, damagedLines } = await recordsInFolder(dataDir, articleId);
  // A version 2 snapshot has no records: its highlights stand until a record changes one.
  const merged = mergeRecords(records);
  const byId = new Map<string, Highlight>(snapshot.version === 2 ? snapshot.highlights.map((h) => [h.id, h]) : []);
  for (const m of merged.highlights) byId.set(m.highlight.id, m.highlight);
  for (const m of merged.deleted) byId.delete(m.highlight.id);
  return { highlights: [...byId.values()], damagedLines };
}

/**
 * Changes highlights behind the library's back, as another process of this
 * device would: appends to this device's journal the edit record of each
 * (`before` as the library has it, `after` as the test wants it), stamped
 * after every record the folder holds and replacing the values it overwrites,
 * so the edit wins as the reader's own would.
 */
export async function journalEdits(dataDir: string, articleId: string, edits: readonly { before: Highlight; after: Highlight }[]): Promise<void> {
  const { records } = await recordsInFolder(dataDir, articleId);
  const newest = records.reduce((wall, r) => Math.max(wall, decodeHlc(r.at).wall), 0);
  const merged = new Map(mergeRecords(records).highlights.map((m) => [m.highlight.id, m]));
  const device = testDevice();
  const written: SyncRecord[] = [];
  for (const [n, { before, after }] of edits.entries()) {
    const seen: Replaces = {};
    for (const [field, at] of Object.entries(merged.get(before.id)?.stamps ?? {})) seen[field as SyncedField] = [at];
    const wall = Math.max(Date.now(), newest + 1) + n;
    const record = editRecord(before, after, stampAt(wall, device), seen);
    if (!record) throw new Error(`the edit of ${before.id} changes nothing that is recorded`);
    written.push(record);
  }
  await appendToJournal(layoutOf(dataDir).journal(articleId), written);
}
