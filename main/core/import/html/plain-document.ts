import { isElement, isText, type DomElement, type DomNode } from './dom.js';

/** Below this many elements a page is read through Readability whatever it looks like: it is quick. */
const LARGE_PAGE_ELEMENTS = 3000;
/** What makes a page a web site page rather than a document: its navigation, banners, forms and frames. */
const SITE_CHROME = new Set(['nav', 'aside', 'header', 'footer', 'form', 'iframe', 'menu']);
const SITE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search']);

/**
 * True for a large page that is already just a document — a book saved from
 * Project Gutenberg, say: no site navigation, banners, forms or frames, nine
 * tenths of its text in paragraphs, hardly any of it in links. Such a page is
 * imported whole: Readability would keep all of it anyway, and on a book its
 * work grows faster than the book (a second for War and Peace).
 */
export function isPlainDocument(body: DomElement, elements: number): boolean {
  if (elements < LARGE_PAGE_ELEMENTS) return false;
  let total = 0;
  let inParagraphs = 0;
  let inLinks = 0;
  const steps: { node: DomNode; paragraph: boolean; link: boolean }[] = [{ node: body, paragraph: false, link: false }];
  while (steps.length > 0) {
    const { node, paragraph, link } = steps.pop()!;
    if (isText(node)) {
      const length = node.data.trim().length;
      total += length;
      if (paragraph) inParagraphs += length;
      if (link) inLinks += length;
      continue;
    }
    if (!isElement(node)) continue;
    const name = node.localName.toLowerCase();
    if (SITE_CHROME.has(name) || SITE_ROLES.has(node.getAttribute('role') ?? '')) return false;
    if (name === 'script' || name === 'style' || name === 'template') continue;
    for (let child = node.firstChild; child; child = child.nextSibling) {
      steps.push({ node: child, paragraph: paragraph || name === 'p', link: link || name === 'a' });
    }
  }
  return total > 0 && inParagraphs >= total * 0.9 && inLinks < total * 0.1;
}
