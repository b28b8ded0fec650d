import type { Highlight } from '../../../shared/model.js';
import { readBookLine } from './book-line.js';
import { foldText, placeOf, type Passage } from './fold.js';
import { noteLabel, originOf, spanOfOrigin, type KindleOrigin } from './origin.js';
import { bookKey } from './same-book.js';

/** What an earlier import already made of a passage. */
export type Earlier =
  | { found: 'none' }
  /** The same passage (or a longer cut of it): nothing to add but a note it lacks. */
  | { found: 'same'; highlight: Highlight }
  /** A shorter cut of it: the highlight grows to `text`, keeping its note, tags and colour. */
  | { found: 'shorter'; highlight: Highlight; text: string };

/**
 * Finds the highlight an earlier import of clippings made of a passage: on
 * the same book, at an overlapping location, with text one cut of the
 * other's (typography aside: on a book the highlight holds the book's
 * words, not the Kindle's), or with the same date (a passage the book
 * typeset differently, found again in the same file).
 */
export function findEarlier(highlights: readonly Highlight[], passage: Passage): Earlier {
  const key = keyOfLine(passage.book.line);
  const at = placeOf(passage);
  for (const highlight of highlights) {
    const origin = highlight.origin;
    if (!origin || keyOfLine(origin.book ?? '') !== key) continue;
    const span = spanOfOrigin(origin);
    if (at && span ? !(span.start <= at.end && at.start <= span.end) : origin.location !== passage.location?.written) continue;
    const loneNote = highlight.target.quote.exact === noteLabel(origin);
    if (loneNote !== (passage.kind === 'note')) continue;
    const sameDate = origin.addedAt !== undefined && origin.addedAt === passage.addedAt;
    if (loneNote) {
      if (sameDate || highlight.note.includes(passage.note)) return { found: 'same', highlight };
      continue;
    }
    const kept = highlight.target.quote.exact;
    const joined = foldText(kept, passage.text);
    if (joined !== undefined) return joined.length > kept.length ? { found: 'shorter', highlight, text: joined } : { found: 'same', highlight };
    const looseJoined = foldText(loose(kept), loose(passage.text));
    if (looseJoined !== undefined) return looseJoined.length > loose(kept).length ? { found: 'shorter', highlight, text: passage.text } : { found: 'same', highlight };
    if (sameDate) return { found: 'same', highlight };
  }
  return { found: 'none' };
}

/** Book keys of the title lines seen, as each takes a Unicode normalisation to work out. */
const keysOfLines = new Map<string, string>();
function keyOfLine(line: string): string {
  let key = keysOfLines.get(line);
  if (key === undefined) {
    if (keysOfLines.size > 10_000) keysOfLines.clear();
    key = bookKey(readBookLine(line));
    keysOfLines.set(line, key);
  }
  return key;
}

/** A lengthened highlight's origin: its locations widened to the passage's, the earlier of their dates. */
export function widerOrigin(origin: KindleOrigin, passage: Passage): KindleOrigin {
  const mine = originOf(passage);
  const span = spanOfOrigin(origin);
  const theirs = placeOf(passage);
  const location =
    span && theirs && origin.location && mine.location
      ? Math.min(span.start, theirs.start) === theirs.start && Math.max(span.end, theirs.end) === theirs.end
        ? mine.location
        : `${Math.min(span.start, theirs.start)}-${Math.max(span.end, theirs.end)}`
      : (origin.location ?? mine.location);
  const dates = [origin.addedAt, mine.addedAt].filter((d): d is string => d !== undefined);
  const earliest = dates.filter((d) => ISO.test(d)).sort()[0] ?? dates[0];
  return { ...origin, ...(location && { location }), ...((origin.page ?? mine.page) && { page: mine.page ?? origin.page }), ...(earliest && { addedAt: earliest }) };
}

const ISO = /^\d{4}-\d{2}-\d{2}T/;

/** The note a highlight has once a passage's note is added to it (unchanged when it already says it). */
export function withNote(note: string, added: string): string {
  if (!added || note.includes(added)) return note;
  return note ? `${note}\n\n${added}` : added;
}

/** Text compared as words: typographic quotes, dashes and spaces as plain ones, no case. */
function loose(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033«»]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .trim();
}
