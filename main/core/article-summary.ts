import type { Article, ArticleSummary } from '../../shared/model.js';
import { summaryMetadata, type IndexEntry } from './store/index.js';

/** The summary the library list shows (counts come from the index entry when there is one). */
export function summaryOf(entry: IndexEntry | Article): ArticleSummary {
  return {
    id: entry.id,
    title: entry.title,
    source: entry.source,
    importedAt: entry.importedAt,
    contentHash: entry.contentHash,
    tags: entry.tags,
    ...('highlightCount' in entry
      ? definedOnly({
          byline: entry.byline,
          url: entry.url,
          siteName: entry.siteName,
          published: entry.published,
          identifier: entry.identifier,
          version: entry.version,
          unavailable: entry.unavailable,
        })
      : summaryMetadata(entry)),
    highlightCount: 'highlightCount' in entry ? entry.highlightCount : 0,
    ...('highlightCount' in entry && entry.unavailable === undefined
      ? {
          highlightTags: entry.highlightTags,
          notedCount: entry.notedCount ?? 0,
          orphanedCount: entry.orphanedCount ?? 0,
          highlightColors: entry.highlightColors ?? {},
        }
      : {}),
  };
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
