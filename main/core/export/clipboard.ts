import type { Article, Highlight } from '../../../shared/model.js';
import { blockQuote, markdownLine } from './escape.js';
import { marginaliaLink } from './fields.js';
import { markdownLink } from './helpers.js';

/**
 * One highlight as a Markdown quote to paste anywhere ("Copy as quote"): the
 * passage as a block quote, then a citation line inside the quote linking
 * back to it with `marginalia://article/<articleId>#<highlightId>` (which
 * opens the article at the highlight), and to the original page when the
 * article has a web address.
 */
export function quoteForClipboard(article: Article, highlight: Highlight): string {
  const citation = [`— [${markdownLine(article.title)}](${marginaliaLink(article.id, highlight.id)})`];
  const url = article.metadata?.url;
  if (url && /^https?:\/\//i.test(url)) citation.push(markdownLink(article.metadata?.siteName ?? 'source', url));
  return `${blockQuote(highlight.target.quote.exact)}\n>\n> ${citation.join(', ')}\n`;
}
