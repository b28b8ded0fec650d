import { readFile, unlink, stat } from 'node:fs/promises';
import { linkSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { MarginaliaError } from '../../../shared/contract/errors.js';
import { storageError } from './store-errors.js';

const LOCK_FILE = '.lock';

/** How long a writer may hold the lock before others treat it as abandoned. */
const STALE_AFTER_MS = 30_000;

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/**
 * Serialises writers to one data folder, across processes (the app and the
 * CLI) and within this one. The lock is held only for the length of one
 * change; a lock left by a process that died is recovered.
 */
export class FolderLock {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly timeoutMs = 10_000,
  ) {}

  /** Runs `change` while holding the folder's lock. */
  run<T>(change: () => Promise<T>): Promise<T> {
    const result = this.tail.then(async () => {
      await this.acquire();
      try {
        return await change();
      } finally {
        try {
          unlinkSync(join(this.dir, LOCK_FILE));
        } catch {
          // already gone (e.g. the folder was removed)
        }
      }
    });
    this.tail = result.catch(() => {});
    return result;
  }

  private async acquire(): Promise<void> {
    const path = join(this.dir, LOCK_FILE);
    const deadline = Date.now() + this.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      // Sync calls: taking a free lock is three tiny system calls, cheaper than three thread-pool trips.
      if (tryCreateLock(path)) return;
      if (await isStale(path)) {
        await unlink(path).catch(() => {});
        continue;
      }
      if (Date.now() > deadline) {
        const owner = await readOwner(path);
        throw new MarginaliaError(
          'locked',
          `The library at ${this.dir} is busy (locked by process ${owner?.pid ?? 'unknown'}); try again.`,
        );
      }
      await new Promise((r) => setTimeout(r, Math.min(50, 2 + attempt * 2)));
    }
  }
}

/**
 * Creates the lock file with its owner in one step, or returns false when
 * another process holds it. The owner is written to a private file first and
 * then hard-linked to the lock's name (link fails if the name exists), so a
 * process killed at any moment never leaves an empty, ownerless lock.
 */
function tryCreateLock(path: string): boolean {
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(draft, JSON.stringify(owner), { mode: 0o600 });
    linkSync(draft, path);
    return true;
  } catch (error) {
    // A folder we cannot write to fails here first: say so as a storage error.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw storageError(error);
  } finally {
    try {
      unlinkSync(draft);
    } catch {
      // never written (full disk, read-only folder)
    }
  }
}

async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

/** A lock is stale when its owner on this host is gone, or it is older than any change takes. */
async function isStale(path: string): Promise<boolean> {
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(path)).mtimeMs;
  } catch {
    return false; // released meanwhile: just retry
  }
  const owner = await readOwner(path);
  if (owner && owner.host === hostname() && owner.pid !== process.pid && !isAlive(owner.pid)) return true;
  // An unreadable owner right after creation is a writer mid-write; give it time.
  return Date.now() - mtimeMs > STALE_AFTER_MS;
}

/** Whether a process of this host is running. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
