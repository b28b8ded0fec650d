import { isElement, isText, type DomElement, type DomNode } from '../html/dom.js';
import { refuseDeepNesting } from '../html/nesting.js';
import { parsePage } from '../html/parse.js';
import { mathText } from './math.js';
import { resolveReference } from './paths.js';

/** One content document of the book, as the article will hold it. */
export interface Chapter {
  /** Its path inside the package. */
  path: string;
  /** The id its first block gets in the article, which links to the document go to (`p3`). */
  anchor: string;
  /** Its title in the book's navigation, if it has one. */
  label?: string;
}

/** A chapter's body, ready for the allow-list mapping (see prepareChapter). */
export interface PreparedChapter {
  body: DomElement;
  /**
   * The chapter has its own title: its first words are a heading, or its
   * first heading says what the navigation calls it (after a page number,
   * say). It needs no heading from the navigation.
   */
  titled: boolean;
  /** The package paths of the documents its links go to. */
  linksTo: Set<string>;
  /** Set when the document says its text runs right to left (`dir="rtl"` on html or body). */
  direction?: 'rtl';
}

/** linkedom's element, with the few members the preparation changes the tree through. */
interface MutableElement extends DomElement {
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  replaceWith(...nodes: unknown[]): void;
  append(...nodes: unknown[]): void;
  readonly ownerDocument: { createElement(name: string): MutableElement; createTextNode(text: string): DomNode };
}

/** Elements that never have content: `<br/>` stays as it is; `<a id="x"/>` must not swallow what follows. */
const VOID = /^(?:area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr)$/i;

/**
 * Parses a chapter's XHTML with the web pages' parser and prepares it for
 * the same allow-list mapping (to-blocks), never through Readability: the
 * whole chapter is content.
 *
 * - `<x/>` (XML's empty element) is written `<x></x>`: the HTML parser would
 *   otherwise leave it open over the rest of the chapter.
 * - ids become unique across the book (`p3-note1`), and links between the
 *   book's documents (`ch2.xhtml#note1`, `ch2.xhtml`) become links of the
 *   article's own (`#p3-note1`, `#p3`); links to anything else in the
 *   package lose their address (their words stay).
 * - pictures' addresses become paths inside the package (read by the
 *   ImageCollector from the archive, never from disk).
 * - MathML becomes its text (see mathText) as inline code.
 * - heading levels shift so that the chapter's top level is 2 (or 3 under a
 *   title from the navigation): the book's title is the only level 1.
 */
export function prepareChapter(xhtml: string, chapter: Chapter, anchors: ReadonlyMap<string, string>, targets: Set<string>): PreparedChapter {
  const html = xhtml.replace(/<([a-zA-Z][\w:.-]*)(\s[^<>]*?)?\/>/g, (tag, name: string, attrs: string | undefined) =>
    VOID.test(name) ? tag : `<${name}${attrs ?? ''}></${name}>`,
  );
  refuseDeepNesting(html, chapter.path);
  const document = parsePage(html);
  const body = document.body as MutableElement;
  const dir = (body.getAttribute('dir') ?? document.documentElement?.getAttribute('dir') ?? '').trim().toLowerCase();
  const linksTo = new Set<string>();
  const headings: MutableElement[] = [];
  for (const element of Array.from(body.querySelectorAll('*')) as MutableElement[]) {
    const name = element.localName.toLowerCase();
    const id = element.getAttribute('id');
    if (id !== null) element.setAttribute('id', `${chapter.anchor}-${id}`);
    if (name === 'a') {
      const anchorName = element.getAttribute('name');
      if (anchorName !== null) element.setAttribute('name', `${chapter.anchor}-${anchorName}`);
      const href = element.getAttribute('href');
      if (href !== null) rewriteLink(element, href, chapter, anchors, targets, linksTo);
    } else if (name === 'img') {
      const src = element.getAttribute('src');
      const target = src === null ? undefined : resolveReference(chapter.path, src.trim());
      if (target) element.setAttribute('src', target.path);
    } else if (name === 'math') {
      replaceMath(element);
    } else if (/^h[1-6]$/.test(name)) {
      headings.push(element);
    }
  }
  const label = chapter.label === undefined ? undefined : sameWords(chapter.label);
  const titled = firstWordsInHeading(body) || (headings.length > 0 && sameWords(headings[0]!.textContent ?? '') === label);
  shiftHeadings(headings, titled ? 2 : 3);
  return { body, titled, linksTo, ...(dir === 'rtl' ? { direction: 'rtl' as const } : {}) };
}

function rewriteLink(a: MutableElement, href: string, chapter: Chapter, anchors: ReadonlyMap<string, string>, targets: Set<string>, linksTo: Set<string>): void {
  const trimmed = href.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) return; // the web, mail: to-blocks decides
  const target = resolveReference(chapter.path, trimmed);
  const anchor = target && anchors.get(target.path);
  if (!target || !anchor) {
    a.removeAttribute('href');
    return;
  }
  linksTo.add(target.path);
  const id = target.fragment ? `${anchor}-${target.fragment}` : anchor;
  targets.add(id);
  a.setAttribute('href', `#${encodeURIComponent(id)}`);
}

function replaceMath(math: MutableElement): void {
  const code = math.ownerDocument.createElement('code');
  code.append(math.ownerDocument.createTextNode(mathText(math)));
  if (math.getAttribute('display') === 'block') {
    const paragraph = math.ownerDocument.createElement('p');
    paragraph.append(code);
    math.replaceWith(paragraph);
  } else math.replaceWith(code);
}

/** Text compared as words: case, spaces and punctuation aside. */
const sameWords = (text: string): string => text.toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim();

/** True when the chapter's first visible words are in a heading. */
function firstWordsInHeading(body: DomElement): boolean {
  const steps: DomNode[] = [body];
  while (steps.length > 0) {
    const node = steps.pop()!;
    if (isText(node)) {
      if (node.data.trim() === '') continue;
      for (let up = node.parentNode; up; up = up.parentNode) {
        if (isElement(up) && /^h[1-6]$/i.test(up.localName)) return true;
      }
      return false;
    }
    if (!isElement(node) || /^(?:script|style|template|head)$/i.test(node.localName)) continue;
    const kids: DomNode[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) kids.push(child);
    for (let i = kids.length - 1; i >= 0; i--) steps.push(kids[i]!);
  }
  return false;
}

/** Renames the chapter's headings so that its highest level becomes `top` (never above 6). */
function shiftHeadings(headings: MutableElement[], top: number): void {
  if (headings.length === 0) return;
  const highest = Math.min(...headings.map((h) => Number(h.localName[1])));
  const shift = top - highest;
  if (shift === 0) return;
  for (const heading of headings) {
    const level = Math.min(6, Math.max(2, Number(heading.localName[1]) + shift));
    const renamed = heading.ownerDocument.createElement(`h${level}`);
    const id = heading.getAttribute('id');
    if (id !== null) renamed.setAttribute('id', id);
    const kids: DomNode[] = [];
    for (let child = heading.firstChild; child; child = child.nextSibling) kids.push(child);
    renamed.append(...kids);
    heading.replaceWith(renamed);
  }
}
