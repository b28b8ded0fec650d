/**
 * Posting lists on disk: the ascending document numbers a word is in, as a
 * string of gaps in a variable-length base-32 code. A gap is written most
 * significant digit first; every digit but the last comes from `MORE`, the
 * last from `LAST`, so no separator is needed. The list starts with its
 * length, written the same way. Both alphabets are plain ASCII that JSON
 * never escapes. A word in most passages costs about one character a
 * document, a rare one a few: a fifth of what a JSON array of numbers takes.
 */

const LAST = '0123456789abcdefghijklmnopqrstuv';
const MORE = 'wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_~';
const DIGIT_BITS = 5;
const DIGIT_MASK = 31;

/** A well-formed posting string has only these characters and ends with a last digit. */
export const POSTINGS_PATTERN = /^(?:[wxyzA-Z_~]*[0-9a-v])*$/;

const digitValue = new Int8Array(128).fill(-1);
const isLast = new Uint8Array(128);
for (let i = 0; i < 32; i++) {
  digitValue[LAST.charCodeAt(i)] = i;
  isLast[LAST.charCodeAt(i)] = 1;
  digitValue[MORE.charCodeAt(i)] = i;
}

function pushNumber(out: number[], value: number): void {
  const digits: number[] = [LAST.charCodeAt(value & DIGIT_MASK)];
  for (value >>>= DIGIT_BITS; value > 0; value >>>= DIGIT_BITS) {
    digits.push(MORE.charCodeAt(value & DIGIT_MASK));
  }
  for (let i = digits.length - 1; i >= 0; i--) out.push(digits[i]!);
}

/** Encodes ascending, distinct, non-negative document numbers. */
export function encodePostings(ids: ArrayLike<number>): string {
  const codes: number[] = [];
  pushNumber(codes, ids.length);
  let previous = -1;
  for (let i = 0; i < ids.length; i++) {
    pushNumber(codes, ids[i]! - previous - 1);
    previous = ids[i]!;
  }
  let text = '';
  // fromCharCode takes arguments: a few thousand at a time stays under every engine's limit.
  for (let i = 0; i < codes.length; i += 4096) text += String.fromCharCode(...codes.slice(i, i + 4096));
  return text;
}

/** The number of documents in an encoded list, read without decoding it. */
export function postingsLength(encoded: string): number {
  let value = 0;
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded.charCodeAt(i);
    value = (value << DIGIT_BITS) + digitValue[c]!;
    if (isLast[c]) return value;
  }
  return 0;
}

/**
 * Decodes a list. Throws when it is not a well-formed list of numbers below
 * `limit` (a damaged index), so no bad number ever reaches a caller.
 */
export function decodePostings(encoded: string, limit: number): Int32Array {
  let i = 0;
  let value = 0;
  let count = -1;
  let previous = -1;
  let ids = new Int32Array(0);
  let n = 0;
  for (; i < encoded.length; i++) {
    const c = encoded.charCodeAt(i);
    const digit = c < 128 ? digitValue[c]! : -1;
    if (digit < 0) throw new Error(`a posting list has a character that is not a digit (${JSON.stringify(encoded[i])})`);
    if (value >= 1 << (31 - DIGIT_BITS)) throw new Error('a posting list has a number too large to be a document');
    value = (value << DIGIT_BITS) + digit;
    if (!isLast[c]) continue;
    if (count < 0) {
      count = value;
      if (count > limit) throw new Error(`a posting list claims ${count} documents of ${limit}`);
      ids = new Int32Array(count);
    } else {
      previous += value + 1;
      if (n >= count || previous >= limit) throw new Error('a posting list runs past its documents');
      ids[n++] = previous;
    }
    value = 0;
  }
  if (n !== count) throw new Error(`a posting list holds ${Math.max(n, 0)} documents, not the ${count} it claims`);
  return ids;
}
