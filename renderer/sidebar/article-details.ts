import type { ArticleSummary } from '../../shared/model.js';

const dates = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** A publication date as the list shows it: "Sep 6, 2013" when it reads as a date, else as the source gave it. */
export function shownDate(published: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/u.exec(published);
  if (!day) return published;
  const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  return Number.isNaN(date.getTime()) ? published : dates.format(date);
}

/** The site of an article: its site name as imported, else the host of its address ("example.com"). */
export function shownSite(summary: Pick<ArticleSummary, 'siteName' | 'url'>): string | undefined {
  if (summary.siteName) return summary.siteName;
  if (!summary.url) return undefined;
  try {
    const { hostname } = new URL(summary.url);
    return hostname.replace(/^www\./u, '') || undefined;
  } catch {
    return undefined;
  }
}

/** One line of what the library list says about an article besides its title: "author · site · date", or '' when nothing is known. */
export function articleDetails(summary: Pick<ArticleSummary, 'byline' | 'siteName' | 'url' | 'published'>): string {
  return [summary.byline?.trim(), shownSite(summary), summary.published ? shownDate(summary.published) : undefined]
    .filter((part): part is string => !!part)
    .join(' · ');
}

/** Whether the list has anything to say about an article besides its title (the same answer as `articleDetails(summary) !== ''`, without formatting). */
export function hasDetails(summary: Pick<ArticleSummary, 'byline' | 'siteName' | 'url' | 'published'>): boolean {
  return !!(summary.byline?.trim() || summary.siteName || summary.published || shownSite(summary));
}
