import { dirname } from 'node:path';
import type { IndexEntry } from './files.js';
import { Layout } from './layout.js';
import type { DeviceId } from '../sync/index.js';
import { unavailableEntry } from './unavailable.js';

/** The layout of an article folder that sits in `folder` rather than in `articles/` (the trash). */
class FolderLayout extends Layout {
  constructor(
    private readonly folder: string,
    device: DeviceId,
  ) {
    super(dirname(folder), device);
  }
  override get articlesDir(): string {
    return this.folder;
  }
}

/**
 * What the trash lists of an article folder at `dir`: its title, source,
 * import date and highlight count, read as plain JSON without repairing
 * anything (a folder in the trash is left exactly as it was deleted).
 */
export async function entryInFolder(dir: string, articleId: string, device: DeviceId): Promise<IndexEntry> {
  const { unavailable: _, ...entry } = await unavailableEntry(new FolderLayout(dirname(dir), device), articleId, '');
  return entry;
}
