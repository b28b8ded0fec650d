import { createHash } from 'node:crypto';
import { documentFromJSON } from '../../../shared/article-schema.js';
import { articleText } from '../../../shared/article-text.js';
import type { ImportedContent, ImportOptions } from './imported-content.js';
import { importContent } from './index.js';

/**
 * An import ready to be stored: the content, and everything the library
 * would otherwise work out from it on the thread that serves the windows
 * (for a 49 MB file: the schema check, the article text, its hash and the
 * JSON to write took that thread 400 ms in one go).
 */
export interface PreparedImport {
  content: ImportedContent;
  /** The article text, as selectors address it (`articleText` of the checked document). */
  text: string;
  /** sha256 of `text`, in hex: the article's contentHash. */
  contentHash: string;
  /** `content.document` as UTF-8 JSON, exactly as the store writes it. */
  documentJSON: Uint8Array;
}

/**
 * Imports a file (see importContent), checks the document against the
 * article schema, and derives its text, hash and JSON. Runs on the import
 * worker in the app, in the calling thread in tests and the CLI.
 */
export function prepareImport(fileName: string, bytes: Uint8Array, options: ImportOptions = {}): PreparedImport {
  const content = importContent(fileName, bytes, options);
  const text = articleText(documentFromJSON(content.document)).text;
  return {
    content,
    text,
    contentHash: createHash('sha256').update(text).digest('hex'),
    // TextEncoder gives the bytes a buffer of their own, so the worker can hand it over without a copy.
    documentJSON: new TextEncoder().encode(JSON.stringify(content.document)),
  };
}
