import { describe, type TextIndex } from '../../../shared/anchoring/index.js';
import { HighlightSchema, type Highlight, type HighlightTarget } from '../../../shared/model.js';
import { codePoints } from '../../../shared/offsets.js';
import { newHighlightId } from '../ids.js';
import type { BookLine } from './book-line.js';
import { placeOf, type Passage } from './fold.js';
import { findEarlier, widerOrigin, withNote } from './existing.js';
import { noteLabel, originOf } from './origin.js';
import { placePassages } from './placement.js';

/** One book of a clippings file: its passages after folding, in the book's order. */
export interface BookClippings {
  book: BookLine;
  passages: Passage[];
  /** Re-highlights folded into another passage of the file. */
  folded: number;
  bookmarks: number;
}

/** What importing one book's clippings does to one article, before anything is written. */
export interface BookChange {
  /** The article's highlights as they will be. */
  highlights: Highlight[];
  added: number;
  /** Of those added, how many could not be placed in the book's text (always 0 for a quotes-only article). */
  orphaned: number;
  alreadyImported: number;
  /** Highlights from an earlier import that a longer re-highlight in this file made longer. */
  lengthened: number;
  /** Whether anything changes: a file imported again changes nothing. */
  changed: boolean;
}

/** Kindle highlights carry no colour in My Clippings.txt: they take the first. */
export const KINDLE_COLOR = 'yellow';

/**
 * Puts a book's clippings onto the article of the book itself: each passage
 * placed in its text (see placePassages), or kept orphaned with its words
 * as its quote; a note made without a highlight is kept orphaned too, for
 * the reader to attach. Passages an earlier import brought are not added
 * again; a longer re-highlight lengthens the earlier highlight.
 */
export function changeOnBook(clippings: BookClippings, articleId: string, current: readonly Highlight[], index: TextIndex, at: string): BookChange {
  const highlights = [...current];
  const placements = placePassages(
    index,
    clippings.passages.map((p) => ({ text: p.kind === 'note' ? '' : p.text, ...(placeOf(p) && { place: placeOf(p)! }) })),
  );
  const counts = { added: 0, orphaned: 0, alreadyImported: 0, lengthened: 0 };
  const before = new Set(current.map((h) => h.id));
  clippings.passages.forEach((passage, i) => {
    const placed = placements[i]!;
    const target = placed.status === 'placed' ? describe(index, placed.start, placed.end) : undefined;
    const earlier = findEarlier(highlights.filter((h) => before.has(h.id)), passage);
    if (earlier.found === 'none') {
      const words = passage.kind === 'note' ? noteLabel(originOf(passage)) : passage.text;
      highlights.push(newHighlight(passage, articleId, target ?? orphanTarget(words), at, !target));
      counts.added++;
      if (!target) counts.orphaned++;
      return;
    }
    const old = earlier.highlight;
    let next: Highlight = { ...old, note: withNote(old.note, passage.note) };
    if (earlier.found === 'shorter') {
      next = { ...next, origin: widerOrigin(old.origin!, passage) };
      const { orphaned: _, ...rest } = next;
      next = target ? { ...rest, target } : old.orphaned ? { ...next, target: orphanTarget(earlier.text) } : next;
      counts.lengthened++;
    } else counts.alreadyImported++;
    replace(highlights, old, next, at);
  });
  return { highlights, ...counts, changed: counts.added + counts.lengthened > 0 || highlights.some((h, i) => h !== current[i]) };
}

/** A new highlight of a passage, with where the Kindle put it. */
export function newHighlight(passage: Passage, articleId: string, target: HighlightTarget, at: string, orphaned = false): Highlight {
  return HighlightSchema.parse({
    id: newHighlightId(),
    articleId,
    target,
    color: KINDLE_COLOR,
    note: passage.note.slice(0, MAX_NOTE_CHARS),
    tags: [],
    ...(orphaned && { orphaned: true }),
    origin: originOf(passage),
    createdAt: at,
    updatedAt: at,
  });
}

/** The longest note a highlight keeps (NoteSchema); several long notes at one place are cut there. */
const MAX_NOTE_CHARS = 100_000;

/** Where an orphaned Kindle passage points: nowhere in particular; its words are its quote. */
export function orphanTarget(words: string): HighlightTarget {
  return {
    position: { type: 'TextPositionSelector', start: codePoints(0), end: codePoints(Math.max(1, [...words].length)) },
    quote: { type: 'TextQuoteSelector', exact: words, prefix: '', suffix: '' },
  };
}

/** Puts `next` in place of `old`, stamped as changed when it differs. */
export function replace(highlights: Highlight[], old: Highlight, next: Highlight, at: string): void {
  if (JSON.stringify(next) === JSON.stringify(old)) return;
  highlights[highlights.indexOf(old)] = { ...next, updatedAt: at };
}
