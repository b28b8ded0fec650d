import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import type { DocumentJSON } from '../../shared/model.js';
import type { Library } from '../core/index.js';
import { UsageError, type Args } from './commands.js';

type Out = (line: string) => void;

/**
 * `text ID [--body]`: the article's text as the reader shows it, one block
 * a line (the title first; with --body without it). A line break inside a
 * paragraph starts a new line too, as it does on screen.
 */
export async function textCommand(library: Library, args: Args, out: Out): Promise<void> {
  if (args.positionals.length !== 1) throw new UsageError('expected exactly one ARTICLE_ID');
  const { article } = await library.getArticle(args.positionals[0]!);
  const text = readerText(article.document, { body: args.flags.has('body') });
  if (text !== '') out(text);
}

/**
 * The text the reader shows, blocks joined by line breaks (the same text
 * highlights are anchored in). `body` leaves out the title, the document's
 * first block, as the extraction benchmark's ground truth does.
 */
export function readerText(document: DocumentJSON, { body = false } = {}): string {
  const doc = documentFromJSON(document);
  const { text } = articleText(doc);
  if (!body || doc.firstChild?.type.name !== 'title') return text;
  const titleEnd = doc.firstChild.textContent.length;
  return text.slice(titleEnd + 1);
}
