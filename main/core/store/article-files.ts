import { mkdir, rm } from 'node:fs/promises';
import type { Article } from '../../../shared/model.js';
import type { Backups } from './backups.js';
import { syncDirectory, writeFileDurably } from './durable-file.js';
import { ArticleFileSchema, HighlightsFileSchema, STORE_VERSION, type HighlightsFile } from './files.js';
import type { Layout } from './layout.js';
import { emptySnapshot } from './article-records.js';
import { writeJSON } from './read-file.js';

/**
 * Writes a new article's folder: an empty highlights file, then
 * `article.json`, then its backup copy. Call with the folder lock held. An
 * import cut short leaves nothing behind. `documentJSON`, when given, is
 * `article.document` already serialised (see articleFileBytes).
 */
export async function writeArticleFolder(layout: Layout, backups: Backups, article: Article, documentJSON?: Uint8Array): Promise<HighlightsFile> {
  const dir = layout.articleDir(article.id);
  try {
    await mkdir(dir, { recursive: true });
    await syncDirectory(layout.articlesDir);
    const highlights: HighlightsFile = emptySnapshot(article.id);
    // Highlights first: an article.json on disk always has its highlights file beside it.
    await writeJSON(layout.highlights(article.id), HighlightsFileSchema, highlights, layout.tempDir);
    if (documentJSON) {
      await writeFileDurably(layout.article(article.id), articleFileBytes(article, documentJSON), { tempDir: layout.tempDir, folderExists: true });
    } else {
      await writeJSON(layout.article(article.id), ArticleFileSchema, { version: STORE_VERSION, article }, layout.tempDir);
    }
    // A copy, not a link: a link would share the inode that a re-import later replaces.
    await backups.keep(layout.article(article.id), article.id, 'article', 0, { copy: true });
    return highlights;
  } catch (error) {
    // An article without article.json is never listed anyway; this only tidies.
    await rm(dir, { recursive: true, force: true }).catch(() => {});
    throw error;
  }
}

/**
 * Replaces `article.json` by the next version of the article, keeping the
 * previous one as `article.v<N>.json` beside it and a backup copy of the new
 * one. Call with the folder lock held.
 */
export async function writeArticleVersion(layout: Layout, backups: Backups, previous: Article, next: Article): Promise<void> {
  const { tempDir } = layout;
  await writeJSON(layout.articleVersion(next.id, previous.version ?? 1), ArticleFileSchema, { version: STORE_VERSION, article: previous }, tempDir);
  await writeJSON(layout.article(next.id), ArticleFileSchema, { version: STORE_VERSION, article: next }, tempDir);
  await backups.keep(layout.article(next.id), next.id, 'article', (next.version ?? 1) - 1, { copy: true });
}

/**
 * Replaces `article.json` by the same version of the article under the
 * reader's title, and its backup copy. Call with the folder lock held.
 */
export async function writeRenamedArticle(layout: Layout, backups: Backups, next: Article): Promise<void> {
  await writeJSON(layout.article(next.id), ArticleFileSchema, { version: STORE_VERSION, article: next }, layout.tempDir);
  await backups.keep(layout.article(next.id), next.id, 'article', (next.version ?? 1) - 1, { copy: true });
}

/**
 * `article.json` for `article`, whose document is given already serialised
 * (by the import worker): the same JSON as writing the file whole, with the
 * document last. Serialising a 49 MB article here held the thread that
 * serves the windows for over 100 ms; this only copies bytes.
 */
export function articleFileBytes(article: Article, documentJSON: Uint8Array): Uint8Array {
  const { document: _, ...rest } = article;
  const head = JSON.stringify({ version: STORE_VERSION, article: rest });
  // head ends with the article's closing brace and the file's: the document goes before them.
  return Buffer.concat([Buffer.from(`${head.slice(0, -2)},"document":`), documentJSON, Buffer.from('}}')]);
}
