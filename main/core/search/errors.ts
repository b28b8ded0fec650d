/**
 * The JSON of a search index is not one this version can read, or it is
 * damaged. The store answers it by rebuilding the index from the articles.
 */
export class DamagedSearchIndexError extends Error {
  override name = 'DamagedSearchIndexError';
}
