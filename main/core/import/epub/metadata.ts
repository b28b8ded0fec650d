import type { ArticleMetadata } from '../../../../shared/model.js';
import { truncate } from '../clean-text.js';
import { languageTag, publishedDate } from '../metadata-values.js';
import type { DomElement } from '../html/dom.js';
import type { BookArchive } from './archive.js';
import type { PackageDocument } from './package-document.js';
import { decodePackageText } from './text.js';
import { descendants, nameOf, textOf } from './xml.js';

/** Languages whose books, read right to left page by page, are set in vertical lines. */
const VERTICAL_SCRIPTS = /^(?:ja|zh|ko)(?:[-_]|$)/i;
/** Languages written right to left. */
const RIGHT_TO_LEFT = /^(?:ar|he|iw|fa|ur|yi|ps|sd|ug|dv|ckb)(?:[-_]|$)/i;
/** A stylesheet rule that sets the whole book's lines vertical: on html, body or :root. */
const VERTICAL_RULE = /(?:^|[}\s,])(?:html|body|:root)\b[^{}]*\{[^}]*?(?:-epub-|-webkit-)?writing-mode\s*:\s*(vertical-rl|vertical-lr)/i;

/** The book's title (`dc:title`, the main one when several are refined), or undefined. */
export function bookTitle(book: PackageDocument): string | undefined {
  const titles = elements(book, 'title');
  const main = titles.find((t) => refinement(book, t, 'title-type') === 'main');
  const title = textOf(main ?? titles[0]);
  return title === '' ? undefined : truncate(title, 1000);
}

/**
 * What the package says about the book: its creators (the byline is them
 * joined), identifier, publisher, language, date, and the direction of its
 * text. Right to left comes from the spine's page progression for scripts
 * written that way (or a content document's `dir`, see `contentDirection`);
 * for Japanese, Chinese and Korean a right-to-left page progression means
 * vertical lines, as do the package's stylesheets or a `primary-writing-mode`.
 */
export function bookMetadata(archive: BookArchive, book: PackageDocument, contentDirection: 'rtl' | undefined): ArticleMetadata {
  const metadata: ArticleMetadata = {};
  const creators = elements(book, 'creator').map((c) => truncate(textOf(c), 1000)).filter(Boolean).slice(0, 100);
  if (creators.length > 0) {
    metadata.creators = creators;
    metadata.byline = truncate(creators.join(', '), 1000);
  }
  const identifiers = elements(book, 'identifier');
  const identifier = textOf(identifiers.find((i) => i.getAttribute('id') === book.uniqueIdentifier) ?? identifiers[0]);
  if (identifier) metadata.identifier = truncate(identifier, 1000);
  const publisher = textOf(elements(book, 'publisher')[0]);
  if (publisher) metadata.publisher = truncate(publisher, 1000);
  const language = languageTag(textOf(elements(book, 'language')[0]));
  if (language) metadata.language = language;
  const date = textOf(elements(book, 'date')[0]);
  if (date) metadata.published = publishedDate(date);

  const writingMode = verticalMode(archive, book, language);
  if (writingMode) metadata.writingMode = writingMode;
  else if (contentDirection === 'rtl' || (book.pageProgression === 'rtl' && (!language || RIGHT_TO_LEFT.test(language)))) metadata.direction = 'rtl';
  return metadata;
}

function verticalMode(archive: BookArchive, book: PackageDocument, language: string | undefined): ArticleMetadata['writingMode'] {
  const primary = book.metadata ? descendants(book.metadata, 'meta').find((m) => m.getAttribute('name') === 'primary-writing-mode') : undefined;
  const declared = primary?.getAttribute('content')?.trim();
  if (declared === 'vertical-rl' || declared === 'vertical-lr') return declared;
  if (declared?.startsWith('horizontal')) return undefined;
  for (const item of book.manifest.values()) {
    if (item.mediaType !== 'text/css') continue;
    const css = archive.read(item.path);
    const rule = css && VERTICAL_RULE.exec(decodePackageText(css, item.path).replace(/\/\*[\s\S]*?\*\//g, ''));
    if (rule) return rule[1]!.toLowerCase() as 'vertical-rl' | 'vertical-lr';
  }
  return book.pageProgression === 'rtl' && language && VERTICAL_SCRIPTS.test(language) ? 'vertical-rl' : undefined;
}

/** The metadata's Dublin Core elements of this name (`dc:creator` → 'creator'), in order. */
function elements(book: PackageDocument, name: string): DomElement[] {
  if (!book.metadata) return [];
  return descendants(book.metadata, name).filter((e) => e.localName.toLowerCase().startsWith('dc:') || nameOf(e) === e.localName.toLowerCase());
}

/** The value of an EPUB 3 `<meta refines="#id" property="…">` for this element. */
function refinement(book: PackageDocument, element: DomElement, property: string): string | undefined {
  const id = element.getAttribute('id');
  if (!id || !book.metadata) return undefined;
  const meta = descendants(book.metadata, 'meta').find((m) => m.getAttribute('refines') === `#${id}` && m.getAttribute('property') === property);
  return meta ? textOf(meta) : undefined;
}
