import { dirname } from 'node:path';
import type { IndexEntry } from './files.js';
import { Layout } from './layout.js';
import { unavailableEntry } from './unavailable.js';

/** The layout of an article folder that sits in `folder` rather than in `articles/` (the trash). */
class FolderLayout extends Layout {
  constructor(private readonly folder: string) {
    super(dirname(folder));
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
export async function entryInFolder(dir: string, articleId: string): Promise<IndexEntry> {
  const { unavailable: _, ...entry } = await unavailableEntry(new FolderLayout(dirname(dir)), articleId, '');
  return entry;
}
