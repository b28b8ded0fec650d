import { z } from 'zod';
import { ArticleSchema, HighlightSchema } from '../../../shared/model.js';
import { STORE_VERSION } from './files.js';
import { FutureVersionError } from './store-errors.js';

/** Version 1's `articles/<id>.json`: article and highlights in one file. */
export const ArticleFileV1Schema = z.object({
  version: z.literal(1),
  article: ArticleSchema,
  highlights: z.array(HighlightSchema),
});
export type ArticleFileV1 = z.infer<typeof ArticleFileV1Schema>;

/**
 * Checks a parsed file's version: a file from a newer Marginalia is refused
 * (FutureVersionError), a current one passes. Older *file formats* are
 * migrated by the store's layout migration (a v1 article becomes a v2 folder),
 * since splitting a file is not a change to one file.
 */
export function refuseFutureVersions(path: string) {
  return (raw: unknown): unknown => {
    const version = (raw as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > STORE_VERSION) throw new FutureVersionError(path, version);
    return raw;
  };
}

/** Version 1's `library.json` is only a cache: version 2 rebuilds it. */
export const isVersion1Index = (raw: unknown): boolean => (raw as { version?: unknown } | null)?.version === 1;
