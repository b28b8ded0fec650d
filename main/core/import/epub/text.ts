import { decodeText, type DecodedText } from '../decode.js';
import { declaredCharset } from '../html/charset.js';

/**
 * Decodes a text file of the package (XHTML, XML, CSS) as the web pages are:
 * a byte-order mark, else UTF-8 when valid, else the XML declaration's or
 * `<meta charset>`'s encoding. Throws a MarginaliaError for an empty or
 * binary file (the caller marks the gap).
 */
export function decodeChapter(bytes: Uint8Array, path: string): DecodedText {
  return decodeText(bytes, path, { declared: declaredCharset(bytes), invalidUtf8: 'windows-1252' });
}

/** A package file's text, or '' when it is empty or not text (the caller says what is missing). */
export function decodePackageText(bytes: Uint8Array, path: string): string {
  try {
    return decodeChapter(bytes, path).text;
  } catch {
    return '';
  }
}
