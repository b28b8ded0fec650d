/**
 * A roman numeral as books number their chapters (I to MMMCMXCIX), in
 * capitals: in lower case too many words would be numerals (`mix`, `did`).
 */
const ROMAN = /^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;
const ROMAN_VALUES = new Map([['I', 1], ['V', 5], ['X', 10], ['L', 50], ['C', 100], ['D', 500], ['M', 1000]]);

/** The value of a roman numeral (`XIV` → 14), or undefined when it is not one. */
export function romanValue(numeral: string): number | undefined {
  if (numeral === '' || !ROMAN.test(numeral)) return undefined;
  let value = 0;
  for (let i = 0; i < numeral.length; i++) {
    const digit = ROMAN_VALUES.get(numeral[i]!)!;
    const next = ROMAN_VALUES.get(numeral[i + 1] ?? '') ?? 0;
    value += digit < next ? -digit : digit;
  }
  return value;
}

const UNITS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** `one` … `ninety-nine` (`BOOK FIFTEEN`, `Chapter Twenty-One`), in any case. */
function wordValue(word: string): number | undefined {
  const [first, second, ...rest] = word.toLowerCase().split('-') as [string, string | undefined, ...string[]];
  const tens = TENS.indexOf(first);
  if (second !== undefined) {
    const unit = UNITS.indexOf(second);
    return rest.length === 0 && tens >= 0 && unit >= 0 ? (tens + 2) * 10 + unit + 1 : undefined;
  }
  if (UNITS.includes(first)) return UNITS.indexOf(first) + 1;
  if (TEENS.includes(first)) return TEENS.indexOf(first) + 10;
  return tens >= 0 ? (tens + 2) * 10 : undefined;
}

/** A chapter's or a book's number as the text writes it: `12`, `XII`, `twelve`; undefined when it is none of these. */
export function numberValue(written: string): number | undefined {
  if (/^\d{1,4}$/.test(written)) return Number(written);
  return romanValue(written) ?? wordValue(written);
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** `FIRST` → 1 … `TENTH` → 10 (War and Peace's `FIRST EPILOGUE`), or undefined. */
export function ordinalValue(word: string): number | undefined {
  return ORDINALS.indexOf(word.toLowerCase()) + 1 || undefined;
}
