import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';

const made: string[] = [];
const madeForSuite: string[] = [];
const cleanups: (() => Promise<unknown>)[] = [];

/** Runs `cleanup` after the test, before its temp folders are removed (e.g. closing a library). */
export function onCleanup(cleanup: () => Promise<unknown>): void {
  cleanups.push(cleanup);
}

/** A fresh real folder under the OS temp dir, removed after the test. */
export async function tempDir(prefix = 'marginalia-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A fresh real folder that lasts until the end of the test file (for a state built once in `beforeAll`). */
export async function suiteTempDir(prefix = 'marginalia-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  madeForSuite.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(madeForSuite.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

afterEach(async () => {
  // Last registered, first undone (a library is closed before the disk under it is unmounted).
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((e) => console.warn('cleanup:', e));
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** The team's corpus folder beside the checkout. */
export const corpus = (path: string): string => new URL(`../../../shared/corpus/${path}`, import.meta.url).pathname;

/** The embedded default article. */
export const SAMPLE_ARTICLE = new URL('../../assets/putin-obama-syria.txt', import.meta.url).pathname;
