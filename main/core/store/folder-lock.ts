import { open, readFile, unlink, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
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
        await unlink(join(this.dir, LOCK_FILE)).catch(() => {});
      }
    });
    this.tail = result.catch(() => {});
    return result;
  }

  private async acquire(): Promise<void> {
    const path = join(this.dir, LOCK_FILE);
    const deadline = Date.now() + this.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
        const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
        await handle.writeFile(JSON.stringify(owner));
        await handle.close();
        return;
      } catch (error) {
        // A folder we cannot write to fails here first: say so as a storage error.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw storageError(error);
      }
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
