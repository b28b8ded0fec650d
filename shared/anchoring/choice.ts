/**
 * Which of the places a quote may be found at is the passage, or none.
 *
 * Each candidate is scored as Hypothesis's match-quote.ts scores one: how
 * well the quote, the prefix and the suffix agree there, and how near it is
 * to the stored position, each with a named weight. Unlike Hypothesis we
 * keep floors (a candidate below them is no candidate), and a best that
 * another place fits nearly as well is not a choice: unless position tells
 * them apart clearly, the highlight is orphaned.
 */

/** The weights of the score (as Hypothesis's: the quote counts most, each side of context less, position least). */
export const QUOTE_WEIGHT = 50;
export const PREFIX_WEIGHT = 20;
export const SUFFIX_WEIGHT = 20;
/** Position only breaks near-equal scores; a passage moves when paragraphs before it are edited. */
export const POSITION_WEIGHT = 2;

/**
 * The floors. The quote must agree at least QUOTE_FLOOR, and where the
 * selector has context, the better side of it at least CONTEXT_FLOOR.
 * Hypothesis takes the best fuzzy match whatever its score, which is how
 * notes end up on unrelated words; we orphan instead.
 */
export const QUOTE_FLOOR = 0.85;
export const CONTEXT_FLOOR = 0.6;

/**
 * Context lifts a short quote: where prefix and suffix both agree at least
 * STRONG_CONTEXT, the words between them are the passage, edited, as long as
 * the quote still agrees at least LIFTED_QUOTE_FLOOR. One word changed in a
 * 24-character quote is ~20% of it, under QUOTE_FLOOR; with its 32
 * characters of context on both sides unchanged, it is the same passage.
 */
export const STRONG_CONTEXT = 0.9;
export const LIFTED_QUOTE_FLOOR = 0.5;

/**
 * Where the context disagrees on both sides, a quote found word for word is
 * trusted only when it is long (LONG_QUOTE characters, longer than almost
 * any heading: a paragraph moved whole), or at least SHORT_QUOTE long and
 * near its stored position (NEAR characters). A chapter title is also a
 * line of the contents: with its own heading gone, that line is not the
 * passage.
 */
export const LONG_QUOTE = 80;
export const SHORT_QUOTE = 24;
export const NEAR = 4096;

/** A score this far below the best is a rival; closer, and the two places are a near tie. */
export const AMBIGUITY_MARGIN = 0.05;
/**
 * A near tie goes to the candidate nearest the stored position when every
 * rival is at least POSITION_RATIO times as far, and farther by at least
 * POSITION_GAP of the text's length. Edits before a passage move it (by
 * whole paragraphs deleted or added): a copy of its paragraph that lands
 * near where it was must not win over the passage itself, a little farther.
 */
export const POSITION_RATIO = 8;
export const POSITION_GAP = 0.01;
/** A winner scoring at least this is not looked beyond (a wider, slower search could not beat it by the margin). */
export const CONFIDENT = 0.9;

/** A place where the quote may be, in the normalised text, and how each part of the selector agrees there (0–1; null: the selector has no such part). */
export interface Candidate {
  start: number;
  end: number;
  quote: number;
  prefix: number | null;
  suffix: number | null;
  /** The quote found word for word (after typography). */
  exact: boolean;
  /** Characters from the stored position. */
  distance: number;
}

export type Choice = { status: 'chosen'; candidate: Candidate; score: number } | { status: 'unsure'; score: number } | { status: 'none' };

/** The weighted score of a candidate (0–1): the parts the selector lacks do not count either way. */
export function scoreOf(c: Candidate, textLength: number): number {
  const position = 1 - Math.min(1, c.distance / Math.max(1, textLength));
  let sum = QUOTE_WEIGHT * c.quote + POSITION_WEIGHT * position;
  let weights = QUOTE_WEIGHT + POSITION_WEIGHT;
  if (c.prefix !== null) (sum += PREFIX_WEIGHT * c.prefix), (weights += PREFIX_WEIGHT);
  if (c.suffix !== null) (sum += SUFFIX_WEIGHT * c.suffix), (weights += SUFFIX_WEIGHT);
  return sum / weights;
}

/** Whether a candidate clears the floors (see above). */
export function clearsFloors(c: Candidate, quoteLength: number): boolean {
  const hasContext = c.prefix !== null || c.suffix !== null;
  const better = Math.max(c.prefix ?? 0, c.suffix ?? 0);
  const liftedByContext = c.prefix !== null && c.suffix !== null && Math.min(c.prefix, c.suffix) >= STRONG_CONTEXT;
  if (c.quote < QUOTE_FLOOR && !(liftedByContext && c.quote >= LIFTED_QUOTE_FLOOR)) return false;
  if (!hasContext || better >= CONTEXT_FLOOR) return true;
  // The context disagrees on both sides: only a quote found word for word, long, or near its place.
  return c.exact && (quoteLength >= LONG_QUOTE || (quoteLength >= SHORT_QUOTE && c.distance <= NEAR));
}

/**
 * The candidate that is the passage: the best-scoring one above the floors,
 * unless another place (not overlapping it) scores within AMBIGUITY_MARGIN;
 * then the nearest to the stored position of those, when all the others are
 * POSITION_RATIO times as far; else unsure.
 */
export function choose(candidates: readonly Candidate[], quoteLength: number, textLength: number): Choice {
  const scored = candidates
    .filter((c) => clearsFloors(c, quoteLength))
    .map((c) => ({ c, score: scoreOf(c, textLength) }))
    .sort((a, b) => b.score - a.score || a.c.distance - b.c.distance);
  // Overlapping candidates are one place read differently. The place scores as its best reading,
  // and reads as the one closest to the quote: words added next to a passage gain it context, but
  // they are not the passage.
  const places: typeof scored = [];
  for (const s of scored) {
    const place = places.find((p) => s.c.start < p.c.end && p.c.start < s.c.end);
    if (!place) places.push({ ...s });
    else if (s.c.quote > place.c.quote) place.c = s.c;
  }
  const best = places[0];
  if (!best) return { status: 'none' };
  const tied = places.filter((p) => p.score > best.score - AMBIGUITY_MARGIN);
  if (tied.length === 1) return { status: 'chosen', candidate: best.c, score: best.score };
  const nearest = tied.reduce((a, b) => (b.c.distance < a.c.distance ? b : a));
  const gap = POSITION_GAP * textLength;
  const clearly = tied.every((p) => p === nearest || (p.c.distance >= POSITION_RATIO * nearest.c.distance && p.c.distance - nearest.c.distance >= gap));
  return clearly ? { status: 'chosen', candidate: nearest.c, score: nearest.score } : { status: 'unsure', score: best.score };
}
