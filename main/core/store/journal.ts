import { closeSync, constants, fdatasync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { dirname } from 'node:path';
import { syncDirectory } from './durable-file.js';
import { checkedJSON, checkedLine } from '../checked-line.js';
import { z } from 'zod';
import { HighlightSchema, type Highlight } from '../../../shared/model.js';
import { SyncRecordSchema, recordLine, type SyncRecord } from '../sync/index.js';

/**
 * A device's journal of an article's highlights
 * (`articles/<id>/journal.<device>.jsonl`): the change records (see
 * main/core/sync/records.ts) this device appended since it last folded them
 * into `highlights.json`. Only this device writes it. A change is
 * acknowledged after one append and one fdatasync (no rename, no folder
 * sync), so adding a highlight costs a few hundred bytes of I/O however
 * many highlights the article has. The store folds the journal into
 * `highlights.json` when changes pause.
 *
 * Each line is `<json>\t<8 hex digits of its sha256>`. Replaying the lines in
 * order on the snapshot gives the current highlights; replaying lines the
 * snapshot already holds changes nothing (each sets a highlight's whole
 * state, or deletes it), so a crash between writing the snapshot and
 * emptying the journal is harmless.
 */
export type JournalRecord = { op: 'put'; highlight: Highlight } | { op: 'del'; id: string };

const RecordSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), highlight: HighlightSchema }),
  z.object({ op: z.literal('del'), id: z.string() }),
]);

/** One journal line, with its newline. */
export const journalLine = (record: JournalRecord): string => checkedLine(record);

/** A complete journal line that failed its checksum or schema: damage, not a write cut short. */
export interface DamagedLine {
  /** 1-based. */
  line: number;
  /** The line as it is on disk, without its newline. */
  text: string;
}

/** What a journal holds. */
export interface JournalRead<R = JournalRecord> {
  /** The records of every line whose checksum and schema hold, in order. */
  records: R[];
  /** Each good line as it is on disk, with its newline: what a repaired journal keeps. */
  goodLines: string[];
  /** Lines that are complete (they end with a newline) but damaged. */
  damaged: DamagedLine[];
  /** Bytes after the last newline: a last write cut short by a crash, never acknowledged. */
  tornBytes: number;
}

/**
 * Reads a journal. Each complete line stands on its own checksum: a damaged
 * one is skipped and reported, and the lines after it are kept (each record
 * sets a highlight's whole state or deletes it, so a later line never
 * depends on an earlier one). A last line without its newline is a write cut
 * short by a crash: it was never acknowledged, and is not a change.
 */
export function readJournal(path: string): Promise<JournalRead> {
  return readLines(path, parseLine);
}

/** Reads a device's journal of change records (see readJournal for damage and torn lines). */
export function readRecordJournal(path: string): Promise<JournalRead<SyncRecord>> {
  return readLines(path, parseRecordLine);
}

async function readLines<R>(path: string, parse: (line: string) => R | null): Promise<JournalRead<R>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], goodLines: [], damaged: [], tornBytes: 0 };
    throw error;
  }
  const read: JournalRead<R> = { records: [], goodLines: [], damaged: [], tornBytes: 0 };
  let at = 0;
  let number = 0;
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', at)) {
    const line = text.slice(at, end);
    at = end + 1;
    number++;
    const record = parse(line);
    if (record) {
      read.records.push(record);
      read.goodLines.push(`${line}\n`);
    } else read.damaged.push({ line: number, text: line });
  }
  read.tornBytes = Buffer.byteLength(text.slice(at));
  return read;
}

/** The record of one line (without its newline), or null when its checksum or schema fails. */
function parseLine(line: string): JournalRecord | null {
  const json = checkedJSON(line);
  if (json === null) return null;
  const parsed = RecordSchema.safeParse(safeJSON(json));
  return parsed.success ? (parsed.data as JournalRecord) : null;
}

/** "line 2 is damaged", "lines 1 and 4 are damaged", "lines 1, 4 and 7 are damaged". */
export function describeDamage(damaged: readonly DamagedLine[]): string {
  const numbers = damaged.map((d) => String(d.line));
  if (numbers.length === 1) return `line ${numbers[0]} is damaged`;
  return `lines ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)} are damaged`;
}

function parseRecordLine(line: string): SyncRecord | null {
  const json = checkedJSON(line);
  if (json === null) return null;
  const parsed = SyncRecordSchema.safeParse(safeJSON(json));
  return parsed.success ? (parsed.data as SyncRecord) : null;
}

function safeJSON(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/** Applies journal records to highlights (in order); returns a new array. */
export function replay(highlights: readonly Highlight[], records: readonly JournalRecord[]): Highlight[] {
  const byId = new Map(highlights.map((h) => [h.id, h]));
  for (const r of records) {
    if (r.op === 'put') byId.set(r.highlight.id, r.highlight);
    else byId.delete(r.id);
  }
  return [...byId.values()];
}

/**
 * Appends records durably: one write, one fdatasync. A torn last line left
 * by a crash is cut off first; on failure (a full disk) the journal is put
 * back to its previous length, so it never holds half a record. Returns the
 * journal's new size. Synchronous system calls apart from the fdatasync:
 * each is a few microseconds.
 */
export async function appendToJournal(path: string, records: readonly SyncRecord[]): Promise<number> {
  const data = Buffer.from(records.map(recordLine).join(''));
  let fd: number;
  let created = false;
  try {
    fd = openSync(path, constants.O_RDWR | constants.O_APPEND);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    fd = openSync(path, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT, 0o600);
    created = true;
  }
  let size = fstatSync(fd).size;
  try {
    size = cutTornLine(fd, size);
    // A nearly full disk (or a file-size limit) can take part of a write without an error.
    for (let written = 0; written < data.length; ) {
      const n = writeSync(fd, data, written, data.length - written);
      if (n <= 0) throw Object.assign(new Error('short write to the journal'), { code: 'ENOSPC', path });
      written += n;
    }
  } catch (error) {
    try {
      ftruncateSync(fd, size);
    } catch {}
    closeSync(fd);
    throw error;
  }
  // fdatasync through the thread pool: it is the one call that waits for the disk.
  try {
    await promisify(fdatasync)(fd);
  } catch (error) {
    try {
      ftruncateSync(fd, size);
    } catch {}
    throw error;
  } finally {
    closeSync(fd);
  }
  // A new file's name must reach the disk too.
  if (created) await syncDirectory(dirname(path));
  return size + data.length;
}

/** If the journal does not end with a newline, removes its last partial line; returns the new size. */
function cutTornLine(fd: number, size: number): number {
  if (size === 0) return 0;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  if (last[0] === 0x0a) return size;
  const all = Buffer.alloc(size);
  readSync(fd, all, 0, size, 0);
  const keep = all.lastIndexOf(0x0a) + 1;
  ftruncateSync(fd, keep);
  return keep;
}

/** Empties a journal durably (after its records were written into the snapshot). */
export async function emptyJournal(path: string): Promise<void> {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDWR);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    ftruncateSync(fd, 0);
    await promisify(fdatasync)(fd);
  } finally {
    closeSync(fd);
  }
}

/** A highlight as it was and as it is after a change (null: not there). */
export interface HighlightChange {
  before: Highlight | null;
  after: Highlight | null;
}

/** How each highlight changed from `before` to `after` (as recordsBetween, with what each was). */
export function changesBetween(before: readonly Highlight[], after: readonly Highlight[]): HighlightChange[] {
  const old = new Map(before.map((h) => [h.id, h]));
  const changes: HighlightChange[] = [];
  for (const h of after) {
    const was = old.get(h.id);
    if (was !== h) changes.push({ before: was ?? null, after: h });
    old.delete(h.id);
  }
  for (const was of old.values()) changes.push({ before: was, after: null });
  return changes;
}
