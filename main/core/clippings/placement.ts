import { anchor, matchQuote, type TextIndex } from '../../../shared/anchoring/index.js';
import { codePoints, utf16, type Utf16Offset } from '../../../shared/offsets.js';
import type { Span } from './entries.js';

/** A Kindle passage to find in a book's text: only its words and where the Kindle put it. */
export interface PassageToPlace {
  text: string;
  /** Kindle locations (or pages): they follow the order of the book's text. */
  place?: Span;
}

export type Placement = { status: 'placed'; start: Utf16Offset; end: Utf16Offset } | { status: 'orphaned' };

/**
 * Finds Kindle passages in a book's text. A Kindle passage carries no
 * context, so what places it is its words and the order of locations:
 * first, every passage whose words occur exactly once in the text is placed
 * there. The others, in location order, may only lie between the passages
 * placed before and after them by location: a passage whose words occur
 * several times is placed if exactly one occurrence lies there (a sentence
 * the book repeats in a chapter summary); one not found word for word (the
 * book typeset quotes or dashes differently) goes to the anchoring
 * library's fuzzy matcher, pointed at the middle of that stretch, and is
 * taken only if what it finds lies inside it. Anything else is orphaned,
 * never put somewhere else.
 */
export function placePassages(index: TextIndex, passages: readonly PassageToPlace[]): Placement[] {
  const text = index.text;
  const occurrences = passages.map((p) => (p.text ? matchQuote(text, { exact: p.text }).slice(0, 2 + MAX_REPEATS) : []));
  const placements: Placement[] = occurrences.map((found) => (found.length === 1 ? { status: 'placed', ...found[0]! } : { status: 'orphaned' }));
  const byPlace = passages.map((_, i) => i).filter((i) => passages[i]!.place && passages[i]!.text).sort((a, b) => passages[a]!.place!.start - passages[b]!.place!.start);
  for (const i of byPlace) {
    if (placements[i]!.status === 'placed') continue;
    const { after, before } = stretch(passages, placements, byPlace, i);
    const inside = (start: number) => start > after && start < before;
    const candidates = occurrences[i]!.filter((m) => inside(m.start));
    if (occurrences[i]!.length > 1) {
      if (candidates.length === 1 && occurrences[i]!.length <= MAX_REPEATS) placements[i] = { status: 'placed', ...candidates[0]! };
      continue;
    }
    const found = fuzzyIn(index, passages[i]!.text, Math.max(0, after), Math.min(text.length, before));
    if (found && inside(found.start)) placements[i] = { status: 'placed', ...found };
  }
  passages.forEach((p, i) => {
    // Without a location there is no stretch to keep to: only a match the fuzzy matcher finds unambiguous in the whole text.
    if (p.place || !p.text || occurrences[i]!.length > 0) return;
    const found = fuzzyIn(index, p.text, 0, text.length);
    if (found) placements[i] = { status: 'placed', ...found };
  });
  return placements;
}

/**
 * A passage found this many times or more is a phrase the book keeps
 * repeating (a refrain, a heading in every chapter): the order of locations
 * is too coarse to choose among so many.
 */
const MAX_REPEATS = 8;

/** The text between the starts of the nearest placed passages before and after passage `i` by location (exclusive). */
function stretch(passages: readonly PassageToPlace[], placements: readonly Placement[], byPlace: readonly number[], i: number): { after: number; before: number } {
  const at = passages[i]!.place!.start;
  let after = -1;
  let before = Number.MAX_SAFE_INTEGER;
  for (const j of byPlace) {
    const placed = placements[j]!;
    if (placed.status !== 'placed') continue;
    const other = passages[j]!.place!.start;
    if (other < at) after = Math.max(after, placed.start);
    else if (other > at) before = Math.min(before, placed.start);
  }
  return { after, before };
}

/** The anchoring library's match for the words alone, looked for from the middle of a stretch of the text. */
function fuzzyIn(index: TextIndex, words: string, from: number, to: number): { start: Utf16Offset; end: Utf16Offset } | undefined {
  const length = [...words].length;
  const middle = index.toCodePoint(utf16(Math.floor((from + to) / 2)));
  const start = Math.max(0, Math.min(middle, index.codePointLength - length));
  if (start + length > index.codePointLength) return undefined;
  const found = anchor(index, {
    position: { type: 'TextPositionSelector', start: codePoints(start), end: codePoints(start + length) },
    quote: { type: 'TextQuoteSelector', exact: words, prefix: '', suffix: '' },
  });
  return found.status === 'anchored' ? { start: found.start, end: found.end } : undefined;
}
