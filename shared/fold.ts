/**
 * Folding: the one way text is compared wherever a reader looks for words —
 * library search (indexing and querying alike), find in the article, the
 * library and highlight filters — so that `Benoîte`, `BENOITE` and `benoite` are the same
 * word. NFKD splits accents (and compatibility forms: `ﬁ`, full-width
 * letters) from their letters, the combining marks are dropped, the rest is
 * lowercased; a few letters that carry their stroke inside them (ł, ø, đ…)
 * and ß are spelt as their plain forms.
 */

const COMBINING_MARKS = /\p{M}/gu;
/**
 * Text with nothing beyond ASCII and general punctuation (curly quotes,
 * dashes) folds by lowercasing alone: NFKD changes none of its letters, and
 * what it does to punctuation (… to ...) never makes or splits a word.
 */
const NEEDS_NORMALIZING = /[^\x00-\x7f\u2000-\u206f]/;

/** Letters NFKD leaves whole: folded by hand, each to what a reader without the key would type. */
const LETTERS_WITHOUT_DECOMPOSITION = new Map([
  ['ß', 'ss'],
  ['ł', 'l'],
  ['ø', 'o'],
  ['đ', 'd'],
  ['ħ', 'h'],
  ['ı', 'i'],
  ['ŧ', 't'],
  ['æ', 'ae'],
  ['œ', 'oe'],
  // Final sigma is contextual in toLowerCase: fold it to the plain one so a word folds the same alone or in a sentence.
  ['ς', 'σ'],
]);
const LETTERS_WITHOUT_DECOMPOSITION_PATTERN = new RegExp(`[${[...LETTERS_WITHOUT_DECOMPOSITION.keys()].join('')}]`, 'g');

/** One character (code point) folded the slow way: NFKD, no marks, lowercase, the letters above. */
export function foldCharacter(character: string): string {
  return character
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(LETTERS_WITHOUT_DECOMPOSITION_PATTERN, (letter) => LETTERS_WITHOUT_DECOMPOSITION.get(letter)!);
}

/** Characters folded so far: a text has few distinct ones beyond ASCII. Emptied when it grows past this. */
const folded = new Map<string, string>();
const MAX_FOLDED_CHARACTERS = 10_000;

/**
 * Folds a text for comparison (see the file comment). The result may differ
 * in length from the input. Folding is per character (NFKD decomposes each
 * character on its own, and the marks it reorders are dropped), so runs of
 * ASCII are lowercased whole and only the other characters are looked up.
 */
export function fold(text: string): string {
  if (!NEEDS_NORMALIZING.test(text)) return text.toLowerCase();
  let out = '';
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0x2000 && c <= 0x206f)) continue;
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    const character = text.slice(i, i + width);
    let replacement = folded.get(character);
    if (replacement === undefined) {
      if (folded.size >= MAX_FOLDED_CHARACTERS) folded.clear();
      folded.set(character, (replacement = foldCharacter(character)));
    }
    out += text.slice(run, i).toLowerCase() + replacement;
    i += width - 1;
    run = i + 1;
  }
  return out + text.slice(run).toLowerCase();
}
