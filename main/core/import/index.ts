import { MarginaliaError } from '../../../shared/contract/errors.js';
import { decodeText } from './decode.js';
import { epubToArticle } from './epub/index.js';
import { declaredCharset } from './html/charset.js';
import { htmlToArticle } from './html/index.js';
import type { ImportedContent, ImportOptions } from './imported-content.js';
import { markdownToArticle } from './markdown/index.js';
import { plainTextToArticle } from './plain-text.js';

export type { ImportedContent, ImportOptions } from './imported-content.js';

const KINDS = new Map<string, 'text' | 'html' | 'markdown' | 'epub'>([
  ['txt', 'text'],
  ['text', 'text'],
  ['', 'text'],
  ['html', 'html'],
  ['htm', 'html'],
  ['xhtml', 'html'],
  ['md', 'markdown'],
  ['markdown', 'markdown'],
  ['epub', 'epub'],
]);

/**
 * Reads a file's bytes into an article, choosing the importer by the file's
 * type: plain text (.txt), a web page (.html, .htm, .xhtml), Markdown (.md,
 * .markdown) or an EPUB book (.epub). Every kind goes through the same
 * checks first (size, empty; binary and encoding for text); failures are
 * MarginaliaErrors a reader can understand.
 */
export function importContent(fileName: string, bytes: Uint8Array, options: ImportOptions = {}): ImportedContent {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const kind = KINDS.get(ext);
  if (!kind) {
    throw new MarginaliaError(
      'unsupported-file',
      `.${ext} files are not supported; Marginalia imports plain text (.txt), web pages (.html), Markdown (.md) and EPUB books (.epub).`,
    );
  }
  if (kind === 'epub') return epubToArticle(bytes, fileName);
  if (kind === 'html') {
    const decoded = decodeText(bytes, fileName, { declared: options.charset ?? declaredCharset(bytes), invalidUtf8: 'windows-1252' });
    const content = htmlToArticle(decoded.text, fileName, options);
    return { ...content, warnings: [...decoded.warnings, ...content.warnings] };
  }
  const decoded = decodeText(bytes, fileName, { declared: options.charset });
  if (kind === 'markdown') {
    const content = markdownToArticle(decoded.text, fileName, options);
    return { ...content, warnings: [...decoded.warnings, ...content.warnings] };
  }
  return { ...plainTextToArticle(decoded.text, fileName), warnings: decoded.warnings };
}
