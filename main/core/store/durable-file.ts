import { open, rename, unlink, readFile, mkdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Replaces `path` with `contents` so that after a crash the file holds either
 * the old or the new contents, never a mix: write a temp file beside it,
 * fsync it, rename it over the old one, then fsync the folder so the rename
 * itself is on disk. Resolves only once the new contents are durable.
 * Library files are private to the user (0600); exports pass 0o644.
 * `tempDir` must be on the same file system as `path`.
 */
export async function writeFileDurably(
  path: string,
  contents: string | Uint8Array,
  options: { mode?: number; tempDir?: string; folderExists?: boolean } = {},
): Promise<void> {
  const dir = dirname(path);
  if (!options.folderExists) await mkdir(dir, { recursive: true });
  // A store keeps its temp files in one folder it can clear at open; others write beside the target.
  const temp = join(options.tempDir ?? dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, options.mode ?? 0o600);
  try {
    await handle.writeFile(contents);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  await syncDirectory(dir);
}

/** fsyncs a folder so that a rename inside it survives a power cut (a no-op where the OS refuses). */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch {
    // Windows cannot open folders for fsync; NTFS journals renames itself.
  } finally {
    await handle?.close().catch(() => {});
  }
}

/** Reads a file as UTF-8, or null when it does not exist. */
export async function readFileIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
