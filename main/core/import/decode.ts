import { MarginaliaError } from '../../../shared/contract/errors.js';
import { MAX_IMPORT_BYTES } from '../../../shared/contract/schemas.js';
import { refuseBinaryBytes, refuseBinaryText } from './binary.js';
import { fixWindows1252 } from './windows-1252.js';

/** Text decoded from a file, with anything the reader should know about how. */
export interface DecodedText {
  text: string;
  /** The WHATWG name of the encoding used, e.g. `utf-8`, `utf-16le`, `windows-1252`. */
  encoding: string;
  warnings: string[];
}

/** How to decode a file that has no byte-order mark. */
export interface DecodeOptions {
  /** The encoding the file declares (a web page's `<meta charset>`), used when it has no BOM. */
  declared?: string;
  /**
   * What to do with a file that is not valid UTF-8 and declares nothing:
   * `replace` bad bytes with U+FFFD (text files), or read it as `windows-1252`
   * when it has no valid multi-byte UTF-8 at all (what browsers do with old web pages).
   */
  invalidUtf8?: 'replace' | 'windows-1252';
}

const MB = 1024 * 1024;

/**
 * Decodes a file's bytes. Refuses, with a clear error, files that are too
 * large, empty, or binary (by their first bytes, and again once decoded: a
 * byte-order mark does not make binary data text). The encoding is the
 * byte-order mark's (UTF-8, UTF-16), else UTF-8 when the bytes are valid
 * UTF-8, else the declared one, else UTF-8 with replacement (or
 * windows-1252, see `invalidUtf8`); a warning says when bytes were
 * unreadable or guessed.
 */
export function decodeText(bytes: Uint8Array, fileName: string, options: DecodeOptions = {}): DecodedText {
  checkImportable(bytes, fileName);

  let encoding = 'utf-8';
  let hasBom = false;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, hasBom] = ['utf-16le', true];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, hasBom] = ['utf-16be', true];
  else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) hasBom = true;
  else refuseBinaryBytes(bytes, fileName);
  if (!hasBom && options.declared && !isUtf8(bytes)) encoding = supportedEncoding(options.declared) ?? encoding;

  const warnings: string[] = [];
  let text: string;
  try {
    // ignoreBOM: false (the default) strips the byte-order mark.
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder(encoding, { fatal: false }).decode(bytes);
    if (encoding === 'utf-8' && options.invalidUtf8 === 'windows-1252' && !hasBom && !hasValidMultiByte(text)) {
      encoding = 'windows-1252';
      text = new TextDecoder(encoding).decode(bytes);
      warnings.push(`${fileName} is not valid UTF-8 and declares no encoding; it was read as Windows-1252.`);
    } else {
      warnings.push(`${fileName} is not valid ${encoding.toUpperCase()}; unreadable bytes were replaced with �.`);
    }
  }
  if (encoding === 'windows-1252') text = fixWindows1252(text);
  refuseBinaryText(text, encoding, fileName);
  return { text, encoding, warnings };
}

/** Refuses files that are too large or empty, before any work is spent on them. */
export function checkImportable(bytes: Uint8Array, fileName: string): void {
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new MarginaliaError(
      'too-large',
      `${fileName} is ${(bytes.length / MB).toFixed(1)} MB; Marginalia imports files up to ${MAX_IMPORT_BYTES / MB} MB.`,
    );
  }
  if (bytes.length === 0) throw new MarginaliaError('empty-file', `${fileName} is empty.`);
}

/**
 * The WHATWG name of an encoding label that TextDecoder knows, or undefined.
 * As in browsers, a page cannot declare itself UTF-16 in a meta tag (it would
 * not have been readable as ASCII to find the tag): that means UTF-8.
 */
export function supportedEncoding(label: string): string | undefined {
  try {
    const encoding = new TextDecoder(label.trim()).encoding;
    return encoding.startsWith('utf-16') ? 'utf-8' : encoding;
  } catch {
    return undefined;
  }
}

/**
 * Bytes that decode as UTF-8 are UTF-8, whatever a page declares: text in a
 * legacy encoding is almost never valid UTF-8 by chance, while pages
 * converted to UTF-8 often keep their old `<meta charset>`.
 */
function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Some non-ASCII character decoded fine: the file is mostly UTF-8 with a few bad bytes. */
function hasValidMultiByte(text: string): boolean {
  return /[^\u0000-\u007f\ufffd]/.test(text);
}
