import type { Article, Highlight } from '../../../shared/model.js';
import { blockQuote, markdownLine } from './escape.js';
import { marginaliaLink } from './fields.js';
import { markdownLink } from './helpers.js';
import { isOrphaned } from './order.js';

/**
 * One highlight as a Markdown quote to paste anywhere ("Copy as quote"): the
 * passage as a block quote, then a citation line inside the quote linking
 * back to it with `marginalia://article/<articleId>#<highlightId>` (which
 * opens the article at the highlight), and to the original page when the
 * article has a web address. An orphaned highlight's citation says that the
 * passage is no longer in the article (the link opens the article, not it).
 */
export function quoteForClipboard(article: Article, highlight: Highlight): string {
  const citation = [`— [${markdownLine(article.title)}](${marginaliaLink(article.id, highlight.id)})`];
  const url = article.metadata?.url;
  if (url && /^https?:\/\//i.test(url)) citation.push(markdownLink(article.metadata?.siteName ?? 'source', url));
  const orphaned = isOrphaned(highlight) ? ' (orphaned: this passage is no longer in the article)' : '';
  return `${blockQuote(highlight.target.quote.exact)}\n>\n> ${citation.join(', ')}${orphaned}\n`;
}
