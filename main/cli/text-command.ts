import type { Library } from '../core/index.js';
import { UsageError, type Args } from './commands.js';
import { readerText } from './reader-text.js';

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
