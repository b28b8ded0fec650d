import { Schema, type Node as PMNode } from 'prosemirror-model';
import type { DocumentJSON } from './model.js';

/**
 * The ProseMirror schema of an article. Articles are read-only: the schema
 * describes what an importer may produce, and links are kept as data
 * (`href`) but rendered inert (no `href` attribute in the DOM).
 */
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
      content: 'inline*',
      group: 'block',
      toDOM: () => ['p', 0],
      parseDOM: [{ tag: 'p' }],
    },
    heading: {
      attrs: { level: { default: 2, validate: 'number' } },
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

/** Builds the article node from stored JSON; throws when it does not fit the schema. */
export function documentFromJSON(json: DocumentJSON): PMNode {
  const node = articleSchema.nodeFromJSON(json);
  node.check();
  return node;
}
