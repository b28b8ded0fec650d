import { fold } from './fold.js';

/** Scripts written without spaces: each character is a word (as in fold.ts). */
const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

function isWordCharacter(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  return WORD_CHARACTER.test(String.fromCodePoint(text.codePointAt(at)!));
}

const isUnspaced = (text: string, at: number): boolean => text.charCodeAt(at) >= 0x2e80 && UNSPACED.test(String.fromCodePoint(text.codePointAt(at)!));

/** A word boundary between `at - 1` and `at`: a word cannot go on across it. */
function isBoundary(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return true;
  const before = at - (at >= 2 && /[\udc00-\udfff]/.test(text[at - 1]!) ? 2 : 1);
  if (!isWordCharacter(text, before) || !isWordCharacter(text, at)) return true;
  return isUnspaced(text, before) || isUnspaced(text, at);
}

/** The phrase's words, in order, from `at` in the folded text, with only non-word characters between them. */
function phraseAt(folded: string, at: number, phrase: readonly string[]): boolean {
  let i = at;
  for (let w = 0; w < phrase.length; w++) {
    const word = phrase[w]!;
    if (!folded.startsWith(word, i) || !isBoundary(folded, i + word.length)) return false;
    i += word.length;
    if (w + 1 < phrase.length) while (i < folded.length && !isWordCharacter(folded, i)) i++;
  }
  return true;
}

/**
 * Whether a text has a phrase: its folded words, next to each other and in
 * order, whatever spaces, punctuation or case lie between them.
 */
export function containsPhrase(text: string, phrase: readonly string[]): boolean {
  if (phrase.length === 0) return true;
  const folded = fold(text);
  const first = phrase[0]!;
  for (let at = folded.indexOf(first); at >= 0; at = folded.indexOf(first, at + 1)) {
    if (isBoundary(folded, at) && phraseAt(folded, at, phrase)) return true;
  }
  return false;
}
