import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import type { DocumentJSON } from '../../shared/model.js';

/**
 * The text the reader shows, blocks joined by line breaks (the same text
 * highlights are anchored in). `body` leaves out the title, the document's
 * first block, as the extraction benchmark's ground truth does.
 */
export function readerText(document: DocumentJSON, { body = false } = {}): string {
  const doc = documentFromJSON(document);
  const { text } = articleText(doc);
  if (!body || doc.firstChild?.type.name !== 'title') return text;
  return text.slice(doc.firstChild.textContent.length + 1);
}
