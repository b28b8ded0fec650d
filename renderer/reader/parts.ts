import { Schema, type Node as PMNode } from 'prosemirror-model';
import { articleSchema } from '../../shared/article-schema.js';
import type { DocumentJSON } from '../../shared/model.js';

/**
 * The reader shows an article's blocks in *parts* of a few screens each.
 * Each part skips style, layout and paint while it is far from the screen
 * (`content-visibility: auto`), so the browser's per-frame work grows with
 * the number of parts (a few hundred for War and Peace), not with the
 * book's 12,000 blocks. A part is the reader's own wrapper: it adds nothing
 * to the article text (selectors and offsets are unchanged) and is never
 * stored.
 */
export const readerSchema = new Schema({
  nodes: articleSchema.spec.nodes.update('doc', { content: 'title part*' }).addToEnd('part', {
    content: 'block+',
    // Its text's size, from which the style sheet estimates its height before it is first laid out
    // (reader.css): data, not a style attribute, which imported content never has either.
    toDOM: (node) => ['div', { class: 'article-part', 'data-chars': String(node.content.size), 'data-blocks': String(node.childCount) }, 0],
  }),
  marks: articleSchema.spec.marks,
});

/** About how much text a part holds: two to three screens of a book. */
export const PART_CHARACTERS = 12_000;
/** At most this many blocks in one part (short blocks: verse, dialogue, tables of contents). */
export const PART_BLOCKS = 120;

type NodeJSON = { type: string; text?: string; content?: NodeJSON[] };

/** Characters of text in a node's JSON, counted without building it. */
function textLength(node: NodeJSON): number {
  if (typeof node.text === 'string') return node.text.length;
  let length = 0;
  for (const child of node.content ?? []) length += textLength(child);
  return length;
}

/**
 * The reader's document for a stored article: its title, then its blocks in
 * parts; throws when the article does not fit the schema.
 */
export function readerDocument(json: DocumentJSON): PMNode {
  const [title, ...blocks] = (json.content ?? []) as NodeJSON[];
  const parts: NodeJSON[] = [];
  let part: NodeJSON[] = [];
  let characters = 0;
  for (const block of blocks) {
    // A chapter starts a part of its own where the part before it is not too small.
    if (block.type === 'heading' && characters >= PART_CHARACTERS / 4) {
      parts.push({ type: 'part', content: part });
      part = [];
      characters = 0;
    }
    part.push(block);
    characters += textLength(block);
    if (characters >= PART_CHARACTERS || part.length >= PART_BLOCKS) {
      parts.push({ type: 'part', content: part });
      part = [];
      characters = 0;
    }
  }
  if (part.length > 0) parts.push({ type: 'part', content: part });
  const doc = readerSchema.nodeFromJSON({ type: 'doc', content: [title ?? { type: 'title' }, ...parts] });
  doc.check();
  return doc;
}

/** The empty document the reader shows before an article arrives. */
export const blankDocument = (): PMNode => readerSchema.nodeFromJSON({ type: 'doc', content: [{ type: 'title' }] });
