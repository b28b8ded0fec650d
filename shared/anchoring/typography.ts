import { utf16, type Utf16Offset } from '../offsets.js';

/**
 * Typography set aside, so that a passage re-typeset since it was
 * highlighted still reads the same: the same words in other quotes, dashes
 * or spaces are the same passage. Compared texts (the article and a quote,
 * prefix or suffix) are all put through the same mapping:
 *
 * - every character in Unicode NFKC (ligatures `ﬁ` → `fi`, `…` → `...`,
 *   full-width forms, a letter and its combining accents composed);
 * - single quotes and apostrophes (`‘ ’ ‚ ‛ ′`) → `'`, double quotes
 *   (`“ ” „ ‟ ″`) → `"`;
 * - any run of dashes and hyphens (`-- — – ‐ ‑ ‒ ― −`) → one `-`, so `--`
 *   typed for an em dash matches it;
 * - any run of spaces of any kind (tab, no-break, thin, ideographic…) → one
 *   space; line breaks are kept, they divide paragraphs;
 * - soft hyphens, zero-width spaces, word joiners and byte-order marks
 *   removed (they are invisible).
 *
 * Case, letters and accents are kept: they are the words themselves.
 */
export interface NormalisedText {
  /** The text with its typography set aside. */
  readonly text: string;
  /** The original offset where normalised [at, …) begins: a piece made from one original character maps to its start. */
  toOriginalStart(at: number): Utf16Offset;
  /** The original offset where normalised […, at) ends: inside a piece, the end of its original characters. */
  toOriginalEnd(at: number): Utf16Offset;
  /** The normalised offset of an original one (inside a piece: the piece's start). */
  fromOriginal(at: number): number;
}

const SINGLE_QUOTES = /[‘’‚‛′]/u;
const DOUBLE_QUOTES = /[“”„‟″]/u;
const DASHES = /[-‐‑‒–—―−⁃﹘﹣－]/u;
const SPACES = /[\t\p{Zs}]/u;
const INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/u;
const COMBINING = /\p{M}/u;

/** What a string with nothing to normalise lacks: a character beyond ASCII or a control, two spaces or two hyphens running. */
const NEEDS_WORK = /[^\n\x20-\x7e]| {2}|-{2}/;

/** Printable characters below this stand for themselves (most of an English text), but for runs of spaces or hyphens. */
const PLAIN_BELOW = 0x7f;

/**
 * The normalised text and the map back to the original. Only the places
 * where the text changed are recorded ("pieces", in order), so a text with
 * little typography costs little more than itself.
 */
export function normaliseTypography(original: string): NormalisedText {
  const out: string[] = [];
  let length = 0;
  // Piece k: original [origStart[k], +origLength[k]) became normalised [normStart[k], +normLength[k]).
  const normStart: number[] = [];
  const normLength: number[] = [];
  const origStart: number[] = [];
  const origLength: number[] = [];
  let copiedFrom = 0; // original text not yet copied to `out` starts here
  const replace = (from: number, to: number, by: string) => {
    if (from > copiedFrom) {
      out.push(original.slice(copiedFrom, from));
      length += from - copiedFrom;
    }
    normStart.push(length);
    normLength.push(by.length);
    origStart.push(from);
    origLength.push(to - from);
    out.push(by);
    length += by.length;
    copiedFrom = to;
  };

  let i = 0;
  while (i < original.length) {
    const code = original.charCodeAt(i);
    if (code < PLAIN_BELOW && code >= 0x20) {
      // It stays as it is unless a combining mark follows it, or it is a space or hyphen that may start a run.
      const next = original.charCodeAt(i + 1); // NaN at the end
      const mayRun = (code === 0x20 || code === 0x2d) && (next === code || next === 0x09 || next === 0x20 || next === 0x2d || next >= PLAIN_BELOW);
      if (!mayRun && !(next >= 0x300)) {
        i++;
        continue;
      }
    }
    // One character: a code point and the combining marks after it.
    let end = i + (code >= 0xd800 && code <= 0xdbff && i + 1 < original.length ? 2 : 1);
    while (end < original.length && original.charCodeAt(end) >= 0x300 && COMBINING.test(String.fromCodePoint(original.codePointAt(end)!))) {
      end += original.codePointAt(end)! > 0xffff ? 2 : 1;
    }
    const character = original.slice(i, end);
    const kind = kindOf(character);
    if (kind === 'dash' || kind === 'space') {
      // The whole run becomes one character.
      let runEnd = end;
      while (runEnd < original.length && kindOf(original[runEnd]!) === kind) runEnd++;
      const by = kind === 'dash' ? '-' : ' ';
      if (runEnd - i > 1 || character !== by) replace(i, runEnd, by);
      i = runEnd;
      continue;
    }
    const by = kind === 'invisible' ? '' : kind === 'single' ? "'" : kind === 'double' ? '"' : normaliseCharacter(character);
    if (by !== character) replace(i, end, by);
    i = end;
  }
  if (copiedFrom === 0) return identity(original);
  out.push(original.slice(copiedFrom));
  const text = out.join('');

  /** The last piece whose `starts` value is at most `at` (or below it, when `strict`), or -1. */
  const lastPiece = (starts: number[], at: number, strict: boolean) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? starts[mid]! < at : starts[mid]! <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  };
  // After piece k, the two texts run side by side again until the next piece.
  const after = (k: number, at: number) => origStart[k]! + origLength[k]! + (at - normStart[k]! - normLength[k]!);
  return {
    text,
    toOriginalStart(at) {
      const k = lastPiece(normStart, at, false);
      if (k < 0) return utf16(at);
      return utf16(at < normStart[k]! + normLength[k]! ? origStart[k]! : after(k, at));
    },
    toOriginalEnd(at) {
      const k = lastPiece(normStart, at, true);
      if (k < 0) return utf16(at);
      return utf16(at <= normStart[k]! + normLength[k]! ? origStart[k]! + origLength[k]! : after(k, at));
    },
    fromOriginal(at) {
      const k = lastPiece(origStart, at, false);
      if (k < 0) return at;
      if (at < origStart[k]! + origLength[k]!) return normStart[k]!;
      return normStart[k]! + normLength[k]! + (at - origStart[k]! - origLength[k]!);
    },
  };
}

/** Normalises a short string (a quote, a prefix, a suffix) the same way, without the map back. */
export function normalisedString(text: string): string {
  return NEEDS_WORK.test(text) ? normaliseTypography(text).text : text;
}

function identity(text: string): NormalisedText {
  return { text, toOriginalStart: utf16, toOriginalEnd: utf16, fromOriginal: (at) => at };
}

type Kind = 'single' | 'double' | 'dash' | 'space' | 'invisible' | 'other';
function kindOf(character: string): Kind {
  if (character.length === 1) {
    if (SINGLE_QUOTES.test(character)) return 'single';
    if (DOUBLE_QUOTES.test(character)) return 'double';
    if (DASHES.test(character)) return 'dash';
    if (SPACES.test(character)) return 'space';
    if (INVISIBLE.test(character)) return 'invisible';
  }
  return 'other';
}

/** NFKC, then the same quotes, dashes and spaces rules on what NFKC made (a full-width hyphen is a hyphen). */
function normaliseCharacter(character: string): string {
  const nfkc = character.normalize('NFKC');
  if (nfkc === character && character.length === 1) return character;
  let result = '';
  for (const c of nfkc) {
    const kind = kindOf(c);
    result += kind === 'single' ? "'" : kind === 'double' ? '"' : kind === 'dash' ? '-' : kind === 'space' ? ' ' : kind === 'invisible' ? '' : c;
  }
  return result;
}
