import type { ArticleMetadata } from '../../../shared/model.js';
import { MarginaliaError } from '../../../shared/contract/errors.js';
import { decodeText } from './decode.js';
import { plainTextToArticle, type TextArticle } from './plain-text.js';

/** What an import produced: the article content and any warnings for the reader. */
export interface ImportedContent extends TextArticle {
  warnings: string[];
  metadata?: ArticleMetadata;
}

const TEXT_EXTENSIONS = new Set(['txt', 'text']);
const LATER = new Map([
  ['html', 'HTML'],
  ['htm', 'HTML'],
  ['xhtml', 'HTML'],
  ['md', 'Markdown'],
  ['markdown', 'Markdown'],
]);

/** Reads a file's bytes into an article, choosing the importer by the file's type. */
export function importContent(fileName: string, bytes: Uint8Array): ImportedContent {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const later = LATER.get(ext);
  if (later) {
    throw new MarginaliaError(
      'unsupported-file',
      `${later} import is not supported yet; for now Marginalia imports plain-text (.txt) files.`,
    );
  }
  if (ext !== '' && !TEXT_EXTENSIONS.has(ext)) {
    throw new MarginaliaError('unsupported-file', `.${ext} files are not supported; Marginalia imports plain-text (.txt) files.`);
  }
  const decoded = decodeText(bytes, fileName);
  return { ...plainTextToArticle(decoded.text, fileName), warnings: decoded.warnings };
}
