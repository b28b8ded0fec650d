/** Fetching a page from a web address, only when the reader asks, for the importer. */
export { fetchForImport, FETCH_TIMEOUT_MS, MAX_REDIRECTS, type FetchedPage, type FetchOptions } from './fetch-page.js';
export { importFromAddress, type AddressImportResult } from './import-address.js';
