import type { TextBlock } from './blocks.js';
import { isCentred, MIN_CENTRED_INDENT } from './centred.js';
import { headingLine, mayBeHeadingLine, type HeadingKind } from './heading-lines.js';

/** A heading found in a plain text: its level in the article schema (2 and below; the title is the level above) and its text. */
export interface Heading {
  level: number;
  text: string;
}

/**
 * A heading is a block of at most this many lines: Moby-Dick's longest
 * chapter titles wrap onto a second line. The heading is the whole block, so
 * a title on the line under `CHAPTER I` (no blank line between) is part of
 * it; a title after a blank line is not joined, as none of the books we
 * measured (War and Peace, Moby-Dick, Pride and Prejudice) sets one there —
 * their chapter line is followed by the chapter's first paragraph.
 */
const MAX_HEADING_LINES = 3;
/** …and at most this many characters (Moby-Dick's longest chapter line is under 100). */
const MAX_HEADING_CHARS = 160;
/** Roman numeral lines are headings only where they count at least this far (I, II). */
const MIN_NUMERAL_SEQUENCE = 2;
/** A centred line begins with at least this indent (see isCentred): a cheap first test. */
const CENTRED_INDENT = ' '.repeat(MIN_CENTRED_INDENT);
/** Centred lines are headings only where the book sets at least this many that way: one centred line is a title page's. */
const CENTRED_CONVENTION = 3;

interface Candidate {
  /** The block's index. */
  at: number;
  /** How far its first line is indented. */
  indent: number;
  kind: HeadingKind | 'centred';
  text: string;
  number?: number;
  /** 0 for a part (a book, or an epilogue holding chapters), 1 for a chapter, 2 for a numbered section inside chapters. */
  rank: number;
}

/**
 * The headings of a text's blocks, by block index. A block is a heading when
 * its words read as one (see headingLine), or when it is a short centred
 * line between the book's paragraphs in a book that centres its headings;
 * but a run of headings with nothing between them that repeats a rank (two
 * chapters in a row) is a table of contents, and stays text. A part is a
 * level above a chapter: `BOOK ONE` is level 2 and its chapters level 3; in
 * a book without parts the chapters are level 2.
 */
export function findHeadings(blocks: TextBlock[], width: number): Map<number, Heading> {
  let candidates = outsideContents(ranked(candidatesIn(blocks, width)));
  candidates = inSequence(candidates);
  const centred = candidates.filter((c) => c.kind === 'centred').length;
  if (centred < CENTRED_CONVENTION) candidates = candidates.filter((c) => c.kind !== 'centred');
  const ranks = [...new Set(candidates.map((c) => c.rank))].sort((a, b) => a - b);
  return new Map(candidates.map((c) => [c.at, { level: 2 + ranks.indexOf(c.rank), text: c.text }]));
}

function candidatesIn(blocks: TextBlock[], width: number): Candidate[] {
  const candidates: Candidate[] = [];
  const centred = (i: number) => i >= 0 && i < blocks.length && isCentred(blocks[i]!, width);
  for (let at = 0; at < blocks.length; at++) {
    const { lines } = blocks[at]!;
    const first = lines[0]!;
    const byWords = mayBeHeadingLine(first);
    if (lines.length > MAX_HEADING_LINES || !(byWords || first.startsWith(CENTRED_INDENT))) continue;
    const text = lines.map((l) => l.trim()).join(' ').replace(/\s+/g, ' ');
    if (text.length > MAX_HEADING_CHARS) continue;
    const line = byWords ? headingLine(text) : undefined;
    const indent = first.length - first.trimStart().length;
    if (line) candidates.push({ at, indent, ...line, rank: 1 });
    else if (centred(at) && !centred(at - 1) && at + 1 < blocks.length && !centred(at + 1) && !text.startsWith('[')) {
      candidates.push({ at, indent, kind: 'centred', text, rank: 1 });
    }
  }
  return candidates;
}

/**
 * Ranks: a book or part is above a chapter; an epilogue (or prologue) is a
 * part when its own chapters follow it at once (War and Peace's `FIRST
 * EPILOGUE`, then `CHAPTER I`), a chapter otherwise (Moby-Dick's `Epilogue`);
 * lines that are only roman numerals are sections inside chapters when the
 * book also has chapter lines, chapters otherwise.
 */
function ranked(candidates: Candidate[]): Candidate[] {
  const hasChapters = candidates.some((c) => c.kind === 'chapter');
  return candidates.map((c, i) => {
    const next = candidates[i + 1];
    if (c.kind === 'part') return { ...c, rank: 0 };
    if (c.kind === 'epilogue' && next?.at === c.at + 1 && next.kind === 'chapter' && next.number === 1) return { ...c, rank: 0 };
    if (c.kind === 'numeral' && hasChapters) return { ...c, rank: 2 };
    return c;
  });
}

/**
 * Leaves out tables of contents: a run of candidates in consecutive blocks
 * (nothing between them), set alike (indented alike), in which a rank comes
 * twice. In the body of a book a heading is followed by text, or by the
 * first heading a rank below it (`BOOK ONE: 1805`, then `CHAPTER I`);
 * Moby-Dick's contents list every chapter line with nothing between. War and
 * Peace's contents, indented, end right before its first `BOOK ONE: 1805`,
 * at the margin: the change of indent ends the contents.
 */
function outsideContents(candidates: Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  let run: Candidate[] = [];
  const flush = () => {
    const ranks = new Set(run.map((c) => c.rank));
    if (ranks.size === run.length) kept.push(...run);
    run = [];
  };
  for (const candidate of candidates) {
    const last = run[run.length - 1];
    if (last && (last.at + 1 !== candidate.at || last.indent !== candidate.indent)) flush();
    run.push(candidate);
  }
  flush();
  return kept;
}

/**
 * Lines that are only a roman numeral are headings when they count up, one
 * after another from I, at least to II: a lone `V` or `XI` between
 * paragraphs (a list, a signature, the pronoun `I` alone) is not.
 */
function inSequence(candidates: Candidate[]): Candidate[] {
  const numerals = candidates.filter((c) => c.kind === 'numeral');
  const sequences: Candidate[][] = [];
  for (const numeral of numerals) {
    const current = sequences[sequences.length - 1];
    const last = current?.[current.length - 1];
    if (numeral.number === 1) sequences.push([numeral]);
    else if (last && numeral.number === last.number! + 1) current!.push(numeral);
  }
  const kept = new Set(sequences.filter((s) => s.length >= MIN_NUMERAL_SEQUENCE).flat());
  return candidates.filter((c) => c.kind !== 'numeral' || kept.has(c));
}
