import type { HighlightFilter } from '../../shared/highlight-filter.js';
import type { Color } from '../../shared/model.js';

/** The spans of time the "All highlights" view offers, and what its menu calls them. */
export const WHEN_CHOICES = [
  ['any', 'Any time'],
  ['today', 'Today'],
  ['week', 'Past 7 days'],
  ['month', 'Past 30 days'],
  ['year', 'Past 12 months'],
  ['between', 'Between dates…'],
] as const;
export type When = (typeof WHEN_CHOICES)[number][0];

/** `YYYY-MM-DD` as a date input gives it: that day's local midnight, or null when it is not a date. */
function localMidnight(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The moments a span of time keeps highlights between, in the reader's own
 * days (midnight where they are, not in UTC): `since` is kept, `before` is
 * not. "Between dates" counts both days given (either may be left empty).
 */
export function spanOf(when: When, now: Date, from = '', to = ''): Pick<HighlightFilter, 'since' | 'before'> {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const daysBack = (days: number) => new Date(today.getFullYear(), today.getMonth(), today.getDate() - days).toISOString();
  switch (when) {
    case 'any':
      return {};
    case 'today':
      return { since: today.toISOString() };
    case 'week':
      return { since: daysBack(6) };
    case 'month':
      return { since: daysBack(29) };
    case 'year':
      return { since: new Date(today.getFullYear() - 1, today.getMonth(), today.getDate()).toISOString() };
    case 'between': {
      const start = localMidnight(from);
      const end = localMidnight(to);
      const span: Pick<HighlightFilter, 'since' | 'before'> = {};
      if (start) span.since = start.toISOString();
      if (end) span.before = new Date(end.getFullYear(), end.getMonth(), end.getDate() + 1).toISOString();
      return span;
    }
  }
}

/** What the reader chose in the view's controls. */
export interface Choices {
  text: string;
  /** '' : any tag. */
  tag: string;
  /** '' : any colour. */
  color: '' | Color;
  /** Every article, or only the one open in the reader. */
  scope: 'library' | 'open';
  when: When;
  /** `YYYY-MM-DD` or '' (for `between`). */
  from: string;
  to: string;
  show: 'all' | 'noted' | 'orphaned';
}

export const NO_CHOICES: Choices = { text: '', tag: '', color: '', scope: 'library', when: 'any', from: '', to: '', show: 'all' };

/** The filter main applies for these choices; `openArticleId` is the article open in the reader (if any), `now` the clock. */
export function filterOf(choices: Choices, openArticleId: string | undefined, now: Date): HighlightFilter {
  const filter: HighlightFilter = { ...spanOf(choices.when, now, choices.from, choices.to) };
  const text = choices.text.trim();
  if (text !== '') filter.text = text.slice(0, 500);
  if (choices.tag !== '') filter.tag = choices.tag;
  if (choices.color !== '') filter.color = choices.color;
  if (choices.scope === 'open' && openArticleId !== undefined) filter.articleId = openArticleId;
  if (choices.show === 'noted') filter.noted = true;
  if (choices.show === 'orphaned') filter.orphaned = true;
  return filter;
}
