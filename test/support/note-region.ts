import { Parser, type Node } from 'commonmark';
import type { PresetName } from '../../main/core/export/index.js';

/*
 * Where a highlight's note sits in an export, as a CommonMark reader sees it:
 * to check that a note written as Markdown stays inside its own place (it
 * neither swallows what follows nor is cut short by it).
 */

const parser = new Parser();

/**
 * A Markdown tree as plain data to compare: each node's type, what it
 * carries (text, address, heading level, list kind…) and its children.
 * A list's tightness is left out: a note in a Logseq outline is a list
 * item's content, where one paragraph reads as a tight list.
 */
export function shapeOf(node: Node): unknown[] {
  const carried = [node.literal, node.destination, node.title, node.info, node.type === 'heading' ? node.level : null];
  if (node.type === 'list') carried.push(node.listType, node.listStart, node.listDelimiter);
  const children: unknown[] = [];
  for (let child = node.firstChild; child; child = child.next) children.push(shapeOf(child));
  return [node.type, ...carried.filter((c) => c !== null && c !== undefined), children];
}

/** The shapes of a Markdown text's top-level blocks. */
export function blockShapes(markdown: string): unknown[] {
  return childrenOf(parser.parse(markdown)).map(shapeOf);
}

const childrenOf = (node: Node): Node[] => {
  const found: Node[] = [];
  for (let child = node.firstChild; child; child = child.next) found.push(child);
  return found;
};

/** The text of a paragraph (its text nodes only). */
const textOf = (node: Node): string => {
  let text = '';
  const walker = node.walker();
  for (let step = walker.next(); step; step = walker.next()) if (step.entering && step.node.type === 'text') text += step.node.literal;
  return text;
};

/** What an export of two highlights, the first with a note and the tag `tag`, reads as around the note. */
export interface NoteRegion {
  /** The blocks the note was read as. */
  note: unknown[];
  /** What is wrong with the rest of the file (the tags, the second highlight), or null. */
  problem: string | null;
}

/**
 * Finds the note of the first of two highlights in an export with a preset:
 * between the first's block id (or quote) and its tags line (`tag`), or in
 * Logseq the child block of the first outline block. The second highlight
 * (`secondId`, `secondAnchor`) must follow, whole.
 */
export function noteRegion(markdown: string, preset: PresetName, tag: string, secondAnchor: string): NoteRegion {
  const doc = parser.parse(preset === 'obsidian' ? markdown.replace(/^---\n[\s\S]*?\n---\n/, '') : markdown);
  const blocks = childrenOf(doc);
  if (preset === 'logseq') {
    const outline = blocks.find((b) => b.type === 'list');
    const items = outline ? childrenOf(outline) : [];
    if (items.length !== 2) return { note: [], problem: `${items.length} outline blocks` };
    const [, , children, ...rest] = childrenOf(items[0]!);
    if (rest.length > 0 || children?.type !== 'list' || childrenOf(children).length !== 1) return { note: [], problem: 'the note is not one child block' };
    const second = childrenOf(items[1]!);
    if (!textOf(second[0]!).includes(secondAnchor) || second[1]?.type !== 'block_quote') return { note: [], problem: 'the second highlight is not whole' };
    return { note: childrenOf(childrenOf(children)[0]!).map(shapeOf), problem: null };
  }
  const tagLine = preset === 'obsidian' ? `#${tag}` : `Tags: ${tag}`;
  const firstQuote = blocks.findIndex((b) => b.type === 'block_quote');
  const start = preset === 'obsidian' ? firstQuote + 2 : firstQuote + 1;
  const end = blocks.findIndex((b, i) => i >= start && b.type === 'paragraph' && textOf(b) === tagLine);
  if (firstQuote < 0 || end < 0) return { note: [], problem: 'no tags line after the note' };
  const after = blocks.slice(end + 1);
  const anchor = preset === 'obsidian' ? after[1] : after[0];
  const quote = preset === 'obsidian' ? after[0] : after[1];
  const anchorText = anchor && (anchor.type === 'html_block' ? (anchor.literal ?? '') : textOf(anchor));
  if (!anchorText?.includes(secondAnchor) || quote?.type !== 'block_quote' || after.length !== 2) return { note: [], problem: 'the second highlight is not whole' };
  return { note: blocks.slice(start, end).map(shapeOf), problem: null };
}
