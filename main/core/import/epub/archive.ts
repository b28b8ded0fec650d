import { unzipSync, type UnzipFileInfo } from 'fflate';
import { MarginaliaError } from '../../../../shared/contract/errors.js';
import { packagePath } from './paths.js';

const MB = 1024 * 1024;

/**
 * Most bytes a book may unpack to, counted from the sizes its archive
 * declares before anything is inflated (and never more is produced: see
 * `unpack`). Real books unpack to little more than their size (pictures
 * do not compress); the largest sample, 4 MB, unpacks to 5 MB.
 */
export const MAX_UNPACKED_BYTES = 256 * MB;
/**
 * Highest compression ratio an entry may declare once it is over
 * RATIO_FLOOR_BYTES. XHTML compresses about 4:1 and a page of repeated
 * markup some 20:1; a zip bomb's entries declare 1000:1 and more.
 */
export const MAX_COMPRESSION_RATIO = 100;
const RATIO_FLOOR_BYTES = MB;
/** Most entries an archive may list; the EPUB 3 specification, a big book, has under 100. */
export const MAX_ENTRIES = 10_000;

/** Entries never read: sound, video, fonts and scripts have no place in an article. */
const NOT_READ = /\.(?:mp3|m4a|aac|ogg|oga|opus|wav|mp4|m4v|webm|ogv|mov|otf|ttf|woff2?|eot|js|mjs)$/i;

/** The files of an EPUB archive that an import reads, by their path inside the package. */
export interface BookArchive {
  /** The file's bytes, or undefined when the archive has no such (readable) file. */
  read(path: string): Uint8Array | undefined;
  has(path: string): boolean;
  /** Entries left unread because their names could lead outside the package (`../`, `/…`, `C:\…`). */
  readonly unsafeNames: number;
}

/**
 * Opens an EPUB's zip archive in memory (nothing is ever written to disk).
 * Before anything is inflated, the sizes the archive declares are checked:
 * too many entries, too much in total, or an entry compressed suspiciously
 * well is refused as a zip bomb. fflate inflates each entry into a buffer
 * of its declared size, so an entry that lies about its size cannot
 * produce more than it declared.
 */
export function openArchive(bytes: Uint8Array, fileName: string): BookArchive {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    throw new MarginaliaError('unsupported-file', `${fileName} is not an EPUB book: it is not a zip archive.`);
  }
  let entries = 0;
  let declared = 0;
  let unsafeNames = 0;
  const keep = (info: UnzipFileInfo): boolean => {
    if (++entries > MAX_ENTRIES) throw zipBomb(fileName, `it lists more than ${MAX_ENTRIES.toLocaleString('en')} files`);
    if (info.name.endsWith('/') || NOT_READ.test(info.name)) return false;
    if (packagePath(info.name) === undefined) {
      unsafeNames++;
      return false;
    }
    if (info.originalSize > RATIO_FLOOR_BYTES && info.originalSize / Math.max(1, info.size) > MAX_COMPRESSION_RATIO) {
      throw zipBomb(fileName, `${info.name} claims to unpack ${Math.round(info.originalSize / Math.max(1, info.size))} times larger than it is stored`);
    }
    declared += info.originalSize;
    if (declared > MAX_UNPACKED_BYTES) throw zipBomb(fileName, `its files would unpack to more than ${MAX_UNPACKED_BYTES / MB} MB`);
    return true;
  };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: keep });
  } catch (error) {
    if (error instanceof MarginaliaError) throw error;
    throw new MarginaliaError('unsupported-file', `${fileName} could not be read as an EPUB book: the zip archive is damaged or incomplete.`);
  }
  // Keyed by the normalised path; a user-controlled name is never an object key.
  const byPath = new Map<string, Uint8Array>();
  let produced = 0;
  for (const [name, data] of Object.entries(files)) {
    produced += data.length;
    if (produced > MAX_UNPACKED_BYTES) throw zipBomb(fileName, `its files unpack to more than ${MAX_UNPACKED_BYTES / MB} MB`);
    byPath.set(packagePath(name)!, data);
  }
  return {
    read: (path) => byPath.get(path),
    has: (path) => byPath.has(path),
    unsafeNames,
  };
}

function zipBomb(fileName: string, why: string): MarginaliaError {
  return new MarginaliaError('too-large', `${fileName} was not imported: ${why}, which no real book does (a "zip bomb").`);
}
