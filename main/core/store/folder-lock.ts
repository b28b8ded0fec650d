import { readFile } from 'node:fs/promises';
import { closeSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
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
  /** Tells apart two locks of one process (inode numbers are reused at once). */
  nonce?: string;
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
      const ours = await this.acquire();
      try {
        return await change();
      } finally {
        releaseIfOurs(join(this.dir, LOCK_FILE), ours);
      }
    });
    this.tail = result.catch(() => {});
    return result;
  }

  /** Takes the lock; returns the contents of our lock file, to release only our own. */
  private async acquire(): Promise<string> {
    const path = join(this.dir, LOCK_FILE);
    const deadline = Date.now() + this.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      // Sync calls: taking a free lock is three tiny system calls, cheaper than three thread-pool trips.
      const ours = tryCreateLock(path);
      if (ours !== null) return ours;
      const stale = await staleLock(path);
      if (stale !== null) {
        breakStaleLock(path, stale);
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

/** Removes the lock file only if it is still the one we made (a stale-lock breaker may have replaced it). */
function releaseIfOurs(path: string, contents: string): void {
  try {
    if (readFileSync(path, 'utf8') === contents) unlinkSync(path);
  } catch {
    // already gone (e.g. the folder was removed)
  }
}

/**
 * Removes a lock judged stale, never a fresh one in its place. Only one
 * process at a time may break a lock (it must create `.lock.break` first);
 * it removes `.lock` only if it is still the stale file (same contents): no one
 * else can replace a lock that exists, and its dead owner cannot release it.
 */
function breakStaleLock(path: string, stale: string): void {
  const breaker = `${path}.break`;
  try {
    closeSync(openSync(breaker, 'wx'));
  } catch {
    // Someone else is breaking it; a breaker that died leaves its file, removed once clearly abandoned.
    try {
      if (Date.now() - statSync(breaker).mtimeMs > BREAKER_ABANDONED_MS) unlinkSync(breaker);
    } catch {}
    return;
  }
  try {
    if (readFileSync(path, 'utf8') === stale) unlinkSync(path);
  } catch {
    // already gone
  } finally {
    try {
      unlinkSync(breaker);
    } catch {}
  }
}

/** A lock breaker takes microseconds; one this old died while breaking. */
const BREAKER_ABANDONED_MS = 5_000;

/**
 * Creates the lock file with its owner in one step, or returns null when
 * another process holds it. The owner is written to a private file first and
 * then hard-linked to the lock's name (link fails if the name exists), so a
 * process killed at any moment never leaves an empty, ownerless lock.
 */
function tryCreateLock(path: string): string | null {
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), nonce: randomBytes(6).toString('hex') };
  const contents = JSON.stringify(owner);
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(draft, contents, { mode: 0o600 });
    try {
      linkSync(draft, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // File systems without hard links (FAT, exFAT, some network shares): create-exclusive, then write.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw error;
      writeFileSync(path, contents, { flag: 'wx', mode: 0o600 });
    }
    return contents;
  } catch (error) {
    // A folder we cannot write to fails here first: say so as a storage error.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
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

/**
 * The lock, if it is stale: its owner on this host is no longer
 * running, or (for an owner on another host, which we cannot ask) it is
 * older than any change takes. A live owner on this host is never stale,
 * however long it holds the lock. Returns its contents, or null when it is not stale.
 */
async function staleLock(path: string): Promise<string | null> {
  let mtimeMs: number;
  let contents: string;
  try {
    mtimeMs = statSync(path).mtimeMs;
    contents = readFileSync(path, 'utf8');
  } catch {
    return null; // released meanwhile: just retry
  }
  let owner: LockOwner | null = null;
  try {
    owner = JSON.parse(contents) as LockOwner;
  } catch {}
  if (owner && owner.host === hostname()) {
    return owner.pid !== process.pid && !isAlive(owner.pid) ? contents : null;
  }
  return Date.now() - mtimeMs > STALE_AFTER_MS ? contents : null;
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
