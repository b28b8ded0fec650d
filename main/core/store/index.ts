/** The durable, versioned store of articles and highlights. */
export { Store } from './store.js';
export { STORE_VERSION, summaryMetadata, type HighlightsFile, type IndexEntry } from './files.js';
export type { Recovery } from './recoveries.js';
export { readFileIfExists, syncDirectory, writeFileDurably } from './durable-file.js';
export type { SeenDevice } from './device-names.js';
