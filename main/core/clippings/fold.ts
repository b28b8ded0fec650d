import type { BookLine } from './book-line.js';
import type { Clipping, Span } from './entries.js';

/**
 * One passage of a book after folding: the longest of the highlights the
 * reader made of it (or their union, where re-highlights overlap in part),
 * with the notes made at its location. A note with no highlight to go to is
 * a passage of its own (`kind: 'note'`, `text` ''), so it is never lost.
 */
export interface Passage {
  book: BookLine;
  kind: 'highlight' | 'note';
  text: string;
  /** The notes made on it, in the order they were made, joined by blank lines. */
  note: string;
  location?: { written: string; span: Span };
  page?: { written: string; span?: Span };
  /** The earliest date of what was folded into it: when the reader first marked the passage. */
  addedAt?: string;
  /** Every clipping folded into it, in file order. */
  clippings: Clipping[];
}

/** Passages of one book in the order of the book, and how many re-highlights were folded into others. */
export interface FoldedBook {
  passages: Passage[];
  folded: number;
}

/**
 * Re-highlights overlapping by less than this many characters are neighbours
 * that share a word or two at their edge ("… Transportons" / "Transportons-nous
 * …"), not the same passage again; in the corpus the real partial re-highlights
 * share 198 to 285 characters.
 */
export const SHARED_RUN = 40;

/**
 * Folds one book's highlights and notes: a highlight of a passage already
 * highlighted at an overlapping location (the same text, a longer or shorter
 * cut of it, or a cut overlapping it by SHARED_RUN characters or more) is
 * folded into it, the longer text kept. Each note goes to the highlight whose
 * locations hold the note's location (a Kindle notes where a highlight ends).
 */
export function foldBook(clippings: readonly Clipping[]): FoldedBook {
  const highlights = clippings.filter((c) => c.kind === 'highlight').sort(byPlace);
  const passages: Passage[] = [];
  let folded = 0;
  for (const clipping of highlights) {
    const into = passages.find((p) => overlaps(placeOf(p), placeOf(clipping)) && foldText(p.text, clipping.text) !== undefined);
    if (into) {
      into.text = foldText(into.text, clipping.text)!;
      absorb(into, clipping);
      folded++;
    } else passages.push(passageOf(clipping, 'highlight'));
  }
  for (const note of clippings.filter((c) => c.kind === 'note').sort((a, b) => a.order - b.order)) {
    const onto = highlightAt(passages, note);
    if (onto) {
      if (!onto.note.split('\n\n').includes(note.text)) onto.note = onto.note ? `${onto.note}\n\n${note.text}` : note.text;
      absorb(onto, note, false);
    } else passages.push({ ...passageOf(note, 'note'), text: '', note: note.text });
  }
  return { passages: passages.sort(byPlace), folded };
}

/** The text two cuts of one passage make together, or undefined when they are not the same passage. */
export function foldText(kept: string, other: string): string | undefined {
  const a = squeeze(kept);
  const b = squeeze(other);
  if (a.includes(b)) return a;
  if (b.includes(a)) return b;
  return joinOverlap(a, b) ?? joinOverlap(b, a);
}

/** `first` then the rest of `second`, when the end of `first` is the start of `second` for SHARED_RUN characters or more. */
function joinOverlap(first: string, second: string): string | undefined {
  for (let shared = Math.min(first.length, second.length) - 1; shared >= SHARED_RUN; shared--) {
    if (first.endsWith(second.slice(0, shared))) return first + second.slice(shared);
  }
  return undefined;
}

/** Kindles write a paragraph break inside a passage as several spaces: one space compares the cuts. */
const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

function passageOf(clipping: Clipping, kind: Passage['kind']): Passage {
  return {
    book: clipping.book,
    kind,
    text: squeeze(clipping.text),
    note: '',
    ...(clipping.location && { location: clipping.location }),
    ...(clipping.page && { page: clipping.page }),
    ...(clipping.addedAt && { addedAt: clipping.addedAt }),
    clippings: [clipping],
  };
}

/** Takes a clipping into a passage: its locations widen the passage's, its date counts if earlier. */
function absorb(passage: Passage, clipping: Clipping, widen = true): void {
  passage.clippings.push(clipping);
  passage.clippings.sort((a, b) => a.order - b.order);
  if (widen && clipping.location) passage.location = joinSpans(passage.location, clipping.location);
  const page = clipping.page;
  if (widen && page?.span && (!passage.page || passage.page.span)) passage.page = joinSpans(passage.page as Spanned | undefined, { written: page.written, span: page.span });
  if (clipping.addedAt && (!passage.addedAt || earlier(clipping.addedAt, passage.addedAt))) passage.addedAt = clipping.addedAt;
}

type Spanned = { written: string; span: Span };

function joinSpans(a: Spanned | undefined, b: Spanned): Spanned {
  if (!a) return b;
  const span = { start: Math.min(a.span.start, b.span.start), end: Math.max(a.span.end, b.span.end) };
  // As the Kindle wrote it (`734-734`) when one of them spans both.
  for (const side of [a, b]) if (side.span.start === span.start && side.span.end === span.end) return side;
  return { written: span.start === span.end ? String(span.start) : `${span.start}-${span.end}`, span };
}

/** ISO dates compare as text; a date kept as written is never taken for an earlier one. */
const ISO = /^\d{4}-\d{2}-\d{2}T/;
const earlier = (a: string, b: string) => ISO.test(a) && (!ISO.test(b) || a < b);

/** The highlight a note belongs to: one ending at the note's location first, else one holding it; the latest made before the note wins a tie. */
function highlightAt(passages: readonly Passage[], note: Clipping): Passage | undefined {
  const at = placeOf(note)?.start;
  if (at === undefined) return undefined;
  const holding = passages.filter((p) => p.kind === 'highlight' && placeOf(p) && placeOf(p)!.start <= at && at <= placeOf(p)!.end);
  const madeBefore = (p: Passage) => Math.max(...p.clippings.filter((c) => c.order < note.order).map((c) => c.order), -1);
  const ranked = holding.sort((a, b) => Number(placeOf(b)!.end === at) - Number(placeOf(a)!.end === at) || madeBefore(b) - madeBefore(a));
  return ranked[0];
}

/** Where in the book: its locations, else its pages (a PDF has no locations). */
export function placeOf(item: Pick<Passage, 'location' | 'page'>): Span | undefined {
  return item.location?.span ?? item.page?.span;
}

const overlaps = (a: Span | undefined, b: Span | undefined) => a !== undefined && b !== undefined && a.start <= b.end && b.start <= a.end;

type Placed = Pick<Passage, 'location' | 'page'> & ({ order: number } | { clippings: Clipping[] });

/** The order of the book: by location (or page), then the order the reader made them in. */
function byPlace(a: Placed, b: Placed): number {
  const at = (x: Placed) => placeOf(x)?.start ?? Number.MAX_SAFE_INTEGER;
  return at(a) - at(b) || orderOf(a) - orderOf(b);
}
const orderOf = (x: Placed) => ('order' in x ? x.order : (x.clippings[0]?.order ?? 0));
