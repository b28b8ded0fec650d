import { strToU8, zipSync, type Zippable } from 'fflate';

/** A chapter of a built book: its file name (under `EPUB/`), its body's XHTML, and where it stands in the spine. */
export interface BuiltChapter {
  file: string;
  body: string;
  linear?: boolean;
  /** The title the navigation gives it. */
  label?: string;
  /** Attributes of the `<html>` element (`dir="rtl"`). */
  htmlAttributes?: string;
}

export interface BookOptions {
  title?: string;
  identifier?: string;
  language?: string;
  creators?: string[];
  chapters: BuiltChapter[];
  /** More files of the package, by their path in the archive. */
  extra?: Record<string, Uint8Array | string>;
  /** Manifest items for files that are not chapters (`<item …/>` lines). */
  manifest?: string[];
  pageProgression?: 'ltr' | 'rtl';
  /** Leave out the `mimetype` file, or write another one. */
  mimetype?: string | null;
  /** Leave out container.xml. */
  container?: boolean;
  /** Leave out the OPF itself (container.xml still names it). */
  opf?: boolean;
}

const xhtml = (c: BuiltChapter) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"${c.htmlAttributes ? ` ${c.htmlAttributes}` : ''}><head><title>${c.label ?? c.file}</title></head><body>${c.body}</body></html>`;

/**
 * Writes an EPUB 3 archive with fflate, as a packer would: `mimetype`
 * first and stored, then container.xml, the OPF, a navigation document and
 * the chapters. Tests change or leave out parts of it to make hostile books.
 */
export function buildEpub(options: BookOptions): Uint8Array {
  const files: Zippable = {};
  if (options.mimetype !== null) files.mimetype = [strToU8(options.mimetype ?? 'application/epub+zip'), { level: 0 }];
  if (options.container !== false) {
    files['META-INF/container.xml'] = strToU8(
      '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
    );
  }
  const items = options.chapters.map((c, i) => `<item id="c${i}" href="${c.file}" media-type="application/xhtml+xml"/>`);
  const spine = options.chapters.map((c, i) => `<itemref idref="c${i}"${c.linear === false ? ' linear="no"' : ''}/>`);
  const creators = (options.creators ?? ['Ada Keeper']).map((c) => `<dc:creator>${c}</dc:creator>`).join('');
  if (options.opf !== false) {
    files['EPUB/package.opf'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="uid">${options.identifier ?? 'urn:uuid:0b8e6f3c-1111-4a5e-9c1d-000000000001'}</dc:identifier><dc:title>${options.title ?? 'Harbour Lights'}</dc:title><dc:language>${options.language ?? 'en'}</dc:language>${creators}</metadata><manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>${items.join('')}${(options.manifest ?? []).join('')}</manifest><spine${options.pageProgression ? ` page-progression-direction="${options.pageProgression}"` : ''}>${spine.join('')}</spine></package>`,
    );
  }
  const navItems = options.chapters.filter((c) => c.label).map((c) => `<li><a href="${c.file}">${c.label}</a></li>`);
  files['EPUB/nav.xhtml'] = strToU8(xhtml({ file: 'nav.xhtml', body: `<nav epub:type="toc"><ol>${navItems.join('')}</ol></nav>` }));
  for (const chapter of options.chapters) files[`EPUB/${chapter.file}`] = strToU8(xhtml(chapter));
  for (const [path, data] of Object.entries(options.extra ?? {})) files[path] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(files);
}

/** A small raster picture (a 1×1 PNG) to put in a package. */
export const PNG_PIXEL = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
);
