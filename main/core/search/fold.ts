import { fold } from '../../../shared/fold.js';

export { fold };

/** Scripts written without spaces between words: each of their characters is a word of its own. */
const UNSPACED = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}';
/** A word: a run of letters and digits, or one character of an unspaced script. */
const WORD = new RegExp(`[${UNSPACED}]|[[\\p{L}\\p{N}]--[${UNSPACED}]]+`, 'gv');

/** A word longer than this (a hash, a base64 run) is not a word anyone searches for: it is not indexed. */
export const MAX_WORD_LENGTH = 64;

/** The words of an already folded text, in order (repeats kept). */
export function foldedWords(folded: string): string[] {
  const words = folded.match(WORD) ?? [];
  return words.some((w) => w.length > MAX_WORD_LENGTH) ? words.filter((w) => w.length <= MAX_WORD_LENGTH) : words;
}

/** The distinct folded words of a text: what the index keeps for it. */
export function distinctWords(text: string): string[] {
  return [...new Set(foldedWords(fold(text)))];
}

/** Each match of a word in a folded text, with its UTF-16 range in that folded text. */
export function* wordRanges(folded: string): Generator<{ word: string; start: number; end: number }> {
  for (const match of folded.matchAll(WORD)) {
    yield { word: match[0], start: match.index, end: match.index + match[0].length };
  }
}
