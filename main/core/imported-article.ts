import { basename, dirname } from 'node:path';
import type { ImportResponse } from '../../shared/contract/schemas.js';
import type { Article, ArticleSummary } from '../../shared/model.js';
import type { ImportOptions } from './import/index.js';
import type { PreparedImport } from './import/prepared.js';
import { newArticleId } from './ids.js';
import type { NewVersionReport } from './new-version.js';

/** What is imported: a file's name and bytes, and where they came from. */
export interface ImportInput {
  fileName: string;
  bytes: Uint8Array;
  /** The file's absolute path, when known: pictures it references are read from beside it. */
  path?: string;
  kind?: 'file' | 'embedded';
  /** Set when the bytes were fetched from a web address: the address asked for, where redirects ended, and the charset its server named. */
  address?: { url: string; finalUrl: string; charset?: string };
}

/** What an import returns: the article's summary, any warnings, and what a re-import did. */
export interface ImportResult {
  summary: ArticleSummary;
  warnings: string[];
  newVersion?: NewVersionReport & { unchanged: boolean };
  /** Set when the file was another app's highlights (see ImportResponse). */
  clippings?: ImportResponse['clippings'];
}

/** The file's own name, whatever folder or platform it was given with. */
export const importedFileName = (input: ImportInput): string => basename(input.fileName.replace(/\\/g, '/'));

/** What the importer is told besides the bytes: the file's folder (for its pictures), the page's final address and charset. */
export function importOptions(input: ImportInput): ImportOptions {
  return {
    ...(input.path ? { baseDir: dirname(input.path) } : {}),
    ...(input.address ? { pageUrl: input.address.finalUrl, ...(input.address.charset && { charset: input.address.charset }) } : {}),
  };
}

/** The new article an import makes (a new version keeps an existing one's id instead: see Library.importNewVersion). */
export function importedArticle(input: ImportInput, prepared: PreparedImport, importedAt: Date): Article {
  const { content } = prepared;
  const fileName = importedFileName(input);
  const source: Article['source'] = input.address
    ? { kind: 'address', name: fileName, url: input.address.url }
    : { kind: input.kind ?? 'file', name: fileName, ...(input.path ? { path: input.path } : {}) };
  return {
    id: newArticleId(),
    title: content.title,
    source,
    ...(content.metadata && Object.keys(content.metadata).length > 0 ? { metadata: content.metadata } : {}),
    importedAt: importedAt.toISOString(),
    contentHash: prepared.contentHash,
    tags: [],
    document: content.document,
  };
}
