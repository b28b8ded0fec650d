import { statSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { ArticleSourceSchema } from '../../../shared/model.js';
import { ENTRY_VERSION, type IndexEntry } from './files.js';
import { readJournal, replay } from './journal.js';
import type { Layout } from './layout.js';
import { SyncRecordSchema, mergeRecords, readRecords, type SyncRecord } from '../sync/index.js';
import { folderFiles } from './article-records.js';
import { journalName } from '../sync/index.js';

/**
 * The library-list entry of an article folder whose article cannot be read
 * (see ArticleUnavailableError): what can still be learnt from its files
 * without changing them — the title, source and date its `article.json`
 * gives when it is only from a newer version, and how many highlights its
 * folder keeps.
 */
export async function unavailableEntry(layout: Layout, articleId: string, reason: string): Promise<IndexEntry> {
  const raw = rawArticle(layout.article(articleId));
  const source = ArticleSourceSchema.safeParse(raw?.source);
  const title = typeof raw?.title === 'string' && raw.title.length > 0 ? raw.title.slice(0, 1000) : `Article ${articleId}`;
  const importedAt = typeof raw?.importedAt === 'string' && !Number.isNaN(Date.parse(raw.importedAt)) ? new Date(raw.importedAt).toISOString() : folderDate(layout.articleDir(articleId));
  return {
    id: articleId,
    title,
    source: source.success ? source.data : { kind: 'file', name: articleId },
    importedAt,
    contentHash: '',
    tags: [],
    highlightCount: await highlightsKept(layout, articleId),
    highlightTags: Object.create(null) as Record<string, number>,
    stamp: null,
    unavailable: reason,
    entryVersion: ENTRY_VERSION,
  };
}

/** The `article` object of an `article.json` read as plain JSON (any version), or null. */
function rawArticle(path: string): Record<string, unknown> | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { article?: unknown };
    return typeof parsed?.article === 'object' && parsed.article !== null ? (parsed.article as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function folderDate(dir: string): string {
  try {
    return statSync(dir).mtime.toISOString();
  } catch {
    return new Date(0).toISOString();
  }
}

/** How many highlights the folder's snapshot and journal hold, read as plain JSON (0 when they cannot be read). */
async function highlightsKept(layout: Layout, articleId: string): Promise<number> {
  try {
    const snapshot = JSON.parse(readFileSync(layout.highlights(articleId), 'utf8')) as { version?: unknown; highlights?: { id?: unknown }[]; records?: unknown[] };
    const highlights = Array.isArray(snapshot.highlights) ? snapshot.highlights.filter((h) => typeof h?.id === 'string') : [];
    if (snapshot.version === 2) {
      // Version 2: its journal replayed on it.
      const journal = await readJournal(layout.legacyJournal(articleId));
      return replay(highlights as never[], journal.records).length;
    }
    // Records of every device's journal merged with the snapshot's, each checked on its own.
    const records: SyncRecord[] = [];
    for (const raw of Array.isArray(snapshot.records) ? snapshot.records : []) {
      const parsed = SyncRecordSchema.safeParse(raw);
      if (parsed.success) records.push(parsed.data as SyncRecord);
    }
    const files = folderFiles(layout.articleDir(articleId), journalName(layout.device));
    for (const path of [layout.journal(articleId), ...files.journals.map((j) => j.path)]) {
      records.push(...readRecords(readFileSafely(path)).records);
    }
    return records.length > 0 ? mergeRecords(records).highlights.length : highlights.length;
  } catch {
    return 0;
  }
}

function readFileSafely(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
