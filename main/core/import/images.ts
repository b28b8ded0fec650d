import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Largest single picture kept in an article. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Largest total of pictures kept in one article; later ones are shown by their description. */
export const MAX_ARTICLE_IMAGE_BYTES = 25 * 1024 * 1024;

const RASTER_SIGNATURES: [string, (b: Uint8Array) => boolean][] = [
  ['image/png', (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/gif', (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38],
  ['image/webp', (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP'],
];

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/**
 * The text to show in place of a picture that is not kept: its description
 * (`alt`), unless that is only a file name (`IMG_3886.jpg`), which says nothing.
 */
export function pictureDescription(alt: string | null): string {
  const text = (alt ?? '').replace(/\s+/g, ' ').trim();
  return /^[^\s]+\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|avif|heic)$/i.test(text) ? '' : text.slice(0, 1000);
}

/** The raster format of these bytes, from their signature (never from a name or a declared type). */
export function rasterType(bytes: Uint8Array): string | undefined {
  return RASTER_SIGNATURES.find(([, matches]) => matches(bytes))?.[0];
}

/**
 * Decides which pictures of an imported page are kept. Only pictures already
 * on this computer are: `data:` URLs of PNG, JPEG, GIF or WebP images, and
 * files inside `baseDir` (the folder of the page), each re-encoded as a
 * `data:` URL after checking its bytes really are such an image. Nothing is
 * ever fetched; SVG is never kept (it can carry scripts). Counts what was
 * left out, for the import's warnings.
 */
export class ImageCollector {
  remote = 0;
  missing = 0;
  tooLarge = 0;
  private total = 0;
  private readonly root: string | undefined;

  /**
   * `baseDir`: the folder the page was saved in; `onTheWeb`: the page's own
   * address is known, so relative pictures are on its site; `inPackage`: the
   * pictures are files of a package in memory (an EPUB's archive), read by
   * their path inside it instead of from any folder.
   */
  constructor(
    baseDir: string | undefined,
    private readonly onTheWeb = false,
    private readonly inPackage?: (path: string) => Uint8Array | undefined,
  ) {
    this.root = baseDir ? realFolder(baseDir) : undefined;
  }

  /** The `data:` URL to show for this `src`, or null to show the picture's description instead. */
  source(src: string): string | null {
    const trimmed = src.trim();
    if (trimmed === '') return null;
    const bytes = /^data:/i.test(trimmed) ? fromDataUrl(trimmed) : this.inPackage ? this.fromPackage(trimmed) : this.fromLocalFile(trimmed);
    if (!bytes) return null;
    const type = rasterType(bytes);
    if (!type) return null;
    if (bytes.length > MAX_IMAGE_BYTES || this.total + bytes.length > MAX_ARTICLE_IMAGE_BYTES) {
      this.tooLarge++;
      return null;
    }
    this.total += bytes.length;
    return `data:${type};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64')}`;
  }

  /** Sentences for the reader about pictures that were left out. */
  warnings(): string[] {
    const out: string[] = [];
    const n = (count: number, what: string) => `${count} ${what}${count === 1 ? '' : 's'}`;
    // Not "shown by their description": a web page's picture standing alone leaves none (see html/descriptions.ts).
    if (this.remote > 0) out.push(`${n(this.remote, 'picture')} on the web ${this.remote === 1 ? 'was' : 'were'} not downloaded: importing fetches nothing.`);
    if (this.missing > 0) out.push(`${n(this.missing, 'picture')} ${this.inPackage ? 'in the book' : 'next to the page'} could not be found or read.`);
    if (this.tooLarge > 0) out.push(`${n(this.tooLarge, 'picture')} ${this.tooLarge === 1 ? 'was' : 'were'} too large to keep in the article.`);
    return out;
  }

  private fromPackage(src: string): Uint8Array | null {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(src)?.[1]?.toLowerCase();
    if (scheme === 'http' || scheme === 'https' || src.startsWith('//')) {
      this.remote++;
      return null;
    }
    if (scheme) return null; // javascript:, blob:, cid:, …
    const bytes = this.inPackage!(src);
    if (!bytes) this.missing++;
    return bytes ?? null;
  }

  private fromLocalFile(src: string): Uint8Array | null {
    const where = this.locate(src);
    if (where.kind !== 'local') {
      if (where.kind === 'web') this.remote++;
      else if (where.kind === 'missing') this.missing++;
      return null;
    }
    try {
      const real = realpathSync(where.path);
      if (!inside(this.root!, real)) throw new Error('outside the page folder');
      const stat = statSync(real);
      if (!stat.isFile()) throw new Error('not a file');
      if (stat.size > MAX_IMAGE_BYTES) {
        this.tooLarge++;
        return null;
      }
      return readFileSync(real);
    } catch {
      this.missing++;
      return null;
    }
  }

  /** Where a picture's `src` points: a file in the page folder, the web, a file we cannot have, or nowhere usable. */
  private locate(src: string): { kind: 'local'; path: string } | { kind: 'web' | 'missing' | 'unusable' } {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(src)?.[1]?.toLowerCase();
    if (scheme === 'http' || scheme === 'https' || src.startsWith('//')) return { kind: 'web' };
    if (scheme === 'file') {
      if (!this.root) return { kind: 'missing' };
      try {
        return { kind: 'local', path: fileURLToPath(src) };
      } catch {
        return { kind: 'missing' };
      }
    }
    if (scheme) return { kind: 'unusable' }; // javascript:, blob:, cid:, …
    if (!this.root) return { kind: this.onTheWeb || src.startsWith('/') ? 'web' : 'missing' };
    if (src.startsWith('/') || src.startsWith('\\')) return { kind: 'web' }; // the site's root, not this folder
    try {
      const path = decodeURIComponent(src.replace(/[?#].*$/s, ''));
      return path === '' || isAbsolute(path) ? { kind: 'missing' } : { kind: 'local', path: resolve(this.root, path) };
    } catch {
      return { kind: 'missing' };
    }
  }
}

function fromDataUrl(url: string): Uint8Array | null {
  const match = /^data:([^,]*?),(.*)$/is.exec(url);
  if (!match) return null;
  const params = match[1]!.toLowerCase().split(';').map((p) => p.trim());
  if (!/^image\/(png|jpeg|jpg|gif|webp)$/.test(params[0]!) || !params.includes('base64')) return null;
  const data = match[2]!.replace(/\s+/g, '');
  // Base64 is 4 characters for 3 bytes; refuse before decoding what would be too large anyway.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || (data.length * 3) / 4 > MAX_IMAGE_BYTES + 3) return null;
  return new Uint8Array(Buffer.from(data, 'base64'));
}

function realFolder(dir: string): string | undefined {
  try {
    return realpathSync(dir);
  } catch {
    return undefined;
  }
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
