import { numberValue, ordinalValue, romanValue } from './numbers.js';

/**
 * What a line that reads as a heading names:
 * - `part`: a division holding chapters (`BOOK ONE: 1805`, `PART II`, `Volume 3`);
 * - `chapter`: `CHAPTER I`, `Chapter 1`, `CHAPTER 1. Loomings.`;
 * - `epilogue`: `Epilogue`, `FIRST EPILOGUE: 1813 - 20`, `PROLOGUE` — a part
 *   when chapters follow it (War and Peace), a chapter otherwise (Moby-Dick);
 * - `section`: a book's front or back matter with a name of its own (`PREFACE.`);
 * - `numeral`: a line that is only a roman numeral (`XIV.`).
 */
export type HeadingKind = 'part' | 'chapter' | 'epilogue' | 'section' | 'numeral';

/** A block that reads as a heading, by its words alone (where it stands decides the rest: see findHeadings). */
export interface HeadingLine {
  kind: HeadingKind;
  /** The heading as the reader sees it. */
  text: string;
  /** Its number (`CHAPTER XIV` → 14; `FIRST EPILOGUE` → 1), when it has one. */
  number?: number;
}

/** How a number is written after CHAPTER or BOOK: digits, a roman numeral, or words (`FIFTEEN`, `Twenty-One`). */
const NUMBER = String.raw`(\d{1,4}|[A-Za-z]+(?:-[A-Za-z]+)?)`;
/**
 * What may follow the number: nothing (or a full stop), or a separator and a
 * title (`. Loomings.`, `: 1805`, ` — The Return`). Without a separator the
 * line is a sentence ("Chapter 3 of the report…"), not a heading.
 */
const TITLE = String.raw`(?:\.?$|(?:[.:]|\s*[—–-])\s*(.+)$)`;
/** The words are in capitals or capitalised, as books set them; `chapter one` in lower case is a sentence's words. */
const CHAPTER_WORDS = 'CHAPTER|Chapter';
const PART_WORDS = 'BOOK|Book|PART|Part|VOLUME|Volume';
const EPILOGUE_WORDS = 'EPILOGUE|Epilogue|PROLOGUE|Prologue';
const SECTION_WORDS = 'PREFACE|Preface|INTRODUCTION|Introduction|FOREWORD|Foreword|AFTERWORD|Afterword';
/** Capitals only: a lone `I` or `v.` in lower case is a word or a list mark, not a chapter. */
const NUMERAL_WORD = '[IVXLC]+';

const CHAPTER = new RegExp(String.raw`^(?:${CHAPTER_WORDS}) ${NUMBER}${TITLE}`);
const PART = new RegExp(String.raw`^(?:${PART_WORDS}) ${NUMBER}${TITLE}`);
const EPILOGUE = new RegExp(String.raw`^(?:([A-Z][A-Za-z]+) )?(?:${EPILOGUE_WORDS})${TITLE}`);
const SECTION = new RegExp(String.raw`^(?:${SECTION_WORDS})\.?$`);
const NUMERAL = new RegExp(String.raw`^(${NUMERAL_WORD})\.?$`);

/**
 * True when a block whose first line this is may be a heading by its words:
 * a cheap test on the line as the file has it, so that most blocks of a book
 * are passed over without being joined and matched (War and Peace has
 * 12,000 blocks and 382 headings).
 */
export const mayBeHeadingLine = (line: string): boolean => MAY_OPEN.test(line);
const MAY_OPEN = new RegExp(
  String.raw`^\s*(?:(?:${CHAPTER_WORDS}|${PART_WORDS}) |(?:[A-Z][A-Za-z]+ )?(?:${EPILOGUE_WORDS})|(?:${SECTION_WORDS})|${NUMERAL_WORD}\.?\s*$)`,
);

/**
 * The heading a block's text is, by its words, or undefined. `text` is the
 * block's lines joined by spaces. A chapter line that closes a picture's
 * caption (Pride and Prejudice: `[Illustration: ·PRIDE AND PREJUDICE· …
 * Chapter I.]`, the 1894 edition drew its first chapter heading inside a
 * picture) is read without the caption's closing bracket.
 */
export function headingLine(text: string): HeadingLine | undefined {
  const words = text.endsWith(']') && !text.includes('[') ? text.slice(0, -1).trimEnd() : text;
  let match: RegExpExecArray | null;
  if ((match = CHAPTER.exec(words))) return numbered('chapter', words, match[1]!);
  if ((match = PART.exec(words))) return numbered('part', words, match[1]!);
  if ((match = EPILOGUE.exec(words))) {
    const order = match[1] === undefined ? 1 : ordinalValue(match[1]);
    return order === undefined ? undefined : { kind: 'epilogue', text: words, number: order };
  }
  if (SECTION.test(words)) return { kind: 'section', text: words };
  if ((match = NUMERAL.exec(words))) return numbered('numeral', words, match[1]!, romanValue);
  return undefined;
}

function numbered(kind: HeadingKind, text: string, written: string, value = numberValue): HeadingLine | undefined {
  const number = value(written);
  return number === undefined ? undefined : { kind, text, number };
}
