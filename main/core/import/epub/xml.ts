import { DOMParser } from 'linkedom';
import type { DomElement } from '../html/dom.js';
import { isElement } from '../html/dom.js';

/**
 * Parses a package's XML file (container.xml, the OPF, the NCX) with
 * linkedom, which builds a tree and runs or loads nothing. It is not
 * namespace-aware: elements keep their prefix (`dc:title`), so they are
 * found by local name (see `nameOf`).
 */
export function parseXml(text: string): DomElement | null {
  const document = new DOMParser().parseFromString(text, 'text/xml') as unknown as { documentElement: DomElement | null };
  return document.documentElement;
}

/** An element's name without its namespace prefix, in lower case: `dc:Title` → `title`. */
export const nameOf = (element: DomElement): string => element.localName.replace(/^.*:/, '').toLowerCase();

/** The element's descendants with this local name, in document order (walked without recursion). */
export function descendants(root: DomElement, name: string): DomElement[] {
  const found: DomElement[] = [];
  const stack: DomElement[] = [root];
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (element !== root && nameOf(element) === name) found.push(element);
    const children: DomElement[] = [];
    for (let child = element.firstChild; child; child = child.nextSibling) if (isElement(child)) children.push(child);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return found;
}

/** The first descendant with this local name. */
export const first = (root: DomElement, name: string): DomElement | undefined => descendants(root, name)[0];

/** An element's text with runs of white space collapsed. */
export const textOf = (element: DomElement | undefined): string => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
