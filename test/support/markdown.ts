import { Parser, type Node } from 'commonmark';
import { parse as parseYaml } from 'yaml';

/** A parsed export: its front matter, and the Markdown body as a CommonMark tree. */
export interface ParsedExport {
  frontMatter: Record<string, unknown>;
  body: Node;
}

/** Splits off the YAML front matter and parses both parts, as a note-taking app would. */
export function parseExport(markdown: string): ParsedExport {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  if (!match) throw new Error('no front matter');
  return {
    frontMatter: parseYaml(match[1]!) as Record<string, unknown>,
    body: new Parser().parse(markdown.slice(match[0].length)),
  };
}

/** The plain text of a node: text and code, soft and hard breaks as spaces/newlines. */
export function textOf(node: Node): string {
  let text = '';
  const walker = node.walker();
  for (let step = walker.next(); step; step = walker.next()) {
    if (!step.entering) {
      if (step.node.type === 'paragraph' && step.node.next) text += '\n';
      continue;
    }
    const n = step.node;
    if (n.type === 'text' || n.type === 'code') text += n.literal ?? '';
    else if (n.type === 'softbreak') text += ' ';
    else if (n.type === 'linebreak') text += '\n';
    else if (n.type === 'html_inline' || n.type === 'html_block') text += `<<HTML:${n.literal}>>`;
  }
  return text;
}

/** The top-level blocks of a document. */
export function blocksOf(doc: Node): Node[] {
  const blocks: Node[] = [];
  for (let child = doc.firstChild; child; child = child.next) blocks.push(child);
  return blocks;
}
