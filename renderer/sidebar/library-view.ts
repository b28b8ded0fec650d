import { fold } from '../../shared/fold.js';
import { COLORS, type Color } from '../../shared/colors.js';
import type { ArticleSummary } from '../../shared/model.js';
import { shownSite } from './article-details.js';

/** The orders the library list can show its articles in. */
export const LIBRARY_SORTS = ['imported', 'read', 'title', 'author', 'highlights'] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];

/** What the sort menu calls each order, and what the list says it is in. */
export const SORT_LABELS: Readonly<Record<LibrarySort, { menu: string; list: string }>> = {
  imported: { menu: 'Newest first', list: 'newest first' },
  read: { menu: 'Last read', list: 'most recently read first' },
  title: { menu: 'Title', list: 'by title' },
  author: { menu: 'Author', list: 'by author' },
  highlights: { menu: 'Most highlighted', list: 'most highlighted first' },
};

/** Which articles the "has" filter keeps: any, those with a highlight with a note, an orphaned one, or one of a colour. */
export const LIBRARY_HAS = ['any', 'noted', 'orphaned', ...COLORS] as const;
export type LibraryHas = 'any' | 'noted' | 'orphaned' | Color;

/** What the "has" menu calls each choice. */
export const HAS_LABELS: Readonly<Record<LibraryHas, string>> = {
  any: 'Any article',
  noted: 'With notes',
  orphaned: 'With orphans',
  ...(Object.fromEntries(COLORS.map((c) => [c, `With ${c}`])) as Record<Color, string>),
};

/** How the reader chose to see the library: an order, words to find in titles, authors and sites, a tag, and what its highlights have. */
export interface LibraryView {
  sort: LibrarySort;
  /** Words that must all appear in an article's title, author or site ('' : any article). */
  text: string;
  /** A tag the article or one of its highlights carries, itself or nested under it (`tag/…`); null: any article. */
  tag: string | null;
  /** What an article's highlights must have (summaries count them: no highlight is read). */
  has: LibraryHas;
}

export const DEFAULT_VIEW: LibraryView = { sort: 'imported', text: '', tag: null, has: 'any' };

/** Whether an article's highlights have what the view asks for. */
export function hasWhatIsAsked(summary: ArticleSummary, has: LibraryHas): boolean {
  if (has === 'any') return true;
  if (summary.unavailable !== undefined) return false;
  if (has === 'noted') return (summary.notedCount ?? 0) > 0;
  if (has === 'orphaned') return (summary.orphanedCount ?? 0) > 0;
  return (summary.highlightColors?.[has] ?? 0) > 0;
}

/** What the view needs to know about articles beyond their summaries. */
export interface ViewFacts {
  /** When the reader last opened an article (ms since the epoch), if ever. */
  readAt(articleId: string): number | undefined;
  /** The tags of an article's highlights, or undefined when they are not known (yet). */
  highlightTags(summary: ArticleSummary): ReadonlySet<string> | undefined;
}

/** Whether `tag` is `name` or nested under it (`name/…`), as tags nest in Obsidian. */
export const isUnder = (tag: string, name: string): boolean => tag === name || tag.startsWith(`${name}/`);

/** Text folded for finding: lower case, without accents, spaces collapsed. */
export function foldForFinding(text: string): string {
  return fold(text).replace(/\s+/gu, ' ').trim();
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The folded words an article is found by (title, author, site), made once per summary. */
const haystacks = new WeakMap<ArticleSummary, string>();
const haystackOf = (summary: ArticleSummary): string => {
  let haystack = haystacks.get(summary);
  if (haystack === undefined) {
    haystack = foldForFinding([summary.title, summary.byline ?? '', summary.siteName ?? '', shownSite(summary) ?? ''].join(' \u0000 '));
    haystacks.set(summary, haystack);
  }
  return haystack;
};

/** Whether every word of `text` is in the article's title, author or site, ignoring case and accents. */
export function matchesText(summary: ArticleSummary, text: string): boolean {
  const words = foldForFinding(text).split(' ').filter((w) => w.length > 0);
  if (words.length === 0) return true;
  const haystack = haystackOf(summary);
  return words.every((word) => haystack.includes(word));
}

/**
 * Whether the article carries `tag` (or a tag nested under it), on itself or
 * on one of its highlights: true, false, or undefined when its highlights'
 * tags are not known yet and its own tags do not say.
 */
export function carriesTag(summary: ArticleSummary, tag: string, facts: ViewFacts): boolean | undefined {
  if (summary.tags.some((t) => isUnder(t, tag))) return true;
  if (summary.highlightCount === 0 || summary.unavailable !== undefined) return false;
  const tags = facts.highlightTags(summary);
  if (!tags) return undefined;
  for (const t of tags) if (isUnder(t, tag)) return true;
  return false;
}

const authorOf = (summary: ArticleSummary): string => summary.byline?.trim() ?? '';

/** Ties are broken by title, then newest first, so every order is the same each time. */
const byTitle = (a: ArticleSummary, b: ArticleSummary) => collator.compare(a.title, b.title) || b.importedAt.localeCompare(a.importedAt);

function comparator(sort: LibrarySort, facts: ViewFacts): (a: ArticleSummary, b: ArticleSummary) => number {
  switch (sort) {
    case 'imported':
      return (a, b) => b.importedAt.localeCompare(a.importedAt) || byTitle(a, b);
    case 'read':
      // Articles never opened come after, newest first.
      return (a, b) => (facts.readAt(b.id) ?? -1) - (facts.readAt(a.id) ?? -1) || b.importedAt.localeCompare(a.importedAt) || byTitle(a, b);
    case 'title':
      return byTitle;
    case 'author':
      // Articles without an author come after those with one.
      return (a, b) => {
        const [x, y] = [authorOf(a), authorOf(b)];
        if (!x !== !y) return x ? -1 : 1;
        return collator.compare(x, y) || byTitle(a, b);
      };
    case 'highlights':
      return (a, b) => b.highlightCount - a.highlightCount || byTitle(a, b);
  }
}

/** What the list shows for a view: the articles it keeps, in its order; and whether any was left out only because its tags are not known yet. */
export interface ArrangedLibrary {
  articles: ArticleSummary[];
  pending: number;
}

/**
 * The articles a view shows, in its order. Articles that cannot be opened
 * stay after the others whatever the order (there is nothing to read).
 */
export function arrangeLibrary(library: readonly ArticleSummary[], view: LibraryView, facts: ViewFacts): ArrangedLibrary {
  let pending = 0;
  const kept = library.filter((summary) => {
    if (!matchesText(summary, view.text) || !hasWhatIsAsked(summary, view.has)) return false;
    if (view.tag === null) return true;
    const carries = carriesTag(summary, view.tag, facts);
    if (carries === undefined) pending++;
    return carries === true;
  });
  const order = comparator(view.sort, facts);
  kept.sort((a, b) => Number(a.unavailable !== undefined) - Number(b.unavailable !== undefined) || order(a, b));
  return { articles: kept, pending };
}

/** A view read back from storage, each field checked; anything odd falls back to the default. */
export function parseView(raw: unknown): LibraryView {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_VIEW;
  const { sort, text, tag, has } = raw as Record<string, unknown>;
  return {
    has: LIBRARY_HAS.includes(has as LibraryHas) ? (has as LibraryHas) : DEFAULT_VIEW.has,
    sort: LIBRARY_SORTS.includes(sort as LibrarySort) ? (sort as LibrarySort) : DEFAULT_VIEW.sort,
    text: typeof text === 'string' ? text.slice(0, 500) : '',
    tag: typeof tag === 'string' && tag.length > 0 && tag.length <= 64 ? tag : null,
  };
}
