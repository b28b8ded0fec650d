import type { ImportResult } from '../imported-article.js';
import type { Library } from '../library.js';
import { fetchForImport, type FetchOptions } from './fetch-page.js';

/** An import from a web address: what importFile returns, and each address a redirect led to. */
export type AddressImportResult = ImportResult & { redirects: string[] };

/**
 * Fetches the page at `address` (see fetchForImport) and imports it through
 * the same pipeline as a file, with the address as the article's source: the
 * same address imported again is a new version of the same article. A fetch
 * that fails leaves the library untouched.
 */
export async function importFromAddress(library: Library, address: string, options: FetchOptions = {}): Promise<AddressImportResult> {
  const page = await fetchForImport(address, options);
  const result = await library.importFile({
    fileName: page.fileName,
    bytes: page.bytes,
    address: { url: page.url, finalUrl: page.finalUrl, ...(page.charset && { charset: page.charset }) },
  });
  return { ...result, redirects: page.redirects };
}
