/** Largest file the importer accepts, in bytes (documented in the README). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
