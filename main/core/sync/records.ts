import { checkedJSON, checkedLine } from '../checked-line.js';
import { z } from 'zod';
import { ArticleIdSchema, ColorSchema, HighlightIdSchema, HighlightSchema, HighlightTargetSchema, NoteSchema, TagSchema, type Highlight } from '../../../shared/model.js';
import { DeviceIdSchema, type DeviceId } from './device.js';
import { HlcStringSchema, type HlcString } from './hlc.js';

/**
 * One line of a device's journal in the synced layout
 * (`articles/<id>/journal.<device>.jsonl`): one change to one highlight, by
 * one device, at one clock stamp. A `set` record carries only the fields
 * that changed (a creation carries them all); a `delete` record is a
 * tombstone. Records are never edited or removed by another device, and
 * folding any set of them gives the same highlights (see merge.ts).
 */
export const SYNCED_FIELDS = ['target', 'color', 'note', 'tags', 'orphaned', 'origin', 'createdAt'] as const;
export type SyncedField = (typeof SYNCED_FIELDS)[number];

/** The value of each field a record can set; `null` for an optional field means "absent" (e.g. re-attached: no longer orphaned). */
export const FieldValuesSchema = z
  .object({
    target: HighlightTargetSchema,
    color: ColorSchema,
    note: NoteSchema,
    tags: z.array(TagSchema),
    orphaned: z.boolean().nullable(),
    origin: HighlightSchema.shape.origin.unwrap().nullable(),
    createdAt: z.string().datetime(),
  })
  .partial()
  .strict();
export type FieldValues = z.infer<typeof FieldValuesSchema>;

/** For each field a record sets: the stamps of the values its writer saw and meant to replace (see merge.ts, conflicts). */
const ReplacesSchema = z.object(Object.fromEntries(SYNCED_FIELDS.map((f) => [f, z.array(HlcStringSchema).max(64)])) as Record<SyncedField, z.ZodArray<typeof HlcStringSchema>>).partial().strict();
export type Replaces = Partial<Record<SyncedField, HlcString[]>>;

const common = {
  /** Version of the record format. */
  v: z.literal(1),
  id: HighlightIdSchema,
  articleId: ArticleIdSchema,
  device: DeviceIdSchema,
  at: HlcStringSchema,
  /** The writer's wall clock, for "changed on … at …": shown, never used to order. */
  changedAt: z.string().datetime(),
};

export const SyncRecordSchema = z
  .discriminatedUnion('op', [
    z.object({ ...common, op: z.literal('set'), set: FieldValuesSchema, replaces: ReplacesSchema.optional() }).strict(),
    z.object({ ...common, op: z.literal('delete') }).strict(),
  ])
  .refine((r) => r.at.endsWith(`-${r.device}`), 'the clock stamp is not the writing device’s')
  .refine((r) => r.op === 'delete' || Object.keys(r.set).length > 0, 'a change that sets nothing');

export type SetRecord = {
  v: 1;
  op: 'set';
  id: string;
  articleId: string;
  device: DeviceId;
  at: HlcString;
  changedAt: string;
  set: FieldValues;
  replaces?: Replaces;
};
export type DeleteRecord = { v: 1; op: 'delete'; id: string; articleId: string; device: DeviceId; at: HlcString; changedAt: string };
export type SyncRecord = SetRecord | DeleteRecord;

/** A record as one journal line, framed as today's journal is (see checked-line.ts). */
export const recordLine = (record: SyncRecord): string => checkedLine(record);

/** A complete line that is not a record: its checksum, JSON or schema failed. */
export interface DamagedRecordLine {
  /** 1-based. */
  line: number;
  text: string;
  reason: 'checksum' | 'not a record';
}

export interface RecordsRead {
  records: SyncRecord[];
  damaged: DamagedRecordLine[];
  /**
   * Bytes after the last newline: a write cut short, or a file still being
   * copied in by the sync engine. Never a record, never damage: the rest
   * arrives later.
   */
  tornBytes: number;
}

/**
 * The records of a journal's (or snapshot's, or conflict copy's) text. Each
 * complete line stands on its own checksum: a damaged line is reported and
 * skipped, the lines after it are kept. Never throws.
 */
export function readRecords(text: string): RecordsRead {
  const read: RecordsRead = { records: [], damaged: [], tornBytes: 0 };
  let at = 0;
  let number = 0;
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', at)) {
    const line = text.slice(at, end);
    at = end + 1;
    number++;
    if (line === '') continue; // a blank line (an editor's trailing newline) is no record and no damage
    const parsed = parseLine(line);
    if (typeof parsed === 'string') read.damaged.push({ line: number, text: line, reason: parsed });
    else read.records.push(parsed);
  }
  read.tornBytes = Buffer.byteLength(text.slice(at));
  return read;
}

function parseLine(line: string): SyncRecord | DamagedRecordLine['reason'] {
  const json = checkedJSON(line);
  if (json === null) return 'checksum';
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return 'not a record';
  }
  const parsed = SyncRecordSchema.safeParse(raw);
  return parsed.success ? (parsed.data as SyncRecord) : 'not a record';
}

/** Who writes a record, and when. */
export interface Stamp {
  device: DeviceId;
  at: HlcString;
  changedAt: string;
}

/** The record of a new highlight: every field, no replaces. */
export function creationRecord(highlight: Highlight, stamp: Stamp): SetRecord {
  const set: FieldValues = {
    target: highlight.target,
    color: highlight.color,
    note: highlight.note,
    tags: highlight.tags,
    createdAt: highlight.createdAt,
  };
  if (highlight.orphaned !== undefined) set.orphaned = highlight.orphaned;
  if (highlight.origin !== undefined) set.origin = highlight.origin;
  return { v: 1, op: 'set', id: highlight.id, articleId: highlight.articleId, ...stamp, set };
}

/**
 * The record of an edit: the fields that differ between `before` and
 * `after` (and those in `settled`, whose conflicting values the reader
 * chose between), each replacing the stamps its writer saw for it (`seen`:
 * the winning value's stamp and any conflicting ones shown to the reader).
 * Null when nothing changed.
 */
export function editRecord(before: Highlight, after: Highlight, stamp: Stamp, seen: Replaces, settled: readonly SyncedField[] = []): SetRecord | null {
  const set: FieldValues = {};
  const replaces: Replaces = {};
  const changed = (field: SyncedField, a: unknown, b: unknown) => {
    // A field the reader settled (kept one of two values written at once) is written even when its value stays.
    if (!settled.includes(field) && JSON.stringify(a ?? null) === JSON.stringify(b ?? null)) return false;
    if (seen[field]?.length) replaces[field] = [...seen[field]!];
    return true;
  };
  if (changed('target', before.target, after.target)) set.target = after.target;
  if (changed('color', before.color, after.color)) set.color = after.color;
  if (changed('note', before.note, after.note)) set.note = after.note;
  if (changed('tags', before.tags, after.tags)) set.tags = after.tags;
  if (changed('orphaned', before.orphaned, after.orphaned)) set.orphaned = after.orphaned ?? null;
  if (changed('origin', before.origin, after.origin)) set.origin = after.origin ?? null;
  if (Object.keys(set).length === 0) return null;
  const record: SetRecord = { v: 1, op: 'set', id: after.id, articleId: after.articleId, ...stamp, set };
  if (Object.keys(replaces).length > 0) record.replaces = replaces;
  return record;
}

/** The tombstone of a deleted highlight. */
export function deletionRecord(highlight: Pick<Highlight, 'id' | 'articleId'>, stamp: Stamp): DeleteRecord {
  return { v: 1, op: 'delete', id: highlight.id, articleId: highlight.articleId, ...stamp };
}
