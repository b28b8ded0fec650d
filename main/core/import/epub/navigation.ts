import type { DomElement } from '../html/dom.js';
import { parsePage } from '../html/parse.js';
import type { BookArchive } from './archive.js';
import type { PackageDocument } from './package-document.js';
import { resolveReference } from './paths.js';
import { decodePackageText } from './text.js';
import { descendants, first, parseXml, textOf } from './xml.js';

/** Longest chapter title taken from the navigation. */
const MAX_LABEL = 300;

/**
 * The book's table of contents as chapter titles: for each content
 * document, the label of the first entry that goes to it. From the EPUB 3
 * navigation document (its `toc` nav), else the EPUB 2 NCX. An entry that
 * goes to the document itself wins over one that goes to a place in it.
 */
export function chapterLabels(archive: BookArchive, book: PackageDocument): Map<string, string> {
  const entries = navEntries(archive, book);
  const whole = new Map<string, string>();
  const part = new Map<string, string>();
  for (const { href, label, from } of entries) {
    const target = resolveReference(from, href);
    if (!target || label === '') continue;
    const into = target.fragment ? part : whole;
    if (!into.has(target.path)) into.set(target.path, label.slice(0, MAX_LABEL));
  }
  for (const [path, label] of part) if (!whole.has(path)) whole.set(path, label);
  return whole;
}

interface NavEntry {
  href: string;
  label: string;
  /** The navigation file, which its hrefs are relative to. */
  from: string;
}

function navEntries(archive: BookArchive, book: PackageDocument): NavEntry[] {
  const nav = book.navigation && archive.read(book.navigation.path);
  if (nav) {
    const entries = navDocumentEntries(decodePackageText(nav, book.navigation!.path), book.navigation!.path);
    if (entries.length > 0) return entries;
  }
  const ncx = book.ncx && archive.read(book.ncx.path);
  return ncx ? ncxEntries(decodePackageText(ncx, book.ncx!.path), book.ncx!.path) : [];
}

/** The links of the navigation document's `epub:type="toc"` nav (or its first nav), in order. */
function navDocumentEntries(html: string, from: string): NavEntry[] {
  const body = parsePage(html).body;
  if (!body) return [];
  const navs = Array.from(body.querySelectorAll('nav'));
  const toc = navs.find((n) => /(^|\s)toc(\s|$)/.test(n.getAttribute('epub:type') ?? '')) ?? navs[0];
  if (!toc) return [];
  return Array.from(toc.querySelectorAll('a[href]')).map((a: DomElement) => ({ href: a.getAttribute('href')!, label: textOf(a), from }));
}

/** The NCX's navPoints, in order (nested ones after their parent). */
function ncxEntries(xml: string, from: string): NavEntry[] {
  const root = parseXml(xml);
  if (!root) return [];
  return descendants(root, 'navpoint').map((point) => ({
    href: first(point, 'content')?.getAttribute('src') ?? '',
    label: textOf(first(point, 'navlabel')),
    from,
  }));
}
