import { closeSync, openSync, readdirSync, unlinkSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDirectory } from './durable-file.js';

/**
 * Marks, one file per process (`.dirty/<pid>`), that a process has changed
 * highlights not yet counted in `library.json`. A mark is made durable before
 * the first such change is acknowledged and removed once the index is
 * written. Opening a library without marks can trust its index as it is; with
 * marks (a process died, or is still running), it checks every article.
 */
export class DirtyMarks {
  private marked = false;

  constructor(private readonly dir: string) {}

  /** Makes this process's mark durable, once per index write. */
  async mark(): Promise<void> {
    if (this.marked) return;
    await mkdir(this.dir, { recursive: true });
    closeSync(openSync(join(this.dir, String(process.pid)), 'w'));
    await syncDirectory(this.dir);
    this.marked = true;
  }

  /** Removes this process's mark (after the index was written). */
  clear(): void {
    if (!this.marked) return;
    try {
      unlinkSync(join(this.dir, String(process.pid)));
    } catch {
      // already gone
    }
    this.marked = false;
  }

  /** The pids of all marks. */
  list(): number[] {
    try {
      return readdirSync(this.dir).map(Number).filter((pid) => Number.isInteger(pid));
    } catch {
      return [];
    }
  }

  /** Removes the marks of processes that are no longer running (their changes are now in the index). */
  clearDead(isAlive: (pid: number) => boolean): void {
    for (const pid of this.list()) {
      if (pid === process.pid || isAlive(pid)) continue;
      try {
        unlinkSync(join(this.dir, String(pid)));
      } catch {}
    }
  }
}
