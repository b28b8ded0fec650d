import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDirectory } from './durable-file.js';
import type { Layout } from './layout.js';

/**
 * What Syncthing should not carry between devices: each device's own
 * temp files, lock and process marks (short-lived, and meaningless on
 * another disk) and the Electron profile. Syncthing reads `.stignore` in
 * the folder's root and never syncs the file itself; other engines ignore
 * it, and lose nothing by copying these (every device has its own folder
 * under `devices/`, so none is written by two devices).
 */
const STIGNORE = `// Written by Marginalia: files only this device uses. Lines you add below are kept.
(?d)devices/*/.tmp
(?d)devices/*/.lock
(?d)devices/*/.dirty
(?d).electron-profile
(?d).syncthing.*.tmp
`;

/**
 * Makes this device's folder (`devices/<id>/`), and brings what version 2
 * kept for the whole folder into it: the backups (renamed, so that old
 * repairs can still use them), the reader's settings, reading places, undo
 * history and search index, and the index (a cache: left for the rebuild,
 * under a name no build reads). Safe to repeat after a crash.
 */
export async function prepareDeviceFolder(layout: Layout): Promise<void> {
  const fresh = !existsSync(layout.deviceDir);
  await mkdir(layout.deviceDir, { recursive: true });
  if (fresh) {
    if (existsSync(layout.legacyBackupsDir) && !existsSync(layout.backupsDir)) await rename(layout.legacyBackupsDir, layout.backupsDir);
    if (existsSync(layout.legacyIndex)) await rename(layout.legacyIndex, join(layout.deviceDir, 'library.v2.json'));
    // The reader's settings, reading places and undo history become this device's.
    for (const name of ['settings.json', 'reading.json', 'undo.json', 'search']) {
      const from = join(layout.dataDir, name);
      if (existsSync(from) && !existsSync(join(layout.deviceDir, name))) await rename(from, join(layout.deviceDir, name));
    }
    await syncDirectory(layout.dataDir);
    await syncDirectory(layout.deviceDir);
  }
  const stignore = join(layout.dataDir, '.stignore');
  if (!existsSync(stignore)) await writeFile(stignore, STIGNORE, { mode: 0o644 }).catch(() => {});
}
