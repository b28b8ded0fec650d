import type { ArticleMetadata, DocumentJSON } from '../../../shared/model.js';

/** What an import produced: the article content and any warnings for the reader. */
export interface ImportedContent {
  title: string;
  /** ProseMirror JSON that fits the article schema: a title, then blocks. */
  document: DocumentJSON;
  warnings: string[];
  metadata?: ArticleMetadata;
}

/** What an importer may know about a file besides its bytes. */
export interface ImportOptions {
  /**
   * The folder the file was in. Pictures a page or Markdown file references
   * by a relative path are read from inside this folder (never outside it).
   */
  baseDir?: string;
  /**
   * The address a web page was saved from, if known: relative links are
   * resolved against it (otherwise against the page's canonical address).
   * It is only data; nothing is fetched.
   */
  pageUrl?: string;
  /**
   * The encoding the server named for fetched bytes (its Content-Type
   * header's charset): used, as browsers do, before the page's own
   * `<meta charset>`; a byte-order mark or valid UTF-8 still come first.
   */
  charset?: string;
}
