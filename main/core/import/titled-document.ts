import type { DocumentJSON } from '../../../shared/model.js';
import { cleanControlCharacters, collapseSpaces } from './clean-text.js';

/**
 * The article document: its title, then its blocks. A first heading that
 * only repeats the title is left out, so the title is not read twice.
 */
export function titledDocument(rawTitle: string, blocks: DocumentJSON[]): { title: string; document: DocumentJSON } {
  const title = collapseSpaces(cleanControlCharacters(rawTitle)) || 'Untitled';
  const first = blocks[0];
  const rest = first?.type === 'heading' && sameWords(inlineText(first), title) ? blocks.slice(1) : blocks;
  return {
    title,
    document: { type: 'doc', content: [{ type: 'title', content: [{ type: 'text', text: title }] }, ...rest] },
  };
}

/** True when some block has text or a picture in it (a page of empty blocks has nothing to read). */
export function hasReadableContent(blocks: DocumentJSON[]): boolean {
  const stack = [...blocks];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ((node.type === 'text' && node.text!.trim() !== '') || node.type === 'image') return true;
    for (const child of node.content ?? []) stack.push(child);
  }
  return false;
}

function inlineText(block: DocumentJSON): string {
  return (block.content ?? []).map((n) => n.text ?? ' ').join('');
}

const sameWords = (a: string, b: string) => collapseSpaces(a).toLowerCase() === collapseSpaces(b).toLowerCase();
