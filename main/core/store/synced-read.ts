import type { Highlight } from '../../../shared/model.js';
import { journalName, mergeRecords, type DeviceId, type HlcString, type MergedHighlight, type SyncRecord } from '../sync/index.js';
import { folderFiles, readCopyRecords, readOthersRecords } from './article-records.js';
import type { HighlightsFile } from './files.js';
import { readJournal, replay } from './journal.js';
import { legacyRecords } from './legacy-highlights.js';
import type { Layout } from './layout.js';
import { dedupeRecords } from './snapshot-records.js';

/** What the merge made of an article's records, beyond its highlights: what an edit replaces, who changed what. */
export interface SyncState {
  /** Each shown highlight as merged: its fields' stamps, conflicts, and the device that changed it last. */
  merged: Map<string, MergedHighlight>;
  /** Deleted highlights, with their last state (an undo of the delete writes it again). */
  deleted: Map<string, MergedHighlight>;
  /** The largest stamp read: the device's clock moves past it before its next change. */
  newest: HlcString | null;
  /** Every record read, by highlight: what a change here is merged with. */
  records: Map<string, SyncRecord[]>;
  /** The latest time (by its own clock) each device says it wrote a record. */
  latestWrite: Map<DeviceId, number>;
}

/** An article's records as read from its folder, by where they came from. */
export interface FolderRecords {
  /** This device's journal. */
  own: SyncRecord[];
  /** Other devices' journals, conflict copies, and version 2's journal made into records. */
  others: SyncRecord[];
  /** Conflict copies read (merged by the next fold, then moved to quarantine). */
  copies: string[];
  /** Conflict copies that are not records (moved to quarantine as they are). */
  unreadableCopies: string[];
  /** Conflict copies of `article.json`. */
  articleCopies: string[];
  /** Version 2's `journal.jsonl` is there (the next fold retires it to the backups). */
  legacyJournal: boolean;
}

/** Reads the records of an article folder other than the snapshot and this device's journal (read by the caller, which repairs them). */
export async function readFolderRecords(layout: Layout, articleId: string, snapshot: HighlightsFile, own: SyncRecord[]): Promise<{ snapshot: HighlightsFile; folder: FolderRecords }> {
  const files = folderFiles(layout.articleDir(articleId), journalName(layout.device));
  const folder: FolderRecords = { own, others: [], copies: [], unreadableCopies: [], articleCopies: files.articleCopies, legacyJournal: files.legacyJournal };
  for (const journal of files.journals) {
    // Damaged lines and a torn tail in another device's journal are that device's to repair; its good lines count.
    folder.others.push(...(await readOthersRecords(journal.path)).records);
  }
  for (const copy of files.copies) {
    const records = await readCopyRecords(copy.path, copy.original, layout.device);
    if (records === null) folder.unreadableCopies.push(copy.path);
    else {
      folder.others.push(...records);
      folder.copies.push(copy.path);
    }
  }
  if (files.legacyJournal && snapshot.upgradedFrom === 2) {
    // Version 2: the journal's whole-highlight changes replayed on the snapshot, in order, then made records.
    const legacy = await readJournal(layout.legacyJournal(articleId));
    const highlights = replay(snapshot.highlights, legacy.records);
    snapshot = { ...snapshot, highlights, records: legacyRecords(highlights, layout.device) };
  }
  return { snapshot, folder };
}

/** Merges every record read into the highlights and the state an edit needs. */
/** A device's name for the reader, by its id. */
export type DeviceName = (device: DeviceId) => string;

export function mergeFolder(snapshot: HighlightsFile, folder: FolderRecords, deviceName: DeviceName): { file: HighlightsFile; sync: SyncState } {
  const all = [...snapshot.records, ...folder.own, ...folder.others];
  const result = mergeRecords(all);
  let newest: HlcString | null = null;
  const records = new Map<string, SyncRecord[]>();
  const latestWrite = new Map<DeviceId, number>();
  for (const r of all) {
    if (newest === null || r.at > newest) newest = r.at;
    const written = Date.parse(r.changedAt);
    if (written > (latestWrite.get(r.device) ?? 0)) latestWrite.set(r.device, written);
    const list = records.get(r.id);
    if (list) list.push(r);
    else records.set(r.id, [r]);
  }
  const file: HighlightsFile = { version: snapshot.version, articleId: snapshot.articleId, generation: snapshot.generation, highlights: inOrder(result.highlights, deviceName), records: snapshot.records };
  return {
    file,
    sync: {
      merged: new Map(result.highlights.map((m) => [m.highlight.id, m])),
      deleted: new Map(result.deleted.map((m) => [m.highlight.id, m])),
      newest,
      records,
      latestWrite,
    },
  };
}

/**
 * The state after this device added records (just appended to its journal):
 * only the highlights they touch are merged again. Returns the new state and
 * the highlights as a fresh read of the folder would give them.
 */
export function withRecords(file: HighlightsFile, sync: SyncState, added: readonly SyncRecord[], deviceName: DeviceName): { file: HighlightsFile; sync: SyncState } {
  const next: SyncState = { merged: new Map(sync.merged), deleted: new Map(sync.deleted), newest: sync.newest, records: new Map(sync.records), latestWrite: sync.latestWrite };
  const touched = new Set<string>();
  for (const r of added) {
    next.records.set(r.id, [...(next.records.get(r.id) ?? []), r]);
    if (next.newest === null || r.at > next.newest) next.newest = r.at;
    touched.add(r.id);
  }
  for (const id of touched) {
    next.merged.delete(id);
    next.deleted.delete(id);
    const result = mergeRecords(next.records.get(id)!);
    for (const m of result.highlights) next.merged.set(id, m);
    for (const m of result.deleted) next.deleted.set(id, m);
  }
  const kept = file.highlights.filter((h) => !touched.has(h.id)).map((h) => next.merged.get(h.id)!);
  for (const id of touched) {
    const m = next.merged.get(id);
    if (m) kept.push(m);
  }
  return { file: { ...file, highlights: inOrder(kept, deviceName) }, sync: next };
}

/**
 * Merged highlights in the order they were made (the merge sorts by id): by
 * the stamp of the record that created each, which on one device is the
 * order of its changes.
 */
export function inOrder(merged: readonly MergedHighlight[], deviceName?: DeviceName): Highlight[] {
  const highlights = [...merged].sort(byCreation).map((m) => m.highlight);
  return deviceName ? highlights.map((h) => (h.noteConflicts ? { ...h, noteConflicts: h.noteConflicts.map((c) => ({ ...c, device: deviceName(c.device as DeviceId) })) } : h)) : highlights;
}

/** Every record an article's folder holds, once each: what a fold writes into the snapshot. */
export function foldedRecords(snapshot: HighlightsFile, folder: FolderRecords): SyncRecord[] {
  return dedupeRecords([...snapshot.records, ...folder.own, ...folder.others]);
}

const createdStamp = (m: MergedHighlight): string => m.stamps.createdAt ?? m.at;
const byCreation = (a: MergedHighlight, b: MergedHighlight): number => {
  const [x, y] = [createdStamp(a), createdStamp(b)];
  return x < y ? -1 : x > y ? 1 : a.highlight.id < b.highlight.id ? -1 : a.highlight.id > b.highlight.id ? 1 : 0;
};
