import { MarginaliaError } from '../../../shared/contract/errors.js';

/** How many bytes at the start of a file are looked at before decoding it. */
const SNIFF_BYTES = 8192;

/**
 * Above this share of control or private-use characters, bytes or text are
 * binary data. A text with a few stray NULs or terminal escapes is still
 * text; its control characters are cleaned later.
 */
const MAX_ODD_SHARE = 0.1;

/**
 * Above this share of U+FFFD, decoded text is not text. From UTF-8 (or a
 * legacy encoding) U+FFFD marks a byte that could not be read: a few are
 * damage and are imported with a warning, but half is binary data or an
 * encoding we cannot recognise.
 */
const MAX_REPLACED_SHARE = 0.5;

/**
 * From UTF-16, U+FFFD marks a lone surrogate, which real UTF-16 text never
 * has; binary data read as UTF-16 has one in about thirty characters.
 */
const MAX_LONE_SURROGATE_SHARE = 0.01;

/** Known binary file signatures: a file starting with one is never text. */
const SIGNATURES = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x25, 0x50, 0x44, 0x46], // PDF
  [0x50, 0x4b, 0x03, 0x04], // ZIP, EPUB, DOCX
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x1f, 0x8b], // gzip
];

const notText = (fileName: string, why: string) => new MarginaliaError('binary-file', `${fileName} is not a text file (${why}).`);

/**
 * Refuses a file without a byte-order mark whose first bytes are binary: a
 * known signature, or many NUL and control bytes. Cheap, so it runs before
 * any decoding.
 */
export function refuseBinaryBytes(bytes: Uint8Array, fileName: string): void {
  if (SIGNATURES.some((sig) => sig.every((b, i) => bytes[i] === b))) throw notText(fileName, 'it looks like binary data');
  const sample = bytes.subarray(0, SNIFF_BYTES);
  let control = 0;
  for (const b of sample) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  if (control > sample.length * MAX_ODD_SHARE) throw notText(fileName, 'it looks like binary data');
}

/**
 * Refuses decoded text that is really binary data: a byte-order mark in
 * front of a binary file (which skips the check on bytes), binary data after
 * a first 8 KB that looked like text, or a file that is mostly not valid in
 * its encoding. Looks at every character, so it runs where the import runs
 * (on the import worker in the app).
 */
export function refuseBinaryText(text: string, encoding: string, fileName: string): void {
  let odd = 0;
  let replaced = 0;
  // A file cut off in the middle of a character ends in one U+FFFD: damage, not binary.
  const end = text.endsWith('\ufffd') ? text.length - 1 : text.length;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) replaced++;
    else if (isOdd(c)) odd++;
  }
  if (end === 0) return;
  if (odd > end * MAX_ODD_SHARE) throw notText(fileName, 'it looks like binary data');
  if (encoding.startsWith('utf-16')) {
    if (replaced > end * MAX_LONE_SURROGATE_SHARE) throw notText(fileName, 'it looks like binary data');
  } else if (odd + replaced > end * MAX_REPLACED_SHARE) {
    throw notText(fileName, `most of it is not readable as ${encoding.toUpperCase()}`);
  }
}

/** Control characters other than tab, line breaks, form feed and escape; private-use characters; U+FFFE and U+FFFF. */
function isOdd(c: number): boolean {
  if (c < 0x20) return c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b;
  return (c >= 0x7f && c <= 0x9f) || (c >= 0xe000 && c <= 0xf8ff) || c === 0xfffe || c === 0xffff;
}
