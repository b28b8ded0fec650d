import { parseHTML } from 'linkedom';
import { isElement, type DomDocument, type DomElement } from './dom.js';

/**
 * Parses a web page with linkedom. Nothing runs and nothing loads: linkedom
 * builds a tree and no more. A fragment without `<html>` is wrapped so that
 * its content lands in a `<body>`, as a browser would put it. `<base>`
 * elements are removed.
 */
export function parsePage(html: string): DomDocument {
  let document = parseHTML(html).document as unknown as DomDocument;
  if (document.documentElement?.localName !== 'html' || !document.body) {
    document = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`).document as unknown as DomDocument;
  }
  // linkedom (and Readability through it) would resolve relative links against <base href>:
  // a page could send them anywhere. They resolve against the page's own address or not at all.
  const bases = document.querySelectorAll('base');
  for (let i = bases.length - 1; i >= 0; i--) bases[i]!.remove();
  return document;
}

/** Parses a piece of HTML (a Markdown file's raw HTML block) as the body of an empty page. */
export function parseFragment(html: string): DomElement {
  return parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`).document.body as unknown as DomElement;
}

/** How big and how deep a page's element tree is. */
export interface PageShape {
  elements: number;
  depth: number;
}

/** Measures the tree without recursion (a hostile page nests 10,000 elements deep). */
export function measure(root: DomElement): PageShape {
  let elements = 0;
  let depth = 0;
  const stack: [DomElement, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [element, d] = stack.pop()!;
    elements++;
    if (d > depth) depth = d;
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (isElement(child)) stack.push([child, d + 1]);
    }
  }
  return { elements, depth };
}
