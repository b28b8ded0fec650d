import { MarginaliaError } from '../../../../shared/contract/errors.js';
import type { DocumentJSON } from '../../../../shared/model.js';
import { ArticleBuilder } from '../article-builder.js';
import { titleFromFileName } from '../clean-text.js';
import { checkImportable } from '../decode.js';
import { mapHtmlToBlocks } from '../html/to-blocks.js';
import { ImageCollector } from '../images.js';
import type { ImportedContent } from '../imported-content.js';
import { hasReadableContent, titledDocument } from '../titled-document.js';
import { openArchive } from './archive.js';
import { encryptedPaths } from './encryption.js';
import { settleBookLinks } from './links.js';
import { bookMetadata, bookTitle } from './metadata.js';
import { chapterLabels } from './navigation.js';
import { readPackageDocument } from './package-document.js';
import { packagePath } from './paths.js';
import { readSpine, type BookPart } from './spine.js';

const EPUB_MIMETYPE = 'application/epub+zip';

/**
 * Imports an EPUB book (2 or 3) as one article: the spine's documents in
 * reading order, each a section under its title from the navigation (or
 * its own first heading), through the same allow-list as web pages. The
 * archive is read in memory with its sizes checked first (see openArchive);
 * pictures come from inside it; nothing is fetched and nothing is written.
 */
export function epubToArticle(bytes: Uint8Array, fileName: string): ImportedContent {
  checkImportable(bytes, fileName);
  const archive = openArchive(bytes, fileName);
  const warnings: string[] = [];
  checkMimetype(archive.read('mimetype'), fileName, warnings);
  const book = readPackageDocument(archive, fileName);
  const encrypted = encryptedPaths(archive);
  const labels = chapterLabels(archive, book);
  const { parts, targets } = readSpine(archive, book, { encrypted, labels }, fileName, warnings);

  const images = new ImageCollector(undefined, false, (src) => {
    const path = packagePath(src);
    return path && !encrypted.has(path) ? archive.read(path) : undefined;
  });
  const builder = new ArticleBuilder();
  for (const part of parts) addPart(builder, part, images, targets);
  const blocks = builder.finish();
  if (!hasReadableContent(blocks)) throw new MarginaliaError('empty-file', `${fileName} has no readable text in it.`);
  const titled = titledDocument(bookTitle(book) ?? titleFromFileName(fileName), blocks);
  keepFirstAnchor(blocks, titled.document.content!);
  settleBookLinks(titled.document.content!);

  if (archive.unsafeNames > 0) {
    warnings.push(`${archive.unsafeNames} file${archive.unsafeNames === 1 ? '' : 's'} in ${fileName} had names leading outside the book (such as ../) and ${archive.unsafeNames === 1 ? 'was' : 'were'} ignored.`);
  }
  const metadata = bookMetadata(archive, book, parts.find((p) => p.prepared)?.prepared?.direction);
  return { ...titled, warnings: [...warnings, ...images.warnings()], metadata };
}

/** A first heading that only repeated the book's title is left out (see titledDocument): the place it held goes to the next block. */
function keepFirstAnchor(blocks: DocumentJSON[], kept: DocumentJSON[]): void {
  const dropped = blocks[0];
  const next = blocks[1];
  const anchor = dropped?.attrs?.anchor;
  if (kept[1] === dropped || typeof anchor !== 'string' || !next || next.attrs?.anchor) return;
  if (next.type === 'paragraph' || next.type === 'heading') next.attrs = { ...next.attrs, anchor };
}

/** A chapter: its title from the navigation unless its own first words are a heading, then its content (or the gap). */
function addPart(builder: ArticleBuilder, part: BookPart, images: ImageCollector, targets: ReadonlySet<string>): void {
  builder.anchor(part.chapter.anchor);
  const label = part.chapter.label;
  if (label && !part.prepared?.titled) {
    const heading = builder.open('heading', { level: 2 });
    builder.text(label, []);
    builder.close(heading);
  }
  if (part.prepared) {
    mapHtmlToBlocks(part.prepared.body, builder, { pageUrl: undefined, images, anchorTargets: targets });
  } else {
    const gap = builder.open('paragraph');
    builder.text(part.gap!, [{ type: 'em' }]);
    builder.close(gap);
  }
}

/**
 * An EPUB's first file says what it is. A different one means another
 * kind of zip (an ODF document, a Word file) and is refused; a missing one
 * is tolerated, with a warning, when the package itself can be read.
 */
function checkMimetype(bytes: Uint8Array | undefined, fileName: string, warnings: string[]): void {
  if (!bytes) {
    warnings.push(`${fileName} has no mimetype file, which every EPUB should have; it was read as an EPUB anyway.`);
    return;
  }
  const declared = new TextDecoder().decode(bytes.subarray(0, 200)).trim();
  if (declared !== EPUB_MIMETYPE) {
    throw new MarginaliaError('unsupported-file', `${fileName} is not an EPUB book: it says it is ${declared ? `"${declared.slice(0, 80)}"` : 'nothing'}, not ${EPUB_MIMETYPE}.`);
  }
}
