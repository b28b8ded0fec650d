import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { linkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/** How many earlier generations of each highlights file are kept. */
export const GENERATIONS_KEPT = 5;

/**
 * Rolling backups of store files under `backups/<articleId>/`. Before a file
 * is replaced, its current contents are kept as a generation — by a hard
 * link, which costs no copy: the rename that follows gives the live name a
 * new file and leaves the old one to the backup name.
 */
export class Backups {
  private readonly made = new Set<string>();

  constructor(private readonly dir: string) {}

  /** Keeps the file at `path` as generation `generation` of `articleId/name`, pruning old ones. */
  async keep(path: string, articleId: string, name: string, generation: number, options: { copy?: boolean } = {}): Promise<void> {
    const folder = join(this.dir, articleId);
    const target = join(folder, `${name}.${generation}.json`);
    if (!this.made.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.made.add(folder);
    }
    try {
      if (options.copy) {
        await copyFile(path, target);
        return;
      }
      // Metadata-only calls are cheaper done directly than through the thread pool.
      linkSync(path, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return; // nothing to keep yet
      if (code !== 'EEXIST') await copyFile(path, target).catch(() => {}); // file systems without hard links
    }
    if (generation >= GENERATIONS_KEPT) {
      try {
        unlinkSync(join(folder, `${name}.${generation - GENERATIONS_KEPT}.json`));
      } catch {
        // already pruned
      }
    }
  }

  /** Backup files of `articleId/name`, newest first. */
  async generations(articleId: string, name: string): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(join(this.dir, articleId));
    } catch {
      return [];
    }
    const pattern = new RegExp(`^${name}\\.(\\d+)\\.json$`);
    return names
      .map((n) => ({ n, gen: Number(pattern.exec(n)?.[1] ?? NaN) }))
      .filter((x) => !Number.isNaN(x.gen))
      .sort((a, b) => b.gen - a.gen)
      .map((x) => join(this.dir, articleId, x.n));
  }
}
