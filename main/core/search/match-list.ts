/**
 * Matches as the matcher returns them: parallel typed arrays (no object per
 * match), and which fields matched as bits.
 */

/** Field names by bit: `ARTICLE_FIELDS[i]` is bit i of an article match's `fields`. */
export const ARTICLE_FIELDS = ['title', 'byline', 'siteName', 'tags', 'text'] as const;
export const HIGHLIGHT_FIELDS = ['quote', 'note', 'tags'] as const;
export const ARTICLE_BITS = { title: 1, byline: 2, siteName: 4, tags: 8, text: 16 } as const;
export const HIGHLIGHT_BITS = { quote: 1, note: 2, tags: 4 } as const;

/** The names of the fields set in `bits`. */
export const articleFields = (bits: number) => ARTICLE_FIELDS.filter((_, i) => bits & (1 << i));
export const highlightFields = (bits: number) => HIGHLIGHT_FIELDS.filter((_, i) => bits & (1 << i));

/** Matches as parallel arrays: the i-th match is slots[i], scores[i], fields[i] (and, for articles, passages[i]). */
export interface MatchList {
  length: number;
  slots: Int32Array;
  scores: Float64Array;
  fields: Uint8Array;
  /** For articles: the best passage's document, or -1. */
  passages: Int32Array;
}

/** An empty list with room for `capacity` matches. */
export const matchList = (capacity: number): MatchList => ({
  length: 0,
  slots: new Int32Array(capacity),
  scores: new Float64Array(capacity),
  fields: new Uint8Array(capacity),
  passages: new Int32Array(capacity),
});

/** A copy of a list that outlives the matcher's next query. */
export function keptList(list: MatchList): MatchList {
  return {
    length: list.length,
    slots: list.slots.slice(0, list.length),
    scores: list.scores.slice(0, list.length),
    fields: list.fields.slice(0, list.length),
    passages: list.passages.slice(0, list.length),
  };
}
