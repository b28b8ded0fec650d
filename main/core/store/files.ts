import { z } from 'zod';
import { ArticleSchema, ArticleSummarySchema, HighlightSchema } from '../../../shared/model.js';
import { FutureVersionError } from './store-errors.js';

/** Format version written by this build. Older files are migrated on read; newer ones are refused. */
export const STORE_VERSION = 1;

/** `articles/<id>.json`: one article and all its highlights. */
export const ArticleFileSchema = z.object({
  version: z.literal(STORE_VERSION),
  article: ArticleSchema,
  highlights: z.array(HighlightSchema),
});
export type ArticleFile = z.infer<typeof ArticleFileSchema>;

/** An index entry: what the library list needs, plus tag counts for autocomplete. */
export const IndexEntrySchema = ArticleSummarySchema.extend({
  highlightTags: z.record(z.string(), z.number().int().positive()),
});
export type IndexEntry = z.infer<typeof IndexEntrySchema>;

/** `library.json`: the small index of all articles. It can always be rebuilt from the article files. */
export const LibraryIndexSchema = z.object({
  version: z.literal(STORE_VERSION),
  articles: z.array(IndexEntrySchema),
});
export type LibraryIndex = z.infer<typeof LibraryIndexSchema>;

/**
 * Brings a parsed file up to STORE_VERSION. Version 1 is the first format,
 * so there is nothing to migrate yet; a file from the future is refused.
 */
export function migrateForward(path: string) {
  return (raw: unknown): unknown => {
    const version = (raw as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > STORE_VERSION) throw new FutureVersionError(path, version);
    return raw;
  };
}

/** The index entry that describes an article file. */
export function indexEntryOf(file: ArticleFile): IndexEntry {
  const { article, highlights } = file;
  const highlightTags: Record<string, number> = {};
  for (const h of highlights) for (const tag of h.tags) highlightTags[tag] = (highlightTags[tag] ?? 0) + 1;
  return {
    id: article.id,
    title: article.title,
    source: article.source,
    importedAt: article.importedAt,
    contentHash: article.contentHash,
    tags: article.tags,
    highlightCount: highlights.length,
    highlightTags,
  };
}
