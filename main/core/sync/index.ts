/**
 * Syncing one library between devices through a synced folder (issue 17):
 * the pure core. Records with hybrid logical clock stamps, the merge that
 * folds them the same way on every device, the names sync engines give
 * their conflict copies and placeholders, and this device's identity.
 * The store does not use it yet (docs/sync.md).
 */
export { CLOCK_AHEAD_WARNING_MS, compareHlc, decodeHlc, encodeHlc, receive, startClock, tick, type ClockState, type Hlc, type HlcString } from './hlc.js';
export { DeviceIdSchema, keptInMemory, newDeviceId, renameDevice, thisDevice, type Device, type DeviceId, type DeviceKeeper } from './device.js';
export {
  SYNCED_FIELDS,
  SyncRecordSchema,
  creationRecord,
  deletionRecord,
  editRecord,
  readRecords,
  recordLine,
  type DeleteRecord,
  type RecordsRead,
  type Replaces,
  type SetRecord,
  type Stamp,
  type SyncRecord,
  type SyncedField,
} from './records.js';
export { canonicalJSON, mergeRecords, type FieldConflict, type IncompleteHighlight, type MergeResult, type MergedHighlight } from './merge.js';
export { isEmptyPlaceholder, isNotYetReadable, syncEngineFile, type SyncEngine, type SyncEngineFile } from './conflict-names.js';
export { SNAPSHOT_NAME, isLibraryFileName, journalDevice, journalName } from './file-names.js';
