import { Schema, type Node as PMNode } from 'prosemirror-model';
import type { DocumentJSON } from './model.js';

/**
 * The ProseMirror schema of an article. Articles are read-only: the schema
 * describes what an importer may produce, and links are kept as data
 * (`href`) but rendered inert (no `href` attribute in the DOM).
 */
const BLANK_PIXEL = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

export const articleSchema = new Schema({
  nodes: {
    doc: { content: 'title block*' },
    title: {
      content: 'text*',
      marks: '',
      defining: true,
      toDOM: () => ['h1', { class: 'article-title' }, 0],
      parseDOM: [{ tag: 'h1.article-title' }],
    },
    paragraph: {
      // `anchor`: the id a link of the article's own (`#id`) goes to, kept from the source; never drawn.
      attrs: { anchor: { default: null, validate: 'string|null' } },
      content: 'inline*',
      group: 'block',
      toDOM: () => ['p', 0],
      parseDOM: [{ tag: 'p' }],
    },
    heading: {
      attrs: { level: { default: 2, validate: 'number' }, anchor: { default: null, validate: 'string|null' } },
      content: 'inline*',
      group: 'block',
      defining: true,
      toDOM: (node) => [`h${Math.min(6, Math.max(2, node.attrs.level as number))}`, 0],
      parseDOM: [2, 3, 4, 5, 6].map((level) => ({ tag: `h${level}`, attrs: { level } })),
    },
    blockquote: {
      content: 'block+',
      group: 'block',
      toDOM: () => ['blockquote', 0],
      parseDOM: [{ tag: 'blockquote' }],
    },
    code_block: {
      content: 'text*',
      marks: '',
      group: 'block',
      code: true,
      toDOM: () => ['pre', ['code', 0]],
      parseDOM: [{ tag: 'pre', preserveWhitespace: 'full' }],
    },
    horizontal_rule: {
      group: 'block',
      toDOM: () => ['hr'],
      parseDOM: [{ tag: 'hr' }],
    },
    bullet_list: {
      content: 'list_item+',
      group: 'block',
      toDOM: () => ['ul', 0],
      parseDOM: [{ tag: 'ul' }],
    },
    ordered_list: {
      attrs: { order: { default: 1, validate: 'number' } },
      content: 'list_item+',
      group: 'block',
      toDOM: (node) => ['ol', node.attrs.order === 1 ? {} : { start: String(node.attrs.order) }, 0],
      parseDOM: [{ tag: 'ol' }],
    },
    list_item: {
      content: 'block+',
      defining: true,
      toDOM: () => ['li', 0],
      parseDOM: [{ tag: 'li' }],
    },
    /**
     * A picture embedded in the article. `src` is always a `data:` URL of a
     * raster image (PNG, JPEG, GIF, WebP): nothing is ever fetched. It adds
     * nothing to the article text (highlights anchor on words, not pictures);
     * `alt` is kept for screen readers.
     */
    image: {
      attrs: {
        // The default (a transparent pixel) only makes the node generatable for ProseMirror; importers always set it.
        src: { default: BLANK_PIXEL, validate: validateImageSource },
        alt: { default: '', validate: 'string' },
      },
      group: 'block',
      atom: true,
      selectable: false,
      draggable: false,
      toDOM: (node) => ['img', { src: node.attrs.src as string, alt: node.attrs.alt as string }],
      parseDOM: [],
    },
    /** A picture with its caption; the caption is article text like any paragraph. */
    figure: {
      content: 'image figcaption?',
      group: 'block',
      toDOM: () => ['figure', 0],
      parseDOM: [],
    },
    figcaption: {
      content: 'inline*',
      toDOM: () => ['figcaption', 0],
      parseDOM: [],
    },
    /** A table: rows of cells; each cell holds blocks (its paragraphs are article text, row by row). */
    table: {
      content: 'table_row+',
      group: 'block',
      isolating: true,
      toDOM: () => ['table', ['tbody', 0]],
      parseDOM: [],
    },
    table_row: {
      content: 'table_cell+',
      toDOM: () => ['tr', 0],
      parseDOM: [],
    },
    table_cell: {
      attrs: {
        header: { default: false, validate: 'boolean' },
        colspan: { default: 1, validate: 'number' },
        rowspan: { default: 1, validate: 'number' },
      },
      content: 'block+',
      isolating: true,
      toDOM: (node) => [
        node.attrs.header ? 'th' : 'td',
        {
          ...(node.attrs.colspan !== 1 ? { colspan: String(node.attrs.colspan) } : {}),
          ...(node.attrs.rowspan !== 1 ? { rowspan: String(node.attrs.rowspan) } : {}),
        },
        0,
      ],
      parseDOM: [],
    },
    text: { group: 'inline' },
    hard_break: {
      inline: true,
      group: 'inline',
      selectable: false,
      leafText: () => '\n',
      toDOM: () => ['br'],
      parseDOM: [{ tag: 'br' }],
    },
  },
  marks: {
    em: { toDOM: () => ['em', 0], parseDOM: [{ tag: 'em' }, { tag: 'i' }] },
    strong: { toDOM: () => ['strong', 0], parseDOM: [{ tag: 'strong' }, { tag: 'b' }] },
    code: { toDOM: () => ['code', 0], parseDOM: [{ tag: 'code' }] },
    link: {
      attrs: { href: { validate: 'string' }, title: { default: null } },
      inclusive: false,
      // Inert: the URL is data. The reader decides what a click does.
      toDOM: (mark) => [
        'a',
        { class: 'article-link', 'data-href': mark.attrs.href as string, title: mark.attrs.href as string },
        0,
      ],
      parseDOM: [],
    },
  },
});

/** The only pictures an article may show: raster images carried inside the document. */
export const IMAGE_SOURCE = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/]*={0,2}$/;

function validateImageSource(value: unknown): void {
  if (typeof value !== 'string' || !IMAGE_SOURCE.test(value)) {
    throw new RangeError('An article image must be a data: URL of a PNG, JPEG, GIF or WebP image.');
  }
}

/** Builds the article node from stored JSON; throws when it does not fit the schema. */
export function documentFromJSON(json: DocumentJSON): PMNode {
  const node = articleSchema.nodeFromJSON(json);
  node.check();
  return node;
}
