import { anchor, describe, type TextIndex } from '../../../shared/anchoring/index.js';
import { MarginaliaError } from '../../../shared/contract/errors.js';
import type { CodePointOffset } from '../../../shared/offsets.js';
import type { ReadingPlace } from './reading.js';

/** A passage of the article text, in code points, as the contract carries one. */
export interface Passage {
  start: CodePointOffset;
  end: CodePointOffset;
}

/** The reading place for a passage of the article's text (code points): its selectors and how far through it is. */
export function placeOf(index: TextIndex, { start, end }: Passage): ReadingPlace {
  if (end <= start || end > index.codePointLength) throw new MarginaliaError('invalid-request', 'The reading place is outside the article.');
  const target = describe(index, index.toUtf16(start), index.toUtf16(end));
  return { start, end, quote: target.quote, progress: Math.min(1, start / Math.max(1, index.codePointLength)) };
}

/**
 * Where a reading place is in the article's text now (code points): found
 * as a highlight is found, so that it survives a new version of the article;
 * undefined when its passage is no longer there (the article then opens at
 * the top rather than somewhere unrelated).
 */
export function findPlace(index: TextIndex, place: ReadingPlace): Passage | undefined {
  const found = anchor(index, { position: { type: 'TextPositionSelector', start: place.start, end: place.end }, quote: place.quote });
  if (found.status !== 'anchored') return undefined;
  return { start: index.toCodePoint(found.start), end: index.toCodePoint(found.end) };
}
