import { z } from 'zod';
import { ArticleSchema, ArticleSummarySchema, HighlightSchema, userKeyedRecord, type Color, type Highlight } from '../../../shared/model.js';
import { SyncRecordSchema, type SyncRecord } from '../sync/index.js';

/**
 * Format version written by this build. Older files are migrated on read
 * (see migrations.ts); newer ones are refused, never downgraded.
 *
 * Version 1 kept an article and its highlights in one `articles/<id>.json`.
 * Version 2 splits them: the article (written once, at import) and its
 * highlights (written on every change), so a change rewrites kilobytes, not
 * the whole book.
 */
export const STORE_VERSION = 2;

/** `articles/<id>/article.json`: the imported article; never changes after import. */
export const ArticleFileSchema = z.object({
  version: z.literal(STORE_VERSION),
  article: ArticleSchema,
});
export type ArticleFile = z.infer<typeof ArticleFileSchema>;

/**
 * Format version of `highlights.json`. Version 3 holds the change records of
 * every device (see main/core/sync/records.ts), from which the highlights are
 * made by the merge every device does the same way; version 2 held the
 * highlights only, as one device had them, and is read as records stamped by
 * the device that reads it (see legacy-highlights.ts).
 */
export const SNAPSHOT_VERSION = 3;

/**
 * `articles/<id>/highlights.json`, the snapshot: every change record folded
 * into it (deduplicated), and the highlights they make, written whole by
 * whichever device folds (see fold.ts); `generation` counts this device's
 * writes of it. `highlights` is what `records` merge into, kept for readers
 * of the file; the records are what counts.
 */
export const HighlightsFileSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  articleId: ArticleSchema.shape.id,
  generation: z.number().int().nonnegative(),
  /** Not checked when read: made again from the records, which are (each one). */
  highlights: z.array(z.unknown()).transform((highlights) => highlights as Highlight[]),
  records: z.array(SyncRecordSchema).transform((records) => records as SyncRecord[]),
  /** Set (in memory only) on a version 2 file read as version 3: its records were made from its highlights. */
  upgradedFrom: z.literal(2).optional(),
});
export type HighlightsFile = z.infer<typeof HighlightsFileSchema>;

/** Version 2's `highlights.json`: one device's highlights, without records. */
export const HighlightsFileV2Schema = z.object({
  version: z.literal(2),
  articleId: ArticleSchema.shape.id,
  generation: z.number().int().nonnegative(),
  highlights: z.array(HighlightSchema),
});

/**
 * What the index remembers of a highlights file, to notice a change made
 * behind its back. Every durable write renames a new file into place, so the
 * inode number alone changes with each write; size and mtime back it up on
 * file systems without stable inode numbers. This is the stamp of the
 * snapshot (`highlights.json`), of this device's journal beside it, and of
 * every other file there that holds records (other devices' journals,
 * conflict copies) and the article (see article-records.ts).
 */
export const StampSchema = z.object({
  ino: z.number(),
  size: z.number(),
  mtimeMs: z.number(),
  /** Size of the journal of changes since the snapshot (see journal.ts); it only grows until folded in. */
  journal: z.number(),
  journalMtimeMs: z.number(),
  /** The other files that hold the article's records, and the article: how many, their total size, their newest change. */
  others: z.string().max(100).optional(),
});
export type Stamp = z.infer<typeof StampSchema>;

/**
 * An index entry: what the library list needs, plus tag counts for
 * autocomplete. The counts are a null-prototype object keyed by tag (a tag
 * named `constructor` or `__proto__` is an ordinary tag), written as JSON.
 */
export const IndexEntrySchema = ArticleSummarySchema.extend({
  highlightTags: userKeyedRecord(z.number().int().positive()),
  stamp: StampSchema.nullable(),
  /** ENTRY_VERSION when written: an older entry lacks fields the list now shows and is made again from its article. */
  entryVersion: z.number().int().positive().optional(),
});

/** The shape of index entries written now (2: the site and publication date; 3: counts of noted and orphaned highlights; 4: of each colour; 5: a book's identifier; 6: stamps of every device's journal). */
export const ENTRY_VERSION = 6;
export type IndexEntry = z.infer<typeof IndexEntrySchema>;

/**
 * `library.json`: the index of all articles. It is a cache: it can always be
 * rebuilt from the article folders, so it is flushed after changes rather
 * than on the path of every acknowledgement.
 */
export const LibraryIndexSchema = z.object({
  version: z.literal(STORE_VERSION),
  articles: z.array(IndexEntrySchema),
});
export type LibraryIndex = z.infer<typeof LibraryIndexSchema>;

/** The index entry for an article and its highlights. */
export function indexEntryOf(article: ArticleFile['article'], highlights: HighlightsFile, stamp: Stamp | null): IndexEntry {
  const highlightTags = tagCounts();
  for (const h of highlights.highlights) countTags(highlightTags, h.tags);
  return {
    id: article.id,
    title: article.title,
    source: article.source,
    importedAt: article.importedAt,
    contentHash: article.contentHash,
    tags: article.tags,
    ...summaryMetadata(article),
    highlightCount: highlights.highlights.length,
    highlightTags,
    notedCount: highlights.highlights.filter(hasNote).length,
    orphanedCount: highlights.highlights.filter((h) => h.orphaned === true).length,
    highlightColors: colorCounts(highlights.highlights),
    stamp,
    entryVersion: ENTRY_VERSION,
  };
}

/** An index entry with one more highlight counted. */
export function withHighlight(entry: IndexEntry, highlight: Highlight, stamp: Stamp | null): IndexEntry {
  const highlightTags = tagCounts(entry.highlightTags);
  countTags(highlightTags, highlight.tags);
  return {
    ...entry,
    highlightCount: entry.highlightCount + 1,
    highlightTags,
    notedCount: (entry.notedCount ?? 0) + (hasNote(highlight) ? 1 : 0),
    orphanedCount: (entry.orphanedCount ?? 0) + (highlight.orphaned ? 1 : 0),
    highlightColors: colorCounts([highlight], entry.highlightColors),
    stamp,
  };
}

/** How many highlights have each colour (colours none has are left out), added to `from` if given. */
function colorCounts(highlights: readonly Highlight[], from: Partial<Record<Color, number>> = {}): Partial<Record<Color, number>> {
  const counts = { ...from };
  for (const h of highlights) counts[h.color] = (counts[h.color] ?? 0) + 1;
  return counts;
}

const hasNote = (h: Highlight): boolean => h.note.trim() !== '';

/** Tag counts: a null-prototype object, so that no tag finds an inherited property; a copy of `from` if given. */
function tagCounts(from?: Readonly<Record<string, number>>): Record<string, number> {
  const counts: Record<string, number> = Object.create(null);
  if (from) for (const [tag, n] of Object.entries(from)) counts[tag] = n;
  return counts;
}

function countTags(counts: Record<string, number>, tags: readonly string[]): void {
  for (const tag of tags) counts[tag] = (Object.hasOwn(counts, tag) ? counts[tag]! : 0) + 1;
}

/** What the library list and re-import matching need of an article's metadata. */
export function summaryMetadata(article: ArticleFile['article']): { byline?: string; url?: string; siteName?: string; published?: string; identifier?: string; version?: number } {
  const { byline, url, siteName, published, identifier } = article.metadata ?? {};
  return {
    ...(byline ? { byline } : {}),
    ...(url ? { url } : {}),
    ...(siteName ? { siteName } : {}),
    ...(published ? { published } : {}),
    ...(identifier ? { identifier } : {}),
    ...(article.version ? { version: article.version } : {}),
  };
}
