import type { Highlight } from '../../../shared/model.js';
import type { DeviceId } from './device.js';
import type { HlcString } from './hlc.js';
import { SYNCED_FIELDS, type FieldValues, type SyncRecord, type SyncedField } from './records.js';

/**
 * Folding records into highlights: any records, from any number of device
 * journals, snapshots and conflict copies, in any order, with duplicates —
 * the same highlights come out on every device.
 *
 * The rule, per highlight id:
 *
 * - **Last writer wins per field, by clock stamp.** The colour, the note,
 *   the tags, the target, `orphaned` and `origin` are each the value of the
 *   record with the largest stamp that set that field. Two devices that
 *   changed different fields (one the colour, one the note) both keep their
 *   change; only two changes of the same field compete.
 * - **Why not a text CRDT for notes.** A sequence CRDT (Yjs, Automerge)
 *   would interleave two concurrent edits of one note character by
 *   character. For the short notes written in a margin, the interleaving of
 *   two rewrites of the same sentence is rarely a sentence anyone wrote; it
 *   also needs a per-character history in every journal, and an editor that
 *   speaks it. What the reader loses with per-field LWW instead: when two
 *   devices edit the same note without having seen each other's edit, the
 *   note shows one of them whole (the later stamp) and not a blend.
 * - **Nothing acknowledged is lost: the losing value is kept.** Every record
 *   names, per field it sets, the stamps of the values its writer saw and
 *   replaced (`replaces`). A value that lost but that no record replaced was
 *   written without the winner having seen it: it is kept in the
 *   highlight's `conflicts`, with who wrote it and when, for the app to show
 *   ("also written on Laptop: …") until the reader picks or merges; the
 *   edit that resolves it replaces those stamps too, and the conflict goes.
 * - **Tombstones: delete, then edit, revives.** A delete wins over every
 *   record stamped before it, and loses to one stamped after it: a device
 *   that edited the note after (by stamp) the other deleted the highlight —
 *   or an undo of the delete — brings the highlight back whole, with its
 *   latest value of every field. A deleted highlight's last state stays in
 *   `deleted`, so the delete can be undone on any device.
 * - **createdAt is the earliest** any record gave (a creation arrived twice,
 *   or an imported highlight, keeps its first date); `updatedAt` and
 *   `changedBy` are those of the newest record.
 * - Duplicates (the same record from a journal, a snapshot and a conflict
 *   copy) change nothing: a stamp is made once, by one device.
 */

/** A value of a field that lost to a concurrent one and that no later change replaced. */
export interface FieldConflict {
  field: SyncedField;
  value: unknown;
  at: HlcString;
  device: DeviceId;
  changedAt: string;
}

/** A highlight as the records make it, with who changed it last and its unresolved conflicts. */
export interface MergedHighlight {
  highlight: Highlight;
  /** The device of the newest record (a tombstone, for a deleted highlight). */
  changedBy: DeviceId;
  /** The newest record's stamp. */
  at: HlcString;
  /** The winning value's stamp per field: what an edit made from this state replaces. */
  stamps: Partial<Record<SyncedField, HlcString>>;
  conflicts: FieldConflict[];
}

/** Records of a highlight whose creation has not arrived (a device's journal came before another's). */
export interface IncompleteHighlight {
  id: string;
  articleId: string;
  /** The fields a highlight needs that no record has set yet. */
  missing: SyncedField[];
  deleted: boolean;
}

export interface MergeResult {
  /** Sorted by id. */
  highlights: MergedHighlight[];
  /** Highlights whose newest record is a tombstone, with their last state; sorted by id. */
  deleted: MergedHighlight[];
  /** Waiting for records still on their way; sorted by id. */
  incomplete: IncompleteHighlight[];
}

/** Fields a highlight cannot be shown without (note and tags default to empty). */
const REQUIRED: readonly SyncedField[] = ['target', 'color', 'createdAt'];

interface Candidate {
  at: HlcString;
  device: DeviceId;
  changedAt: string;
  value: unknown;
  /**
   * The value as canonical JSON (see jsonOf): the tie-break when one stamp
   * carries two values (a damaged or buggy writer), and what tells a
   * conflict from an equal value. Made only when asked: most fields have one
   * candidate, and writing every target out as JSON was most of a merge.
   */
  json?: string;
}

const jsonOf = (c: Candidate): string => (c.json ??= canonicalJSON(c.value));

interface Folding {
  id: string;
  articleId: string;
  firstAt: HlcString;
  newest: SyncRecord;
  lastDelete: HlcString | null;
  fields: Map<SyncedField, Candidate[]>;
  replaced: Map<SyncedField, Set<HlcString>>;
}

export function mergeRecords(records: Iterable<SyncRecord>): MergeResult {
  const byId = new Map<string, Folding>();
  for (const record of records) {
    let f = byId.get(record.id);
    if (!f) {
      f = { id: record.id, articleId: record.articleId, firstAt: record.at, newest: record, lastDelete: null, fields: new Map(), replaced: new Map() };
      byId.set(record.id, f);
    }
    add(f, record);
  }
  const result: MergeResult = { highlights: [], deleted: [], incomplete: [] };
  for (const id of [...byId.keys()].sort()) {
    const f = byId.get(id)!;
    const deleted = f.lastDelete !== null && f.newest.op === 'delete';
    const missing = REQUIRED.filter((field) => !f.fields.has(field));
    if (missing.length > 0) {
      result.incomplete.push({ id, articleId: f.articleId, missing, deleted });
      continue;
    }
    (deleted ? result.deleted : result.highlights).push(fold(f));
  }
  return result;
}

function add(f: Folding, record: SyncRecord): void {
  // The article of the earliest record: records never move a highlight, so they agree unless one is wrong.
  if (record.at < f.firstAt || (record.at === f.firstAt && record.articleId < f.articleId)) {
    f.firstAt = record.at;
    f.articleId = record.articleId;
  }
  if (newer(record, f.newest)) f.newest = record;
  if (record.op === 'delete') {
    if (f.lastDelete === null || record.at > f.lastDelete) f.lastDelete = record.at;
    return;
  }
  for (const field of SYNCED_FIELDS) {
    if (!(field in record.set)) continue;
    const value = record.set[field as keyof FieldValues];
    const list = f.fields.get(field) ?? [];
    const added: Candidate = { at: record.at, device: record.device, changedAt: record.changedAt, value };
    if (!list.some((c) => c.at === record.at && jsonOf(c) === jsonOf(added))) list.push(added);
    f.fields.set(field, list);
    for (const stamp of record.replaces?.[field] ?? []) {
      const seen = f.replaced.get(field) ?? new Set<HlcString>();
      seen.add(stamp);
      f.replaced.set(field, seen);
    }
  }
}

/** The newer of two records: by stamp; one stamp twice (duplicates) by op then content, so every order agrees. */
function newer(a: SyncRecord, b: SyncRecord): boolean {
  if (a === b) return false;
  if (a.at !== b.at) return a.at > b.at;
  if (a.op !== b.op) return a.op === 'delete';
  return canonicalJSON(a) > canonicalJSON(b);
}

function fold(f: Folding): MergedHighlight {
  const stamps: Partial<Record<SyncedField, HlcString>> = {};
  const conflicts: FieldConflict[] = [];
  const winners = new Map<SyncedField, unknown>();
  for (const field of SYNCED_FIELDS) {
    const candidates = f.fields.get(field);
    if (!candidates) continue;
    if (field === 'createdAt') {
      // Not last-writer-wins: the first date any device gave.
      const earliest = candidates.reduce((a, b) => (earlierDate(b.value as string, a.value as string) ? b : a));
      winners.set(field, earliest.value);
      stamps[field] = earliest.at;
      continue;
    }
    const winner = candidates.reduce((a, b) => (b.at > a.at || (b.at === a.at && jsonOf(b) > jsonOf(a)) ? b : a));
    winners.set(field, winner.value);
    stamps[field] = winner.at;
    const replaced = f.replaced.get(field);
    for (const c of candidates) {
      if (c === winner || replaced?.has(c.at) || jsonOf(c) === jsonOf(winner)) continue;
      conflicts.push({ field, value: c.value, at: c.at, device: c.device, changedAt: c.changedAt });
    }
  }
  conflicts.sort((a, b) => SYNCED_FIELDS.indexOf(a.field) - SYNCED_FIELDS.indexOf(b.field) || (a.at < b.at ? -1 : a.at > b.at ? 1 : 0) || compareText(canonicalJSON(a.value), canonicalJSON(b.value)));
  const highlight: Highlight = {
    id: f.id,
    articleId: f.articleId,
    target: winners.get('target') as Highlight['target'],
    color: winners.get('color') as Highlight['color'],
    note: (winners.get('note') as string | undefined) ?? '',
    tags: (winners.get('tags') as string[] | undefined) ?? [],
    createdAt: winners.get('createdAt') as string,
    updatedAt: f.newest.changedAt,
  };
  const orphaned = winners.get('orphaned');
  if (orphaned !== undefined && orphaned !== null) highlight.orphaned = orphaned as boolean;
  const origin = winners.get('origin');
  if (origin !== undefined && origin !== null) highlight.origin = origin as Highlight['origin'];
  // A note that lost to one written at the same time is shown beside it (other fields' losers only stay in `conflicts`).
  const notes = conflicts.filter((c) => c.field === 'note' && typeof c.value === 'string' && c.value !== '');
  if (notes.length > 0) highlight.noteConflicts = notes.map((c) => ({ note: c.value as string, device: c.device, changedAt: c.changedAt }));
  return { highlight, changedBy: f.newest.device, at: f.newest.at, stamps, conflicts };
}

function earlierDate(a: string, b: string): boolean {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (ta !== tb) return ta < tb;
  return a < b;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** JSON with object keys sorted, so one value has one text whichever device wrote it. */
export function canonicalJSON(value: unknown): string {
  if (value === undefined) return 'null';
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
    return sorted;
  });
}
