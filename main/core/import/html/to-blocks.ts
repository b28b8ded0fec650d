import { listOrder, type ArticleBuilder, type BlockType, type Frame, type MarkJSON } from '../article-builder.js';
import { pictureDescription, type ImageCollector } from '../images.js';
import { safeLinkHref } from '../links.js';
import type { PictureDescriptions } from './descriptions.js';
import { isElement, isText, type DomElement, type DomNode } from './dom.js';

/** What the mapping needs besides the page: where relative links point, and which pictures may be kept. */
export interface MappingContext {
  pageUrl: string | undefined;
  images: ImageCollector;
  /** The ids the page's own links (`#id`) go to: those elements' places are kept (see ArticleBuilder.anchor). */
  anchorTargets?: ReadonlySet<string>;
  /** Which descriptions to show for pictures not kept; without it, every picture's description is shown. */
  descriptions?: PictureDescriptions;
}

/**
 * Elements whose content is never article text: scripts, styles, embedded
 * documents and plug-ins, media, form controls, and the page's head. They are
 * skipped whole, so nothing in them can reach the article.
 */
const SKIPPED = new Set([
  'script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'iframe', 'frame', 'frameset', 'embed',
  'portal', 'applet', 'param', 'audio', 'video', 'source', 'track', 'canvas', 'map', 'area', 'input', 'button',
  'select', 'option', 'optgroup', 'datalist', 'textarea', 'output', 'meter', 'progress', 'head', 'title', 'meta',
  'link', 'base', 'colgroup', 'col', 'caption', 'dialog', 'slot', 'xmp', 'plaintext', 'annotation',
  'annotation-xml',
]);

/** Elements shown as blocks that have no node of their own: text before, inside and after them are separate paragraphs. */
const LAYOUT_BLOCKS = new Set([
  'html', 'body', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'address', 'center',
  'details', 'summary', 'fieldset', 'legend', 'hgroup', 'dl', 'dd', 'form', 'search', 'thead', 'tbody', 'tfoot',
  'object',
]);

const MARKS: Record<string, MarkJSON['type']> = {
  em: 'em', i: 'em', cite: 'em', dfn: 'em', var: 'em',
  strong: 'strong', b: 'strong',
  code: 'code', kbd: 'code', samp: 'code', tt: 'code',
};

type Step = DomNode | (() => void);

/**
 * Maps a page's content (the article Readability found, or a whole body) to
 * article blocks. It is an allow-list: only text, and the structure the
 * article schema has (paragraphs, headings 2–6, lists, quotes, code, tables,
 * pictures, emphasis, links), come through; no attribute is copied except a
 * link's checked address, a picture's checked `data:` URL and its description,
 * and a table cell's spans. The walk uses its own stack, not recursion, so
 * no page is too deep for it.
 */
export function mapHtmlToBlocks(root: DomElement, builder: ArticleBuilder, context: MappingContext): void {
  const marks: MarkJSON[] = [];
  const steps: Step[] = [root];
  while (steps.length > 0) {
    const step = steps.pop()!;
    if (typeof step === 'function') {
      step();
      continue;
    }
    if (isText(step)) {
      builder.text(step.data, marks);
      continue;
    }
    if (!isElement(step)) continue; // comments, processing instructions, doctype
    const leave = enter(step, builder, context, marks);
    if (leave === SKIP) continue;
    if (leave) steps.push(leave);
    const children: DomNode[] = [];
    for (let child = step.firstChild; child; child = child.nextSibling) children.push(child);
    for (let i = children.length - 1; i >= 0; i--) steps.push(children[i]!);
  }
}

const SKIP = Symbol('skip');

/** Starts an element; returns what to do when it ends, or SKIP when its content is not to be read. */
function enter(el: DomElement, builder: ArticleBuilder, context: MappingContext, marks: MarkJSON[]): (() => void) | undefined | typeof SKIP {
  const name = el.localName.toLowerCase();
  if (SKIPPED.has(name) || el.hasAttribute('hidden')) return SKIP;
  const id = el.getAttribute('id') ?? (name === 'a' ? el.getAttribute('name') : null);
  if (id !== null && context.anchorTargets?.has(id)) builder.anchor(id);

  const block = (type: BlockType, attrs?: Record<string, unknown>) => {
    const frame = builder.open(type, attrs);
    return () => builder.close(frame);
  };
  const mark = (m: MarkJSON) => {
    marks.push(m);
    return () => void marks.pop();
  };

  switch (name) {
    case 'p':
      return block('paragraph');
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return block('heading', { level: Math.max(2, Number(name[1])) });
    case 'blockquote':
      return block('blockquote');
    case 'ul':
    case 'menu':
    case 'dir':
      return block('bullet_list');
    case 'ol':
      return block('ordered_list', { order: listOrder(el.getAttribute('start')) });
    case 'li':
      return block('list_item');
    case 'tr':
      return block('table_row');
    case 'td':
    case 'th':
      return block('table_cell', { header: name === 'th', colspan: span(el.getAttribute('colspan')), rowspan: span(el.getAttribute('rowspan')) });
    case 'table':
      return table(el, builder);
    case 'figure':
      return block('figure');
    case 'figcaption':
      return block('figcaption');
    case 'dt': {
      const frame = builder.open('paragraph');
      marks.push({ type: 'strong' });
      return () => {
        marks.pop();
        builder.close(frame);
      };
    }
    case 'pre':
      codeBlock(el, builder);
      return SKIP;
    case 'hr':
      builder.leaf({ type: 'horizontal_rule' });
      return SKIP;
    case 'br':
      builder.hardBreak();
      return SKIP;
    case 'img':
      picture(el, builder, context, marks);
      return SKIP;
    case 'svg':
      builder.text(svgText(el), marks);
      return SKIP;
    case 'a': {
      const raw = el.getAttribute('href');
      const href = raw === null ? null : safeLinkHref(raw, context.pageUrl);
      if (!href) return undefined;
      const title = el.getAttribute('title');
      return mark({ type: 'link', attrs: { href, title: title ? title.trim().slice(0, 1000) || null : null } });
    }
  }
  const markType = MARKS[name];
  if (markType) return mark({ type: markType });
  if (LAYOUT_BLOCKS.has(name)) {
    builder.lineBreakBetweenBlocks();
    return () => builder.lineBreakBetweenBlocks();
  }
  return undefined; // span, font, sup, abbr, custom elements…: their content, unmarked
}

/** A table, preceded by its caption as a paragraph of its own. */
function table(el: DomElement, builder: ArticleBuilder): () => void {
  for (let child = el.firstChild; child; child = child.nextSibling) {
    if (isElement(child) && child.localName.toLowerCase() === 'caption') {
      const caption = (child.textContent ?? '').trim();
      if (caption) {
        const frame = builder.open('paragraph');
        builder.text(caption, []);
        builder.close(frame);
      }
    }
  }
  const frame: Frame | null = builder.open('table');
  return () => builder.close(frame);
}

/** A `<pre>` keeps its text exactly: line breaks, runs of spaces, indentation. */
function codeBlock(pre: DomElement, builder: ArticleBuilder): void {
  let text = '';
  const steps: DomNode[] = [pre];
  while (steps.length > 0) {
    const node = steps.pop()!;
    if (isText(node)) text += node.data;
    else if (isElement(node)) {
      const name = node.localName.toLowerCase();
      if (name === 'br') text += '\n';
      else if (node === pre || !SKIPPED.has(name)) {
        const children: DomNode[] = [];
        for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
        for (let i = children.length - 1; i >= 0; i--) steps.push(children[i]!);
      }
    }
  }
  // As in browsers, a newline right after <pre> is not part of the text; nor are trailing newlines.
  text = text.replace(/^\r?\n/, '').replace(/\s+$/, '');
  if (text.trim() === '') return;
  const frame = builder.open('code_block');
  builder.text(text, []);
  builder.close(frame);
}

/** A picture kept in the article, or its description in its place. */
function picture(img: DomElement, builder: ArticleBuilder, context: MappingContext, marks: MarkJSON[]): void {
  const alt = pictureDescription(img.getAttribute('alt'));
  const src = context.images.source(img.getAttribute('src') ?? '');
  if (src) {
    builder.leaf({ type: 'image', attrs: { src, alt } });
    return;
  }
  const shown = context.descriptions ? context.descriptions.of(img) : alt;
  if (shown) builder.text(` ${shown} `, marks); // a word of its own, as a browser shows a missing picture
}

/** The words an inline SVG shows (its `<text>`), without anything else in it. */
function svgText(svg: DomElement): string {
  const parts: string[] = [];
  const texts = svg.querySelectorAll('text');
  for (let i = 0; i < texts.length; i++) parts.push(texts[i]!.textContent ?? '');
  return parts.join(' ');
}

function span(value: string | null): number {
  const n = value === null ? 1 : Number.parseInt(value, 10);
  return Number.isSafeInteger(n) && n >= 1 && n <= 1000 ? n : 1;
}
