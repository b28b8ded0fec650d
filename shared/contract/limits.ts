/** Largest file the importer accepts, in bytes (documented in the README). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** The longest device name: what the device file keeps (main/core/sync/device.ts). */
export const MAX_DEVICE_NAME_CHARS = 200;
