import { MarginaliaError } from '../../../shared/contract/errors.js';
import { filterWords, highlightMatches, isTagUnder, type HighlightFilter } from '../../../shared/highlight-filter.js';
import type { Article, ArticleSummary, ArticleWithHighlights, Highlight } from '../../../shared/model.js';
import type { ColorNames } from '../../../shared/settings.js';
import type { RenderedPage } from './page.js';
import type { ExportTemplate } from './template.js';

/** Where exports read articles from: the Library has these two methods. */
export interface ArticleSource {
  listArticles(): Promise<ArticleSummary[]>;
  getArticle(articleId: string): Promise<ArticleWithHighlights>;
}

/**
 * Which articles a folder export writes:
 * - `articles`: these articles, with all their highlights;
 * - `tag`: every article tagged with it (all its highlights), and every other
 *   article with highlights tagged with it (only those highlights);
 * - `all`: the whole library;
 * - `highlights`: the highlights a filter keeps (the "All highlights" view's),
 *   in the articles that have any.
 */
export type Selection = { articles: string[] } | { tag: string } | { all: true } | { highlights: HighlightFilter };

/** The articles a selection may include, oldest import first (so first-time file names follow import order). */
export async function candidatesOf(source: ArticleSource, selection: Selection): Promise<ArticleSummary[]> {
  const all = (await source.listArticles()).sort((a, b) => a.importedAt.localeCompare(b.importedAt) || a.id.localeCompare(b.id));
  if ('highlights' in selection) return all.filter((a) => mayHold(a, selection.highlights));
  if (!('articles' in selection)) return all;
  const byId = new Map(all.map((a) => [a.id, a]));
  return [...new Set(selection.articles)].map((id) => {
    const summary = byId.get(id);
    if (!summary) throw new MarginaliaError('not-found', `No article with id ${id}.`);
    return summary;
  });
}

/** Whether an article may hold highlights a filter keeps, by its summary's counts (the rest are not read at all). */
function mayHold(summary: ArticleSummary, filter: HighlightFilter): boolean {
  if (summary.unavailable !== undefined || summary.highlightCount === 0) return false;
  if (filter.articleId !== undefined && summary.id !== filter.articleId) return false;
  if (filter.tag !== undefined && summary.highlightTags && !Object.keys(summary.highlightTags).some((t) => isTagUnder(t, filter.tag!))) return false;
  if (filter.noted && summary.notedCount === 0) return false;
  if (filter.orphaned && summary.orphanedCount === 0) return false;
  return true;
}

/** The highlights of an article that a selection exports, or null when the article is not exported at all. */
export function selectedHighlights(article: Article, highlights: Highlight[], selection: Selection): Highlight[] | null {
  if ('highlights' in selection) {
    const words = filterWords(selection.highlights);
    const kept = highlights.filter((h) => highlightMatches(h, selection.highlights, words));
    return kept.length > 0 ? kept : null;
  }
  if (!('tag' in selection)) return highlights;
  const tag = selection.tag.replace(/^#/, '');
  if (article.tags.includes(tag)) return highlights;
  const tagged = highlights.filter((h) => h.tags.includes(tag));
  return tagged.length > 0 ? tagged : null;
}

/**
 * Renders the highlights a selection exports. The blocks that the last export
 * (`base`) wrote for highlights the selection leaves out are kept as they
 * were: a partial export (by tag) neither removes nor changes nor re-adds what
 * it did not select. The header and footer count the kept highlights too.
 */
export function renderSelected(
  template: ExportTemplate,
  article: Article,
  { all, selected }: { all: readonly Highlight[]; selected: readonly Highlight[] },
  base: RenderedPage | undefined,
  exportedAt: Date,
  colorNames?: ColorNames,
): RenderedPage {
  if (!base || selected.length === all.length) return template.render(article, selected, { exportedAt, colorNames });
  const chosen = new Set(selected.map((h) => h.id));
  const kept = new Map(base.blocks.filter((b) => !chosen.has(b.id)).map((b) => [b.id, b]));
  const page = template.render(article, all.filter((h) => chosen.has(h.id) || kept.has(h.id)), { exportedAt, colorNames });
  return { ...page, blocks: page.blocks.map((b) => kept.get(b.id) ?? b) };
}
