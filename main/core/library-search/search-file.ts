import { z } from 'zod';
import { DamagedSearchIndexError, SearchIndex } from '../search/index.js';
import { readFileIfExists, writeFileDurably } from '../store/index.js';
import { StampSchema } from '../store/files.js';

/** The format of `search/index.json`. */
export const SEARCH_FILE_VERSION = 1;

/**
 * What the index holds of one article, to tell what changed since: its
 * text's hash, the stamp of its highlights files, the fields shown in a
 * result, and each highlight's id and last change.
 */
const IndexedArticleSchema = z.object({
  id: z.string(),
  contentHash: z.string(),
  stamp: StampSchema.nullable(),
  fields: z.string(),
  highlights: z.array(z.tuple([z.string(), z.string()])),
});
export type IndexedArticle = z.infer<typeof IndexedArticleSchema>;

const EnvelopeSchema = z.object({
  version: z.literal(SEARCH_FILE_VERSION),
  articles: z.array(IndexedArticleSchema),
  index: z.unknown(),
});

/** The outcome of reading `search/index.json`. */
export type SearchFileRead =
  | { status: 'ok'; index: SearchIndex; articles: IndexedArticle[] }
  | { status: 'missing' }
  | { status: 'damaged'; reason: string };

/**
 * Reads the search index file. It is a cache of the library, like
 * `library.json`: a missing, damaged or other-version file is rebuilt from
 * the articles by the caller, never trusted in part.
 */
export async function readSearchFile(path: string): Promise<SearchFileRead> {
  const text = await readFileIfExists(path);
  if (text === null) return { status: 'missing' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { status: 'damaged', reason: `not JSON (${(error as Error).message})` };
  }
  const envelope = EnvelopeSchema.safeParse(raw);
  if (!envelope.success) {
    const version = (raw as { version?: unknown } | null)?.version;
    return { status: 'damaged', reason: version !== SEARCH_FILE_VERSION ? `format version ${JSON.stringify(version)}, not ${SEARCH_FILE_VERSION}` : 'not a search index' };
  }
  try {
    return { status: 'ok', index: SearchIndex.fromJSON(envelope.data.index), articles: envelope.data.articles };
  } catch (error) {
    if (error instanceof DamagedSearchIndexError) return { status: 'damaged', reason: error.message };
    throw error;
  }
}

/** Writes the search index file whole and durably (temp file, fsync, rename). */
export async function writeSearchFile(path: string, index: SearchIndex, articles: Iterable<IndexedArticle>, tempDir: string): Promise<void> {
  const json = JSON.stringify({ version: SEARCH_FILE_VERSION, articles: [...articles], index: index.toJSON() });
  await writeFileDurably(path, json, { tempDir });
}
