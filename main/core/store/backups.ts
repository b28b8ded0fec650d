import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { linkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurably } from './durable-file.js';
import { recordLine, type SyncRecord } from '../sync/index.js';

/** How many earlier generations of each highlights file are kept (with the changes that followed each). */
export const GENERATIONS_KEPT = 5;

/**
 * Rolling backups of store files under `devices/<this device>/backups/<articleId>/`
 * (each device keeps its own: generation numbers are its own). Before a file
 * is replaced, its current contents are kept as a generation — by a hard
 * link, which costs no copy: the rename that follows gives the live name a
 * new file and leaves the old one to the backup name.
 *
 * Beside each highlights generation N, `changes.N.jsonl` keeps the journal
 * that was folded into it to make generation N+1 (journal lines, each with its
 * checksum). A damaged snapshot is rebuilt from the newest good generation
 * and the changes after it, so that nothing acknowledged is lost with it.
 */
export class Backups {
  private readonly made = new Set<string>();

  constructor(readonly dir: string) {}

  /** Keeps the file at `path` as generation `generation` of `articleId/name`, pruning old ones. */
  async keep(path: string, articleId: string, name: string, generation: number, options: { copy?: boolean } = {}): Promise<void> {
    const target = join(await this.folder(articleId), `${name}.${generation}.json`);
    try {
      if (options.copy) {
        await copyFile(path, target);
        return;
      }
      // Metadata-only calls are cheaper done directly than through the thread pool.
      linkWithReplace(path, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return; // nothing to keep yet
      await copyFile(path, target).catch(() => {}); // file systems without hard links
    }
    if (generation >= GENERATIONS_KEPT) removeQuietly(join(this.dir, articleId, `${name}.${generation - GENERATIONS_KEPT}.json`));
  }

  /** Keeps, durably, the records folded into generation `generation` to make the next one (those it did not hold). */
  async keepChanges(articleId: string, generation: number, records: readonly SyncRecord[], tempDir: string): Promise<void> {
    const folder = await this.folder(articleId);
    await writeFileDurably(join(folder, `changes.${generation}.jsonl`), records.map(recordLine).join(''), { tempDir, folderExists: true });
    if (generation >= GENERATIONS_KEPT) removeQuietly(join(folder, `changes.${generation - GENERATIONS_KEPT}.jsonl`));
  }

  /** Backup files of `articleId/name`, newest first, with their generation. */
  async generations(articleId: string, name: string): Promise<{ generation: number; path: string }[]> {
    return (await this.numbered(articleId, new RegExp(`^${name}\\.(\\d+)\\.json$`))).reverse();
  }

  /** The kept changes of `articleId`, oldest first: `generation` is the one they were folded into. */
  changes(articleId: string): Promise<{ generation: number; path: string }[]> {
    return this.numbered(articleId, /^changes\.(\d+)\.jsonl$/);
  }

  /** A file of `articleId`'s backups, by name. */
  path(articleId: string, name: string): string {
    return join(this.dir, articleId, name);
  }

  private async numbered(articleId: string, pattern: RegExp): Promise<{ generation: number; path: string }[]> {
    let names: string[];
    try {
      names = await readdir(join(this.dir, articleId));
    } catch {
      return [];
    }
    return names
      .map((n) => ({ n, generation: Number(pattern.exec(n)?.[1] ?? NaN) }))
      .filter((x) => !Number.isNaN(x.generation))
      .sort((a, b) => a.generation - b.generation)
      .map((x) => ({ generation: x.generation, path: join(this.dir, articleId, x.n) }));
  }

  private async folder(articleId: string): Promise<string> {
    const folder = join(this.dir, articleId);
    if (!this.made.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.made.add(folder);
    }
    return folder;
  }
}

/**
 * Links `path` as `target`. A name already there is replaced: it is either
 * this same file (a fold cut short after its link) or a generation number a
 * repair has since reused, whose contents the live file now holds.
 */
function linkWithReplace(path: string, target: string): void {
  try {
    linkSync(path, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    unlinkSync(target);
    linkSync(path, target);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already pruned
  }
}
