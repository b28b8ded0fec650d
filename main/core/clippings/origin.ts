import type { Highlight } from '../../../shared/model.js';
import { readableDate } from '../export/origin.js';
import type { Span } from './entries.js';
import type { Passage } from './fold.js';

/** Where a Kindle highlight was made, as its `origin` keeps it. */
export type KindleOrigin = NonNullable<Highlight['origin']>;

export function originOf(passage: Passage): KindleOrigin {
  return {
    app: 'kindle',
    book: passage.book.line,
    ...(passage.location && { location: passage.location.written }),
    ...(passage.page && { page: passage.page.written }),
    ...(passage.addedAt && { addedAt: passage.addedAt }),
  };
}

/** The span an origin's location (or, without one, its page) names. */
export function spanOfOrigin(origin: KindleOrigin): Span | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(origin.location ?? origin.page ?? '');
  return m ? { start: Number(m[1]), end: Number(m[2] ?? m[1]) } : undefined;
}

/**
 * The line that stands for a note made with no highlight under it: the
 * passage of its highlight in a quotes-only article (the note itself is the
 * highlight's note), and the quote of an orphaned highlight on a book, which
 * the reader can attach to the passage it was about.
 */
export function noteLabel(origin: Pick<KindleOrigin, 'location' | 'page' | 'addedAt'>): string {
  return ['Note', ...placeWords(origin)].join(' · ');
}

/** What a quotes-only article writes above a passage: its location, page and date. */
export function passageLabel(origin: Pick<KindleOrigin, 'location' | 'page' | 'addedAt'>): string {
  const words = placeWords(origin);
  return words.length > 0 ? words.join(' · ') : 'Kindle';
}

function placeWords(origin: Pick<KindleOrigin, 'location' | 'page' | 'addedAt'>): string[] {
  return [
    ...(origin.page ? [`Page ${origin.page.replace('-', '–')}`] : []),
    ...(origin.location ? [`Location ${origin.location.replace('-', '–')}`] : []),
    ...(origin.addedAt ? [readableDate(origin.addedAt)] : []),
  ];
}
