/** The pure core of Marginalia: plain Node, no Electron, no DOM. */
export { Library, openLibrary, type LibraryOptions } from './library.js';
export type { ImportInput, ImportResult } from './imported-article.js';
export { coreHandlers, type HostServices } from './handlers.js';
export { dispatch, type Handlers } from './dispatch.js';
export { writeFileDurably } from './store/index.js';
export { importInWorker, importInThisThread, type Importer, type ImportLimits } from './import/in-worker.js';
export { defaultLibraryDir, resolveDataDir } from './paths.js';
