import { readBookLine, type BookLine } from './book-line.js';
import { kindleDate } from './dates.js';

/** What a clipping is: a highlighted passage, the reader's note, or a bookmark. */
export type ClippingKind = 'highlight' | 'note' | 'bookmark';

/** A range of Kindle locations (or page numbers), inclusive at both ends. */
export interface Span {
  start: number;
  end: number;
}

/** One entry of a `My Clippings.txt`, as the Kindle wrote it. */
export interface Clipping {
  book: BookLine;
  kind: ClippingKind;
  /** Kindle locations, as written (`1234-1240`) and as numbers. */
  location?: { written: string; span: Span };
  /** The page, as written (`12`, `xii-xiii`), when the book has pages. */
  page?: { written: string; span?: Span };
  /** ISO 8601 local time when the date could be read (see kindleDate), else as written. */
  addedAt?: string;
  /** The passage (a highlight), the reader's words (a note); '' for a bookmark. */
  text: string;
  /** 0-based order in the file: the order the reader made them in. */
  order: number;
}

/** The clippings of a file, and a warning for each entry that could not be read. */
export interface ReadClippings {
  clippings: Clipping[];
  warnings: string[];
  /** Entries not taken: unreadable ones (each with a warning). Bookmarks are clippings of their own kind. */
  unreadable: number;
}

/** A line of ten `=` closes each entry. */
export const SEPARATOR = /^={10}[ \t]*$/;
/** The second line of an entry: `- Your Highlight on …`, `- Votre note à l'emplacement …`. */
export const DESCRIPTION = /^- (?:Your|Votre) /;

/**
 * A passage longer than this is not a clipping: Kindles cut what they export
 * far below it (a share of the book, a few pages at most). A longer entry is
 * damage (two files run together, a lost separator) and is skipped.
 */
export const MAX_CLIPPING_CHARS = 50_000;
/** A title line longer than this (origin.book keeps at most 2,000 characters) is not a title. */
const MAX_BOOK_LINE_CHARS = 2000;
/** What a Kindle writes in place of a passage past the publisher's limit: there is no passage. */
const CLIPPING_LIMIT = /^<You have reached the clipping limit/i;

/** Reads the entries of a clippings file's text. Byte-order marks (Kindles write one before some entries) are dropped. */
export function readClippings(fileText: string): ReadClippings {
  const lines = fileText.replace(/\uFEFF/g, '').split(/\r\n|\r|\n/);
  const clippings: Clipping[] = [];
  const warnings: string[] = [];
  let unreadable = 0;
  let entryLines: string[] = [];
  let firstLine = 1;
  const close = (closed: boolean) => {
    const entry = readEntry(entryLines, clippings.length);
    if (entry === 'blank') return;
    if (typeof entry === 'string') {
      unreadable++;
      const where = `The entry at line ${firstLine}`;
      warnings.push(closed ? `${where} ${entry}; it was skipped.` : `${where} ${entry} (the file ends in the middle of it); it was skipped.`);
    } else clippings.push(entry);
  };
  lines.forEach((line, i) => {
    if (SEPARATOR.test(line)) {
      close(true);
      entryLines = [];
      firstLine = i + 2;
    } else entryLines.push(line);
  });
  close(false);
  return { clippings, warnings, unreadable };
}

/** One entry's lines read into a clipping; 'blank' for nothing at all, else why it is not one. */
function readEntry(lines: string[], order: number): Clipping | 'blank' | string {
  const start = lines.findIndex((line) => line.trim() !== '');
  if (start === -1) return 'blank';
  const [bookLine, description = '', ...rest] = lines.slice(start);
  if (!DESCRIPTION.test(description)) return 'is not a Kindle clipping (no "- Your …" line under its title)';
  if (bookLine!.length > MAX_BOOK_LINE_CHARS) return `has a title of ${bookLine!.length} characters`;
  const kind = kindOf(description.split('|')[0]!);
  if (!kind) return `is of a kind Marginalia does not know ("${description.slice(0, 60)}")`;
  const text = rest.join('\n').trim();
  if (text.length > MAX_CLIPPING_CHARS) return `is ${text.length.toLocaleString('en')} characters long, more than a Kindle clips`;
  if (kind !== 'bookmark' && text === '') return 'has no text';
  if (kind === 'highlight' && CLIPPING_LIMIT.test(text)) return 'has no passage (the book’s clipping limit was reached)';
  const book = readBookLine(bookLine!);
  const location = spanIn(description, /(?:location|loc\.|emplacement|position)\s+(\d+(?:\s*-\s*\d+)?)/i);
  const page = /(?:page|p\.)\s+([0-9ivxlcdm]+(?:\s*-\s*[0-9ivxlcdm]+)?)\b/i.exec(description)?.[1];
  const date = /(?:added on|ajouté le)\s+(.+)$/i.exec(description)?.[1];
  return {
    book,
    kind,
    ...(location && { location }),
    ...(page && { page: { written: page.replace(/\s+/g, ''), ...optionalSpan(numbers(page)) } }),
    ...(date && { addedAt: kindleDate(date) }),
    text: kind === 'bookmark' ? '' : text,
    order,
  };
}

function kindOf(description: string): ClippingKind | undefined {
  const words = description.toLowerCase();
  if (/highlight|surlignement/.test(words)) return 'highlight';
  if (/\bnote\b/.test(words)) return 'note';
  if (/bookmark|signet|marque-page/.test(words)) return 'bookmark';
  return undefined;
}

function spanIn(description: string, pattern: RegExp): { written: string; span: Span } | undefined {
  const written = pattern.exec(description)?.[1]?.replace(/\s+/g, '');
  const span = written === undefined ? undefined : numbers(written);
  return written !== undefined && span ? { written, span } : undefined;
}

/** `12-15` as numbers (a single number is a span of one); undefined for Roman page numbers. */
function numbers(written: string): Span | undefined {
  const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(written.trim());
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  return { start, end: Math.max(start, end) };
}

const optionalSpan = (span: Span | undefined) => (span ? { span } : {});
