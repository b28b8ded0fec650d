import { MarginaliaError } from '../../../shared/contract/errors.js';
import { MAX_IMPORT_BYTES } from '../../../shared/contract/schemas.js';

/** Text decoded from a file, with anything the reader should know about how. */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  warnings: string[];
}

const MB = 1024 * 1024;

/**
 * Decodes a text file's bytes. Refuses, with a clear error, files that are
 * too large, empty, or binary; detects UTF-16 by its byte-order mark;
 * replaces invalid UTF-8 with U+FFFD and says so.
 */
export function decodeText(bytes: Uint8Array, fileName: string): DecodedText {
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new MarginaliaError(
      'too-large',
      `${fileName} is ${(bytes.length / MB).toFixed(1)} MB; Marginalia imports files up to ${MAX_IMPORT_BYTES / MB} MB.`,
    );
  }
  if (bytes.length === 0) throw new MarginaliaError('empty-file', `${fileName} is empty.`);

  let encoding: DecodedText['encoding'] = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  else if (looksBinary(bytes)) {
    throw new MarginaliaError('binary-file', `${fileName} is not a text file (it looks like binary data).`);
  }

  const warnings: string[] = [];
  let text: string;
  try {
    // ignoreBOM: false strips the byte-order mark.
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder(encoding, { fatal: false }).decode(bytes);
    warnings.push(`${fileName} is not valid ${encoding.toUpperCase()}; unreadable bytes were replaced with �.`);
  }
  return { text, encoding, warnings };
}

/**
 * Known binary signatures, or many NUL / control bytes in the first 8 KB.
 * A text with a few stray NULs is text; its control characters are cleaned later.
 */
function looksBinary(bytes: Uint8Array): boolean {
  const signatures = [
    [0x89, 0x50, 0x4e, 0x47], // PNG
    [0xff, 0xd8, 0xff], // JPEG
    [0x47, 0x49, 0x46, 0x38], // GIF
    [0x25, 0x50, 0x44, 0x46], // PDF
    [0x50, 0x4b, 0x03, 0x04], // ZIP, EPUB, DOCX
    [0x7f, 0x45, 0x4c, 0x46], // ELF
    [0x1f, 0x8b], // gzip
  ];
  if (signatures.some((sig) => sig.every((b, i) => bytes[i] === b))) return true;
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control > sample.length * 0.1;
}
