import { Low } from 'lowdb';
import { mkdir, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { closeSync, openSync, readSync } from 'node:fs';
import { SNAPSHOT_VERSION } from './files.js';
import type { z } from 'zod';
import { ValidatedJSONFile } from './json-adapter.js';
import { refuseFutureVersions } from './migrations.js';

/** A lowdb database over one validated, durably written JSON file. */
export function jsonFile<T>(
  path: string,
  schema: z.ZodType<T>,
  options: { migrate?: (raw: unknown) => unknown; tempDir?: string } = {},
): Low<T | null> {
  const migrate = options.migrate ?? refuseFutureVersions(path);
  return new Low(new ValidatedJSONFile(path, schema.nullable(), migrate, options.tempDir), null);
}

/** Writes a store file durably through lowdb (temp file in `tempDir`, fsync, rename, fsync). */
export async function writeJSON<T>(path: string, schema: z.ZodType<T>, data: T, tempDir: string): Promise<void> {
  const db = jsonFile(path, schema, { tempDir });
  db.data = data;
  await db.write();
}

/** Moves a damaged file into `quarantineDir` under a dated name; returns where it went. */
export async function quarantine(path: string, quarantineDir: string, label = basename(path)): Promise<string> {
  await mkdir(quarantineDir, { recursive: true });
  const target = join(quarantineDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${label}`);
  await rename(path, target);
  return target;
}

/** Whether a snapshot file begins as this version writes it (a cheap check of its first bytes). */
export function snapshotLooksCurrent(path: string): boolean {
  const expected = `{"version":${SNAPSHOT_VERSION},`;
  const head = Buffer.alloc(expected.length);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    return readSync(fd, head, 0, head.length, 0) === head.length && head.toString() === expected;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
