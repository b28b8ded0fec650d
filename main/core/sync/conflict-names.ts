import { isLibraryFileName } from './file-names.js';

/**
 * The files sync engines leave beside a library's own files, told apart by
 * name alone (no file system here). What each engine does, as found:
 *
 * - **Syncthing** renames the losing side of a concurrent change to
 *   `<name>.sync-conflict-<YYYYMMDD>-<HHMMSS>-<device>.<ext>`: the name cut
 *   before its last extension (Go's `filepath.Ext`), the local date and time,
 *   and the short (7-character) id of the device that last modified it; the
 *   dash before the device is there even when that id is empty (Syncthing's
 *   `folder_sendrecv.go` as quoted in GermanCoding/SyncTrayzor PR #181;
 *   example `beastly.sync-conflict-20260818-173636-D4LGQYW.json` in
 *   estejosh/ferryman docs/SYNC_CONFLICTS.md). A file still downloading is
 *   `.syncthing.<name>.tmp` (`~syncthing~<name>.tmp` on Windows), renamed
 *   into place when complete (Syncthing's documentation on temporary files).
 * - **Dropbox** does not merge: it keeps the other version as
 *   `<name> (<person or computer>'s conflicted copy <YYYY-MM-DD>).<ext>`
 *   (Dropbox help, "What's a conflicted copy?"; the user-name-and-date form
 *   is also cited in owncloud/client #6365 and samschott/maestral #861).
 *   Older clients left out the date, and copies of copies stack, with a
 *   number for a repeat: `X (A's conflicted copy) (A's conflicted copy) (1).ext`
 *   (dtjm/textdropapp.com #62); the number inside the parenthesis,
 *   `(… 2024-01-02 (1))`, is accepted too.
 * - **OneDrive**, when it keeps both versions, adds the computer's name with
 *   a dash, then a number for later ones: `somefile-laptop.txt`,
 *   `somefile-laptop-2.txt`, `-3` (abraunegg/onedrive #207, #1144; skilion/onedrive
 *   #265, #522 — the Linux client, which follows the Windows client's
 *   naming). How sure: a host name can be anything, so `notes-work.txt` is
 *   indistinguishable from a copy of `notes.txt` made on "work". We only
 *   read a name as a OneDrive copy when what is left after taking the
 *   suffix off is one of Marginalia's own file names (`highlights.json`,
 *   `journal.<device>.jsonl`, …) and the name itself is not. Plain
 *   duplicates numbered `<name> (2).<ext>` (OneDrive and Dropbox when a
 *   name is taken) are read the same way, under the same guard.
 * - **iCloud Drive** (before macOS Sonoma) replaced a file whose bytes were
 *   evicted by a stub `.<name>.icloud` of under 200 bytes; Sonoma's dataless
 *   files keep their real name and cannot be told by name at all (Howard
 *   Oakley, eclecticlight.co, 2023-10-25 "macOS Sonoma has changed iCloud
 *   Drive radically"; the older `.<name>-tef.icloud` form is noted there too).
 *
 * A placeholder or a download in progress is not damage: the reader skips
 * it and picks the file up later. A conflict copy is read record by record,
 * merged, then moved to `quarantine/` (never deleted, never loaded as the
 * real file).
 */
export type SyncEngine = 'syncthing' | 'dropbox' | 'onedrive' | 'icloud';

export interface SyncEngineFile {
  /** The library file it stands for (for stacked copies, the first original). */
  original: string;
  engine: SyncEngine;
  /** `conflict-copy`: another version, to merge; `placeholder`: bytes not on disk; `in-progress`: being copied in. */
  kind: 'conflict-copy' | 'placeholder' | 'in-progress';
}

const SYNCTHING_CONFLICT = /^(.+?)\.sync-conflict-\d{8}-\d{6}-[A-Za-z0-9]*(\.[^.]*)?$/;
const SYNCTHING_TEMP = /^(?:\.syncthing\.|~syncthing~)(.+)\.tmp$/;
/** The apostrophe may be typographic; the date is absent in old clients; the repeat number sits inside or after. */
const DROPBOX_CONFLICT = /^(.+?) \([^()]*['’]s conflicted copy(?: \d{4}-\d{2}-\d{2})?(?: \(\d+\))?\)((?: \(\d+\))*)(\.[^.]*)?$/;
const ICLOUD_STUB = /^\.(.+?)(?:-tef)?\.icloud$/;
const NUMBERED_DUPLICATE = /^(.+) \(\d+\)(\.[^.]*)?$/;
/** A host name as OneDrive appends it (letters, digits, dashes), optionally with its repeat number. */
const ONEDRIVE_SUFFIX = /^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/;

/**
 * What a file name is, if a sync engine made it: the library file it stands
 * for and the engine, or null for any other name (the library's own files
 * included).
 */
export function syncEngineFile(name: string): SyncEngineFile | null {
  const found = recognise(name);
  if (!found) return null;
  // A copy of a copy (Dropbox stacks them; a conflict copy can be evicted by iCloud): name the first original.
  const inner = found.original !== name ? syncEngineFile(found.original) : null;
  if (inner && inner.kind === 'conflict-copy') return { ...found, original: inner.original };
  return found;
}

function recognise(name: string): SyncEngineFile | null {
  let m = ICLOUD_STUB.exec(name);
  if (m) return { original: m[1]!, engine: 'icloud', kind: 'placeholder' };
  m = SYNCTHING_TEMP.exec(name);
  if (m) return { original: m[1]!, engine: 'syncthing', kind: 'in-progress' };
  m = SYNCTHING_CONFLICT.exec(name);
  if (m) return { original: m[1]! + (m[2] ?? ''), engine: 'syncthing', kind: 'conflict-copy' };
  m = DROPBOX_CONFLICT.exec(name);
  if (m) return { original: m[1]! + (m[3] ?? ''), engine: 'dropbox', kind: 'conflict-copy' };
  if (isLibraryFileName(name)) return null;
  m = NUMBERED_DUPLICATE.exec(name);
  if (m && isLibraryFileName(m[1]! + (m[2] ?? ''))) return { original: m[1]! + (m[2] ?? ''), engine: 'onedrive', kind: 'conflict-copy' };
  return oneDriveCopy(name);
}

/** `<stem>-<host>[-<n>].<ext>` where `<stem>.<ext>` is a library file: try each dash from the left. */
function oneDriveCopy(name: string): SyncEngineFile | null {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let dash = stem.indexOf('-'); dash > 0; dash = stem.indexOf('-', dash + 1)) {
    const original = stem.slice(0, dash) + ext;
    if (isLibraryFileName(original) && ONEDRIVE_SUFFIX.test(stem.slice(dash + 1))) return { original, engine: 'onedrive', kind: 'conflict-copy' };
  }
  return null;
}

/**
 * A file of the library whose bytes are not there yet: an empty snapshot,
 * article or index (a placeholder left by Files On-Demand or a sync that
 * created the file before filling it). An empty journal is an ordinary
 * journal with no changes, so it is not one.
 */
export function isEmptyPlaceholder(name: string, size: number): boolean {
  return size === 0 && isLibraryFileName(name) && !name.startsWith('journal.');
}

/**
 * Errors that mean "not now" rather than "damaged": a file locked by
 * another program (Windows sharing violations surface as EBUSY or EPERM
 * in Node), or a cloud file that could not be fetched in time. The reader
 * retries on the next look.
 */
export function isNotYetReadable(code: string | undefined): boolean {
  return code === 'EBUSY' || code === 'EAGAIN' || code === 'EPERM' || code === 'EACCES' || code === 'ETIMEDOUT' || code === 'ENOENT';
}
