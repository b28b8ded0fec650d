import { Parser, type Node } from 'commonmark';
import { parse as parseYaml } from 'yaml';
import MarkdownIt from 'markdown-it';

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

/** One highlight as a reader of a parsed export sees it. */
export interface ReadHighlight {
  /** The block id, UUID or comment id that marks it. */
  id: string;
  color?: string;
  /** Quote paragraphs joined by '\n'. */
  quote: string;
  /** Paragraphs after the quote (note, then tags when there are any), each as text. */
  after: string[];
  /** Marked as orphaned: an `[!orphaned|…]` callout, an `orphaned:: true` property, or plain's notice line. */
  orphaned: boolean;
}

/** What the plain preset writes between an orphaned highlight's id and its quote. */
export const PLAIN_ORPHAN_NOTICE = 'Orphaned: this passage is no longer in the article.';

/**
 * The text of a paragraph-like node: text, code and entities as they read;
 * soft and hard line breaks as '\n'; raw HTML marked (it never should appear).
 */
export function inlineText(node: Node): string {
  let text = '';
  const walker = node.walker();
  for (let step = walker.next(); step; step = walker.next()) {
    if (!step.entering) continue;
    const n = step.node;
    if (n.type === 'text' || n.type === 'code') text += n.literal ?? '';
    else if (n.type === 'softbreak' || n.type === 'linebreak') text += '\n';
    else if (n.type === 'html_inline') text += `<<HTML:${n.literal}>>`;
    else if (n !== node && n.type !== 'emph' && n.type !== 'strong') text += `<<${n.type}>>`;
  }
  return text;
}

/** Paragraph texts of a container's children; anything but a paragraph is marked. */
function paragraphsOf(node: Node): string[] {
  return blocksOf(node).map((b) => (b.type === 'paragraph' ? inlineText(b) : `<<${b.type}>>`));
}

const parser = new Parser();

/** Reads an export written with a preset back into its highlights. */
export function readExport(markdown: string, preset: 'plain' | 'obsidian' | 'logseq'): ReadHighlight[] {
  const doc = parser.parse(preset === 'obsidian' ? markdown.replace(/^---\n[\s\S]*?\n---\n/, '') : markdown);
  const blocks = blocksOf(doc);
  const found: ReadHighlight[] = [];
  if (preset === 'logseq') {
    for (const list of blocks.filter((b) => b.type === 'list')) {
      for (const item of blocksOf(list)) {
        const [properties, quote, notes, ...rest] = blocksOf(item);
        if (!properties || properties.type !== 'paragraph' || quote?.type !== 'block_quote' || rest.length > 0) {
          throw new Error(`not a highlight block: ${blocksOf(item).map((b) => b.type)}`);
        }
        const props = new Map(inlineText(properties).split('\n').map((l) => l.split(':: ') as [string, string]));
        const after = notes ? blocksOf(notes).flatMap((n) => paragraphsOf(n)) : [];
        if (notes && notes.type !== 'list') throw new Error(`not a note list: ${notes.type}`);
        const orphaned = props.get('orphaned') === 'true';
        found.push({ id: props.get('id')!, color: props.get('background-color'), quote: paragraphsOf(quote).join('\n'), after, orphaned });
      }
    }
    return found;
  }
  let current: ReadHighlight | undefined;
  let notice = -1; // the block index of plain's orphan notice, read with its highlight
  for (const [i, block] of blocks.entries()) {
    if (i === notice) continue;
    if (preset === 'obsidian' && block.type === 'block_quote') {
      const paragraphs = paragraphsOf(block);
      const header = /^\[!(quote|orphaned)\|(\w+)\]( Orphaned: this passage is no longer in the article)?(?:\n|$)/.exec(paragraphs[0] ?? '');
      if (!header) throw new Error(`not a quote callout: ${paragraphs[0]}`);
      const orphaned = header[1] === 'orphaned';
      if (orphaned !== (header[3] !== undefined)) throw new Error(`an orphaned callout, and only one, has a title: ${paragraphs[0]}`);
      paragraphs[0] = paragraphs[0]!.slice(header[0].length);
      const id = blocks[i + 1] && inlineText(blocks[i + 1]!);
      if (!id?.startsWith('^')) throw new Error(`no block id after the callout: ${id}`);
      current = { id: id.slice(1), color: header[2], quote: paragraphs.filter((p) => p !== '').join('\n'), after: [], orphaned };
      found.push(current);
    } else if (preset === 'plain' && block.type === 'html_block') {
      const id = /^<!-- (h-[a-z0-9]+) -->$/.exec(block.literal!.trim());
      if (!id) throw new Error(`unexpected HTML: ${block.literal}`);
      const next = blocks[i + 1];
      const orphaned = next?.type === 'paragraph' && inlineText(next) === PLAIN_ORPHAN_NOTICE;
      if (orphaned) notice = i + 1;
      const quote = blocks[i + (orphaned ? 2 : 1)];
      if (quote?.type !== 'block_quote') throw new Error('no quote after the id');
      current = { id: id[1]!, quote: paragraphsOf(quote).join('\n'), after: [], orphaned };
      found.push(current);
    } else if (current && block.type === 'paragraph') {
      const text = inlineText(block);
      if (!(preset === 'obsidian' && text === `^${current.id}` && current.after.length === 0)) current.after.push(text);
    } else if (current && !(preset === 'plain' && block.type === 'block_quote')) {
      current.after.push(`<<${block.type}>>`);
    }
  }
  return found;
}

const markdownIt = new MarkdownIt('commonmark');

/**
 * The text of every paragraph, heading and HTML block of a Markdown body, in
 * order, as commonmark.js and as markdown-it read it: two conforming parsers
 * must agree.
 */
export function leafTexts(markdown: string, reader: 'commonmark' | 'markdown-it'): string[] {
  const texts: string[] = [];
  if (reader === 'commonmark') {
    const walker = parser.parse(markdown).walker();
    for (let step = walker.next(); step; step = walker.next()) {
      const n = step.node;
      if (!step.entering) continue;
      if (n.type === 'paragraph' || n.type === 'heading') texts.push(inlineText(n));
      else if (n.type === 'html_block' || n.type === 'code_block') texts.push(`<<${n.type}:${(n.literal ?? '').trimEnd()}>>`);
    }
    return texts;
  }
  for (const token of markdownIt.parse(markdown, {})) {
    if (token.type === 'html_block' || token.type === 'code_block' || token.type === 'fence') {
      texts.push(`<<${token.type === 'fence' ? 'code_block' : token.type}:${token.content.trimEnd()}>>`);
    }
    if (token.type !== 'inline') continue;
    let text = '';
    for (const child of token.children ?? []) {
      if (child.type === 'text' || child.type === 'text_special' || child.type === 'code_inline') text += child.content;
      else if (child.type === 'softbreak' || child.type === 'hardbreak') text += '\n';
      else if (child.type === 'html_inline') text += `<<HTML:${child.content}>>`;
      else if (!/^(em|strong)_(open|close)$/.test(child.type)) text += `<<${child.type}>>`;
    }
    texts.push(text);
  }
  return texts;
}
