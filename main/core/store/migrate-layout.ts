import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDirectory } from './durable-file.js';
import { ArticleFileSchema, HighlightsFileSchema, STORE_VERSION, type HighlightsFile } from './files.js';
import { LEGACY_ARTICLE_FILE, type Layout } from './layout.js';
import { emptySnapshot } from './article-records.js';
import { legacyRecords } from './legacy-highlights.js';
import { ArticleFileV1Schema } from './migrations.js';
import { quarantine, writeJSON } from './read-file.js';
import type { Recovery } from './recoveries.js';

/**
 * Moves version 1 articles (`articles/<id>.json`, article and highlights in
 * one file) to the version 2 layout (`articles/<id>/article.json` and
 * `highlights.json`). Call with the folder lock held. Safe to repeat after a
 * crash: the old file stays the source of truth until the new files are
 * durable, and is then kept in `backups/<id>/legacy-v1.json`, not deleted.
 */
export async function migrateLegacyArticles(layout: Layout): Promise<{ migrated: number; recoveries: Recovery[] }> {
  const recoveries: Recovery[] = [];
  let migrated = 0;
  for (const name of await readdir(layout.articlesDir)) {
    const id = LEGACY_ARTICLE_FILE.exec(name)?.[1];
    if (!id) continue;
    const path = layout.legacyArticle(id);
    let v1;
    try {
      v1 = ArticleFileV1Schema.parse(JSON.parse(await readFile(path, 'utf8')));
    } catch (error) {
      const moved = await quarantine(path, layout.quarantineDir);
      recoveries.push({
        at: new Date().toISOString(),
        file: path,
        quarantinedTo: moved,
        restoredFrom: null,
        reason: `could not be migrated from format version 1: ${(error as Error).message.split('\n')[0]}`,
      });
      continue;
    }
    await mkdir(layout.articleDir(id), { recursive: true });
    await syncDirectory(layout.articlesDir);
    const highlights: HighlightsFile = { ...emptySnapshot(id), highlights: v1.highlights, records: legacyRecords(v1.highlights, layout.device) };
    await writeJSON(layout.highlights(id), HighlightsFileSchema, highlights, layout.tempDir);
    await writeJSON(layout.article(id), ArticleFileSchema, { version: STORE_VERSION, article: v1.article }, layout.tempDir);
    const kept = join(layout.backupsDir, id);
    await mkdir(kept, { recursive: true });
    await rename(path, join(kept, 'legacy-v1.json'));
    await syncDirectory(layout.articlesDir);
    migrated++;
  }
  return { migrated, recoveries };
}
