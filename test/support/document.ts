import type { DocumentJSON } from '../../shared/model.js';

/** Every node of a type in an article document, in document order. */
export function nodesOf(doc: DocumentJSON, type: string): DocumentJSON[] {
  const found: DocumentJSON[] = [];
  const walk = (n: DocumentJSON) => {
    if (n.type === type) found.push(n);
    n.content?.forEach(walk);
  };
  walk(doc);
  return found;
}

/** A node's text, a hard break read as a line break. */
export const textOfNode = (n: DocumentJSON): string =>
  n.text ?? (n.type === 'hard_break' ? '\n' : (n.content ?? []).map(textOfNode).join(''));
