import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { syncDirectory, readFileIfExists, writeFileDurably } from './durable-file.js';
import { ARTICLE_DIR_NAME, type Layout } from './layout.js';

/**
 * Deleted articles: a deleted article's folder is moved whole into
 * `trash/` (one rename: its article, highlights, journal and earlier versions
 * together), where it can be restored from until the reader empties the
 * trash. Only emptying removes files; the article's backups go with it then.
 */

/** `trash/<id>/trashed.json`: when the article was deleted. */
const TrashedSchema = z.object({ version: z.literal(1), trashedAt: z.string().datetime() });
const TRASHED_FILE = 'trashed.json';

/** An article in the trash: its folder, and when it was deleted (absent if that file was lost). */
export interface Trashed {
  articleId: string;
  dir: string;
  trashedAt?: string;
}

export const trashDir = (layout: Layout): string => join(layout.dataDir, 'trash');

/** Moves an article's folder into the trash (call with the folder lock held). */
export async function moveToTrash(layout: Layout, articleId: string, at: Date): Promise<void> {
  const target = join(trashDir(layout), articleId);
  await mkdir(trashDir(layout), { recursive: true });
  // A folder of the same id left in the trash (restored by hand, deleted again) gives way to this one.
  if (existsSync(target)) await rm(target, { recursive: true, force: true });
  await rename(layout.articleDir(articleId), target);
  await syncDirectory(layout.articlesDir);
  await syncDirectory(trashDir(layout));
  await writeFileDurably(join(target, TRASHED_FILE), JSON.stringify({ version: 1, trashedAt: at.toISOString() }), { tempDir: layout.tempDir, folderExists: true });
}

/** Moves an article's folder back from the trash (call with the folder lock held); false if it is not there. */
export async function moveBack(layout: Layout, articleId: string): Promise<boolean> {
  const from = join(trashDir(layout), articleId);
  if (!ARTICLE_DIR_NAME.test(articleId) || !existsSync(from)) return false;
  if (existsSync(layout.articleDir(articleId))) throw new Error(`an article folder ${articleId} is already in the library`);
  await rm(join(from, TRASHED_FILE), { force: true });
  await rename(from, layout.articleDir(articleId));
  await syncDirectory(trashDir(layout));
  await syncDirectory(layout.articlesDir);
  return true;
}

/** The articles in the trash, most recently deleted first. */
export async function listTrashed(layout: Layout): Promise<Trashed[]> {
  let names: string[];
  try {
    names = (await readdir(trashDir(layout))).filter((name) => ARTICLE_DIR_NAME.test(name));
  } catch {
    return [];
  }
  const trashed: Trashed[] = [];
  for (const articleId of names) {
    const dir = join(trashDir(layout), articleId);
    const stamp = TrashedSchema.safeParse(parseOrNull(await readFileIfExists(join(dir, TRASHED_FILE))));
    trashed.push({ articleId, dir, ...(stamp.success ? { trashedAt: stamp.data.trashedAt } : {}) });
  }
  return trashed.sort((a, b) => (b.trashedAt ?? '').localeCompare(a.trashedAt ?? ''));
}

/** Removes every article in the trash, and its backups, for good (call with the folder lock held). */
export async function emptyTrash(layout: Layout): Promise<number> {
  const trashed = await listTrashed(layout);
  for (const { articleId, dir } of trashed) {
    await rm(dir, { recursive: true, force: true });
    await rm(join(layout.backupsDir, articleId), { recursive: true, force: true });
  }
  return trashed.length;
}

function parseOrNull(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
