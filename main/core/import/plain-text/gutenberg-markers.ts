import { isBlank } from '../clean-text.js';

/** Where a Project Gutenberg text's work lies among its lines, found by the marker lines around it. */
export interface GutenbergWork {
  /** The lines before the work: the header, whose fields say what the book is. Empty when there is no START line. */
  header: string[];
  /** The START line itself (a modern one names the ebook's number), or undefined. */
  startLine?: string;
  /** The work's own lines, between the markers. */
  lines: string[];
}

/**
 * The line that ends the header. Since about 2000 it is `*** START OF THE
 * PROJECT GUTENBERG EBOOK …` (`THIS`, `ETEXT`, with or without the space
 * after the stars); the 1990s texts end their header (the "small print")
 * with `*END*THE SMALL PRINT! …`.
 */
const START = /^\s*\*{2,3} ?START OF (?:THE|THIS) PROJECT GUTENBERG E-?(?:BOOK|TEXT)\b|^\s*\*END\*? ?THE SMALL PRINT/i;
/** The line that ends the work, before the licence (the same variants as START). */
const END = /^\s*\*{2,3} ?END OF (?:THE|THIS) PROJECT GUTENBERG E-?(?:BOOK|TEXT)\b/i;
/**
 * `End of the Project Gutenberg EBook of War and Peace, by Leo Tolstoy`: a
 * closing note just before the END line (or, in old texts, instead of it).
 * It is Project Gutenberg's words, not the book's.
 */
const END_NOTE = /^\s*End of (?:the )?Project Gutenberg(?:'s|’s)?\b/i;

/** How far into the text the START line is looked for: the 1990s small print is some 400 lines long. */
const HEADER_MAX_LINES = 1000;
/** How many lines before the END line its closing note may be (War and Peace: two, a blank between). */
const END_NOTE_MAX_GAP = 10;

/**
 * The work inside a Project Gutenberg text, or undefined when the text has
 * neither a START nor an END marker (it is then not cut at all). The header
 * before START and the licence after END are left out: they are Project
 * Gutenberg's, not the book's.
 */
export function gutenbergWork(lines: string[]): GutenbergWork | undefined {
  const startAt = lines.slice(0, HEADER_MAX_LINES).findIndex((l) => START.test(l));
  const from = startAt + 1; // 0 when there is no START line
  let endAt = lastIndex(lines, from, (l) => END.test(l));
  const noteAt = endAt >= 0 ? closingNoteBefore(lines, endAt, from) : lastIndex(lines, from, (l) => END_NOTE.test(l));
  if (noteAt >= 0) endAt = noteAt;
  if (startAt < 0 && endAt < 0) return undefined;
  return {
    header: lines.slice(0, Math.max(startAt, 0)),
    ...(startAt >= 0 ? { startLine: lines[startAt]! } : {}),
    lines: lines.slice(from, endAt >= 0 ? endAt : lines.length),
  };
}

/** The index of the closing note a few lines before the END line at `endAt`, or -1. */
function closingNoteBefore(lines: string[], endAt: number, from: number): number {
  for (let i = endAt - 1; i >= Math.max(from, endAt - END_NOTE_MAX_GAP); i--) {
    if (END_NOTE.test(lines[i]!)) return i;
    if (!isBlank(lines[i]!)) return -1;
  }
  return -1;
}

/** The last index at or after `from` whose line passes `test`, or -1 (searched from the end: the markers are near it). */
function lastIndex(lines: string[], from: number, test: (line: string) => boolean): number {
  for (let i = lines.length - 1; i >= from; i--) if (test(lines[i]!)) return i;
  return -1;
}
