import { COLORS } from '../../../shared/colors.js';
import type { ArticleRecord, Catalog } from './catalog.js';
import type { QueryFilters } from './query.js';

/** A folded tag is `wanted`, or nested under it (`war` takes `war/napoleon`, not `warfare`). */
export const tagMatches = (tag: string, wanted: string): boolean => tag === wanted || tag.startsWith(`${wanted}/`);

/** Every name's words are words of the byline, in any order; the last may be the start of one (`author:tol`). */
function bylineMatches(words: readonly string[] | undefined, names: readonly string[][]): boolean {
  if (names.length === 0) return true;
  if (!words || words.length === 0) return false;
  return names.every((name) => name.every((part, i) => words.some((w) => w === part || (i === name.length - 1 && w.startsWith(part)))));
}

const hasEveryTag = (foldedTags: readonly string[], wanted: readonly string[]): boolean =>
  wanted.every((w) => foldedTags.some((tag) => tagMatches(tag, w)));

/** Whether articles can match these filters at all: colours and notes belong to highlights only. */
export const filtersAllowArticles = (filters: QueryFilters): boolean => filters.colors.length === 0 && !filters.hasNote;

/** True when no filter is set. */
export const noFilters = (filters: QueryFilters): boolean =>
  filters.tags.length === 0 && filters.colors.length === 0 && filters.authors.length === 0 && !filters.hasNote;

/** Whether an article passes the filters (its own tags, its byline). */
export function articlePasses(article: ArticleRecord, filters: QueryFilters): boolean {
  return filtersAllowArticles(filters) && hasEveryTag(article.foldedTags, filters.tags) && bylineMatches(article.bylineWords, filters.authors);
}

/** A test of highlight slots against the filters, prepared once per query. */
export function highlightFilter(filters: QueryFilters, catalog: Catalog): (slot: number) => boolean {
  if (noFilters(filters)) return (slot) => catalog.isLiveHighlight(slot);
  const colors = new Set(filters.colors.map((c) => COLORS.indexOf(c)));
  const authorCache = new Map<number, boolean>();
  return (slot) => {
    if (!catalog.isLiveHighlight(slot)) return false;
    if (colors.size > 0 && !colors.has(catalog.highlightColors.values[slot]!)) return false;
    if (filters.hasNote && !catalog.hasNote(slot)) return false;
    if (filters.tags.length > 0 && !hasEveryTag(catalog.highlightFoldedTags[slot]!, filters.tags)) return false;
    if (filters.authors.length === 0) return true;
    const article = catalog.highlightArticles.values[slot]!;
    let passes = authorCache.get(article);
    if (passes === undefined) authorCache.set(article, (passes = bylineMatches(catalog.articles[article]?.bylineWords, filters.authors)));
    return passes;
  };
}

/**
 * The owners a tag filter allows, for the matcher to look no further
 * (article slots, and highlight slots after `highlightBase`), read from the
 * tag look-ups; undefined without a tag filter. The other filters are tested
 * on what matches: marking their owners would cost a pass over every
 * highlight, more than they save.
 */
export function filterSeed(filters: QueryFilters, catalog: Catalog): ((highlightBase: number, mark: (owner: number) => void) => void) | undefined {
  const wanted = filters.tags[0];
  if (wanted === undefined) return undefined;
  return (highlightBase, mark) => {
    for (const [tag, slots] of catalog.highlightsByTag.map) if (tagMatches(tag, wanted)) for (const slot of slots) mark(highlightBase + slot);
    if (filtersAllowArticles(filters)) for (const [tag, slots] of catalog.articlesByTag.map) if (tagMatches(tag, wanted)) for (const slot of slots) mark(slot);
  };
}
