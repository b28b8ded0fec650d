import { z } from 'zod';
import { fold } from './fold.js';
import { ArticleIdSchema, ColorSchema, TagSchema, type Highlight } from './model.js';

/**
 * Which highlights of the library a reader wants to see (or export): the
 * "All highlights" view's filters. Every field narrows; none at all keeps
 * every highlight.
 */
export const HighlightFilterSchema = z
  .object({
    /** Words that must all appear in the quote, the note or the tags (case and accents do not count). */
    text: z.string().max(500).optional(),
    /** A tag, itself or nested under it (`tag/…`), as tags nest in Obsidian. */
    tag: TagSchema.optional(),
    color: ColorSchema.optional(),
    /** Only this article's highlights. */
    articleId: ArticleIdSchema.optional(),
    /** Highlighted at or after this moment. */
    since: z.string().datetime().optional(),
    /** Highlighted before this moment. */
    before: z.string().datetime().optional(),
    /** Only highlights with a note. */
    noted: z.literal(true).optional(),
    /** Only highlights whose passage was not found again in a new version. */
    orphaned: z.literal(true).optional(),
  })
  .strict();
export type HighlightFilter = z.infer<typeof HighlightFilterSchema>;

/** Whether `tag` is `name` or nested under it (`name/…`). */
export const isTagUnder = (tag: string, name: string): boolean => tag === name || tag.startsWith(`${name}/`);

/** The folded words of a filter's text: what `highlightMatches` looks for. */
export const filterWords = (filter: HighlightFilter): string[] =>
  filter.text === undefined ? [] : fold(filter.text).split(/\s+/u).map((w) => w.replace(/^#/, '')).filter((w) => w.length > 0);

/** The folded text a highlight is found by, made once per highlight object (highlights are not mutated once read). */
const haystacks = new WeakMap<Highlight, string>();
const haystackOf = (highlight: Highlight): string => {
  let haystack = haystacks.get(highlight);
  if (haystack === undefined) {
    haystack = fold([highlight.target.quote.exact, highlight.note, ...highlight.tags].join('\u0000'));
    haystacks.set(highlight, haystack);
  }
  return haystack;
};

/**
 * Whether a highlight is one the filter keeps. `words` are `filterWords(filter)`,
 * made once for a whole list. The article is not checked here (the caller
 * lists only the filter's article).
 */
export function highlightMatches(highlight: Highlight, filter: HighlightFilter, words: readonly string[]): boolean {
  if (filter.color !== undefined && highlight.color !== filter.color) return false;
  if (filter.noted && highlight.note.trim() === '') return false;
  if (filter.orphaned && highlight.orphaned !== true) return false;
  if (filter.tag !== undefined && !highlight.tags.some((t) => isTagUnder(t, filter.tag!))) return false;
  if (filter.since !== undefined || filter.before !== undefined) {
    const at = Date.parse(highlight.createdAt);
    if (filter.since !== undefined && at < Date.parse(filter.since)) return false;
    if (filter.before !== undefined && at >= Date.parse(filter.before)) return false;
  }
  if (words.length > 0) {
    const haystack = haystackOf(highlight);
    if (!words.every((w) => haystack.includes(w))) return false;
  }
  return true;
}

/** Whether a filter keeps every highlight (nothing to narrow by). */
export const filtersNothing = (filter: HighlightFilter): boolean =>
  Object.values(filter).every((value) => value === undefined || value === '');
