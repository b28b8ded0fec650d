import type { ArticleSummary, Highlight } from '../../shared/model.js';

/** Articles read at the same time while finding tags: enough to overlap the host's work, few enough to leave it free for the reader. */
const READS_AT_ONCE = 3;

/**
 * The tags on each article's highlights, for the library's tag filter: from
 * its summary (the library's index counts them), read once per summary. A
 * summary without them (an article the index has not counted) has its tags
 * read from the article (getArticle), only while a tag filter is on, and
 * once: what was read is kept until the article changes or is forgotten.
 */
export interface HighlightTagsOfArticles {
  /** The tags of an article's highlights, or undefined when not read (or read of an older state). */
  of(summary: ArticleSummary): ReadonlySet<string> | undefined;
  /**
   * Reads the tags of those articles with highlights not read yet, calling
   * `progress` as each arrives; resolves when all are read or a later call
   * (or `forget`) took over.
   */
  read(library: readonly ArticleSummary[], progress: () => void): Promise<void>;
  /** Forgets what was read of one article, or of all (after tags changed across the library). */
  forget(articleId?: string): void;
}

/** What an article was when its tags were read: any change of these reads them again. */
const stateOf = (summary: ArticleSummary) => `${summary.highlightCount}:${summary.version ?? 1}:${summary.contentHash}`;

export function highlightTagsOfArticles(readHighlights: (articleId: string) => Promise<readonly Pick<Highlight, 'tags'>[]>): HighlightTagsOfArticles {
  const known = new Map<string, { state: string; tags: ReadonlySet<string> }>();
  let generation = 0;

  const fromSummaries = new WeakMap<ArticleSummary, ReadonlySet<string>>();

  const of = (summary: ArticleSummary) => {
    if (summary.highlightTags) {
      let tags = fromSummaries.get(summary);
      if (!tags) fromSummaries.set(summary, (tags = new Set(Object.keys(summary.highlightTags))));
      return tags;
    }
    const entry = known.get(summary.id);
    return entry && entry.state === stateOf(summary) ? entry.tags : undefined;
  };

  return {
    of,
    async read(library, progress) {
      const mine = ++generation;
      const queue = library.filter((s) => s.highlightCount > 0 && s.unavailable === undefined && of(s) === undefined);
      const next = async (): Promise<void> => {
        for (let summary = queue.shift(); summary && mine === generation; summary = queue.shift()) {
          const state = stateOf(summary);
          let tags: ReadonlySet<string>;
          try {
            const highlights = await readHighlights(summary.id);
            tags = new Set(highlights.flatMap((h) => h.tags));
          } catch {
            // Gone or unreadable since it was listed: it carries no tag the filter could show.
            tags = new Set();
          }
          if (mine !== generation) return;
          known.set(summary.id, { state, tags });
          progress();
        }
      };
      await Promise.all(Array.from({ length: READS_AT_ONCE }, next));
    },
    forget(articleId) {
      if (articleId !== undefined) {
        known.delete(articleId);
        return;
      }
      known.clear();
      generation++;
    },
  };
}
