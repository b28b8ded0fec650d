/** The durable, versioned store of articles and highlights. */
export { Store } from './store.js';
export { STORE_VERSION, type ArticleFile, type LibraryIndex, type IndexEntry } from './files.js';
export { writeFileDurably } from './durable-file.js';
