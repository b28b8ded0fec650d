import { MIMEType } from 'node:util';
import { MarginaliaError } from '../../../shared/contract/errors.js';

/** The file extension the importer reads each accepted content type as. */
const EXTENSIONS = new Map<string, string>([
  ['text/html', 'html'],
  ['application/xhtml+xml', 'xhtml'],
  ['text/plain', 'txt'],
  ['text/markdown', 'md'],
  ['text/x-markdown', 'md'],
  ['application/epub+zip', 'epub'],
]);

/** Types a server gives to any file it knows nothing about: the bytes themselves then say whether it is an EPUB. */
const UNNAMED = new Set(['application/octet-stream', 'binary/octet-stream', 'application/zip', 'application/x-zip-compressed']);

const ACCEPTED = 'HTML, XHTML, plain text, Markdown or EPUB';

/** What the server said it sent: the type's essence (lower case), and the charset it named, if any. */
export interface DeclaredType {
  essence: string;
  charset?: string;
}

/** Reads a Content-Type header; a missing or unreadable one is an unnamed type (application/octet-stream). */
export function declaredType(header: string | null): DeclaredType {
  if (header) {
    try {
      const type = new MIMEType(header);
      const charset = type.params.get('charset')?.trim();
      return { essence: type.essence, ...(charset ? { charset } : {}) };
    } catch {
      // An unreadable type names nothing: the bytes decide, as for octet-stream.
    }
  }
  return { essence: 'application/octet-stream' };
}

/**
 * The extension to import a page of this type as, `undefined` when only its
 * bytes can tell (an unnamed type: see extensionOfBytes); refuses every
 * other type, naming it, before its body is read.
 */
export function extensionOfType(type: DeclaredType): string | undefined {
  const known = EXTENSIONS.get(type.essence);
  if (known) return known;
  if (UNNAMED.has(type.essence)) return undefined;
  throw new MarginaliaError('unsupported-file', `The address gives ${type.essence}, not a page Marginalia can import (${ACCEPTED}).`);
}

/** The signature an EPUB starts with: a zip entry named `mimetype`, stored, holding `application/epub+zip` (EPUB OCF 3.3 §4.3). */
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const EPUB_MIMETYPE_ENTRY = 'mimetypeapplication/epub+zip';
/** Where the entry's name begins: after the local file header's 30 fixed bytes. */
const ENTRY_NAME_AT = 30;

/** The extension for bytes a server sent under an unnamed type: an EPUB is one by its first bytes; anything else is refused. */
export function extensionOfBytes(bytes: Uint8Array, type: DeclaredType): string {
  const zip = ZIP_LOCAL_HEADER.every((byte, i) => bytes[i] === byte);
  const entry = new TextDecoder('latin1').decode(bytes.subarray(ENTRY_NAME_AT, ENTRY_NAME_AT + EPUB_MIMETYPE_ENTRY.length));
  if (zip && entry === EPUB_MIMETYPE_ENTRY) return 'epub';
  throw new MarginaliaError(
    'unsupported-file',
    `The address gives ${type.essence} that is not an EPUB book, not a page Marginalia can import (${ACCEPTED}).`,
  );
}

/** Characters no file name holds on some system, controls and invisible format characters. */
const NOT_IN_A_NAME = /[\p{Cc}\p{Cf}/\\:*?"<>|]+/gu;
/** The longest name kept from an address (the extension comes on top). */
const MAX_STEM_CHARS = 100;

/**
 * The file name an imported page is known by: the address's last path
 * segment (or its host) with the extension of what it turned out to be
 * (`moby-dick.php` served as HTML is `moby-dick.html`).
 */
export function fileNameFor(address: string, extension: string): string {
  const url = new URL(address);
  const last = url.pathname.split('/').filter((segment) => segment !== '').at(-1);
  // The page's own extension goes (what it turned out to be decides); a host name's last label is not one.
  const named = last === undefined ? '' : decoded(last).replace(/\.[\p{L}\p{N}_-]{1,12}$/u, '');
  const cleaned = named.replace(NOT_IN_A_NAME, '-').replace(/^[\s.]+|[\s.]+$/g, '');
  const stem = cleaned === '' ? url.hostname : [...cleaned].slice(0, MAX_STEM_CHARS).join('');
  return stem.toLowerCase().endsWith(`.${extension}`) ? stem : `${stem}.${extension}`;
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
