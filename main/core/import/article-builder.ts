import type { DocumentJSON } from '../../../shared/model.js';
import { cleanControlCharacters } from './clean-text.js';

/** A block an importer can open; inline content goes into the textblocks among them. */
export type BlockType =
  | 'paragraph'
  | 'heading'
  | 'code_block'
  | 'figcaption'
  | 'blockquote'
  | 'bullet_list'
  | 'ordered_list'
  | 'list_item'
  | 'table'
  | 'table_row'
  | 'table_cell'
  | 'figure';

/** An inline mark as it goes into the document JSON. */
export interface MarkJSON {
  type: 'em' | 'strong' | 'code' | 'link';
  attrs?: Record<string, unknown>;
}

/** An open block; `close` it when its source element ends. */
export interface Frame {
  readonly type: BlockType | 'doc';
  readonly node: DocumentJSON & { content: DocumentJSON[] };
  /** Opened by the builder itself (a paragraph for loose text, a list item for a stray list), not by the source. */
  readonly implicit: boolean;
  closed: boolean;
}

const TEXTBLOCKS = new Set<string>(['paragraph', 'heading', 'code_block', 'figcaption']);
const CONTAINERS = new Set<string>(['blockquote', 'bullet_list', 'ordered_list', 'list_item', 'table', 'table_row', 'table_cell', 'figure']);
/** What may sit in the document, a quote, a list item or a table cell. */
const FLOW = new Set<string>(['paragraph', 'heading', 'code_block', 'blockquote', 'bullet_list', 'ordered_list', 'table', 'figure', 'image', 'horizontal_rule']);
/** Mark order of the schema: marks must be stored in this order. */
const MARK_RANK = { em: 0, strong: 1, code: 2, link: 3 } as const;

/**
 * Containers nested deeper than this are flattened into their parent, so a
 * hostile page cannot make a document too deep to build, store or render.
 */
export const MAX_NESTING = 40;

/** An ordered list's first number from its source (`start`), or 1 when it is not a sensible one. */
export function listOrder(value: string | number | null): number {
  const n = value === null ? 1 : Number.parseInt(String(value), 10);
  return Number.isSafeInteger(n) && n >= 0 && n < 1e9 ? n : 1;
}

function accepts(parent: Frame['type'], child: string): boolean {
  switch (parent) {
    case 'doc':
    case 'blockquote':
    case 'list_item':
    case 'table_cell':
      return FLOW.has(child);
    case 'figure':
      return FLOW.has(child) || child === 'figcaption';
    case 'bullet_list':
    case 'ordered_list':
      return child === 'list_item';
    case 'table':
      return child === 'table_row';
    case 'table_row':
      return child === 'table_cell';
    default:
      return false; // textblocks hold inline content only
  }
}

/**
 * Builds article document JSON that always fits the schema, from a stream of
 * "open this block, add this text, close it" calls — the shape both the HTML
 * and the Markdown importers walk their sources in. It repairs what sources
 * get wrong: loose text gets a paragraph, a list's stray content a list item,
 * a table's a row and cell; a block inside a paragraph splits it; empty
 * blocks are dropped; nesting is capped. Spaces collapse as a browser shows
 * them, except in code blocks.
 */
export class ArticleBuilder {
  /** The id a link of the article's own goes to, waiting for the next paragraph or heading. */
  private pendingAnchor: string | null = null;

  private readonly root: Frame = { type: 'doc', node: { type: 'doc', content: [] }, implicit: false, closed: false };
  private readonly stack: Frame[] = [this.root];
  private containerDepth = 0;

  private get top(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  /**
   * Opens a block. Returns null when the block is not opened (a table cell
   * outside a table, or nesting too deep): its content then flows into the
   * enclosing block, and `close(null)` just ends the line.
   */
  open(type: BlockType, attrs?: Record<string, unknown>, implicit = false): Frame | null {
    const placed = this.makeRoomFor(type);
    if (!placed) return null;
    if (this.pendingAnchor !== null && (type === 'paragraph' || type === 'heading')) {
      attrs = { ...attrs, anchor: this.pendingAnchor };
      this.pendingAnchor = null;
    }
    if (placed === 'paragraph' && type === 'figcaption') type = 'paragraph';
    // The cap applies to the source's own blocks; the item, row or cell a stray block needs is always added.
    if (CONTAINERS.has(type) && !implicit && this.containerDepth >= MAX_NESTING) return null;
    const node: Frame['node'] = { type, ...(attrs ? { attrs } : {}), content: [] };
    this.top.node.content.push(node);
    const frame: Frame = { type, node, implicit, closed: false };
    this.stack.push(frame);
    if (CONTAINERS.has(type)) this.containerDepth++;
    return frame;
  }

  /**
   * Names the next paragraph or heading opened as where a link of the
   * article's own (`#id`) goes: the source's `id` is on it, or on an
   * element just before it (an empty `<a id>`, a picture, a section).
   */
  anchor(id: string): void {
    this.pendingAnchor ??= id;
  }

  /** Closes a block (and whatever is still open inside it). A block already closed, or null, ends the line instead. */
  close(frame: Frame | null): void {
    if (!frame || frame.closed) {
      this.lineBreakBetweenBlocks();
      return;
    }
    while (!frame.closed) this.closeTop();
  }

  /** Where a block element starts or ends without being a block of its own (a `div`): loose text before and after are separate paragraphs. */
  lineBreakBetweenBlocks(): void {
    const top = this.top;
    if (!TEXTBLOCKS.has(top.type) || top.node.content.length === 0) return;
    if (top.implicit || top.type === 'paragraph') this.closeTop();
    else if (top.type !== 'code_block') this.text(' ', []);
  }

  /** Adds a leaf block: a horizontal rule or an image. Inside a paragraph it splits the paragraph. */
  leaf(node: DocumentJSON): void {
    if (this.makeRoomFor(node.type)) this.top.node.content.push(node);
  }

  /** Adds text with these marks (outer to inner, as the source nests them). */
  text(raw: string, marks: readonly MarkJSON[]): void {
    if (!TEXTBLOCKS.has(this.top.type)) {
      if (/^[ \t\n\r\f]*$/.test(raw)) return;
      if (!this.open('paragraph', undefined, true)) return;
    }
    const frame = this.top;
    const content = frame.node.content;
    let text = cleanControlCharacters(raw.replace(/\r\n?/g, '\n'));
    if (frame.type === 'code_block') {
      appendText(content, text, undefined);
      return;
    }
    text = text.replace(/[ \t\n\f]+/g, ' ');
    if (text.startsWith(' ') && atLineStart(content)) text = text.slice(1);
    if (text === '') return;
    appendText(content, text, normaliseMarks(marks));
  }

  /** A line break inside a paragraph (`<br>`, or a Markdown hard break). */
  hardBreak(): void {
    const top = this.top;
    if (top.type === 'code_block') return this.text('\n', []);
    if (!TEXTBLOCKS.has(top.type)) return; // a break between blocks changes nothing
    trimTrailingSpace(top.node.content);
    top.node.content.push({ type: 'hard_break' });
  }

  /** Closes everything and returns the blocks built. */
  finish(): DocumentJSON[] {
    while (this.stack.length > 1) this.closeTop();
    return this.root.node.content;
  }

  /**
   * Closes or opens what is needed so that a block of this type can go on
   * top: a paragraph in progress is ended, implicit blocks that cannot hold
   * it are closed, and lists and tables get the item, row or cell it needs.
   * Returns false when the block cannot be placed (a table part outside a
   * table), 'paragraph' when a caption must become a paragraph, true otherwise.
   */
  private makeRoomFor(type: string): boolean | 'paragraph' {
    if (TEXTBLOCKS.has(this.top.type)) this.closeTop();
    while (this.top.implicit && !accepts(this.top.type, type)) this.closeTop();
    const top = this.top;
    if (accepts(top.type, type)) return true;
    if (type === 'figcaption') return this.makeRoomFor('paragraph') ? 'paragraph' : false;
    if (type === 'table_row' || type === 'table_cell') {
      if (top.type === 'table' && type === 'table_cell') return this.open('table_row', undefined, true) !== null;
      return false;
    }
    if (top.type === 'bullet_list' || top.type === 'ordered_list') {
      // Content between list items belongs to the item before it (`<ul><li>a</li><ul>…</ul></ul>`).
      const last = top.node.content[top.node.content.length - 1];
      if (last?.type === 'list_item' && last.content) {
        this.stack.push({ type: 'list_item', node: last as Frame['node'], implicit: true, closed: false });
        this.containerDepth++;
      } else if (!this.open('list_item', undefined, true)) return false;
    } else if (top.type === 'table') {
      if (!this.open('table_row', undefined, true) || !this.open('table_cell', undefined, true)) return false;
    } else if (top.type === 'table_row') {
      if (!this.open('table_cell', undefined, true)) return false;
    } else if (type === 'list_item') {
      if (!this.open('bullet_list', undefined, true)) return false;
    } else {
      return false;
    }
    return accepts(this.top.type, type);
  }

  private closeTop(): void {
    const frame = this.stack.pop()!;
    frame.closed = true;
    if (CONTAINERS.has(frame.type)) this.containerDepth--;
    const siblings = this.top.node.content;
    const replacement = finished(frame);
    // The frame's node is the last child of its parent: nothing is added to a parent while a child is open.
    siblings.splice(siblings.length - 1, 1, ...replacement);
  }
}

/** What a closed block becomes: itself, nothing (empty), or its children (a figure that is not one picture). */
function finished(frame: Frame): DocumentJSON[] {
  const node = frame.node;
  const content = node.content;
  switch (frame.type) {
    case 'paragraph':
    case 'heading':
    case 'figcaption':
      trimTrailingSpace(content);
      while (content[0]?.type === 'hard_break') content.shift();
      while (content[content.length - 1]?.type === 'hard_break') {
        content.pop();
        trimTrailingSpace(content);
      }
      return content.length > 0 ? [node] : [];
    case 'code_block':
      return content.length > 0 ? [node] : [];
    case 'table_cell':
      if (content.length === 0) content.push({ type: 'paragraph' });
      return [node];
    case 'figure':
      return finishedFigure(node);
    case 'table':
      // A one-cell table is page layout, not data: keep what is in it.
      if (content.length === 1 && content[0]!.content?.length === 1) {
        return (content[0]!.content[0]!.content ?? []).filter((n) => n.type !== 'paragraph' || n.content?.length);
      }
      return content.length > 0 ? [node] : [];
    default:
      return content.length > 0 ? [node] : [];
  }
}

function finishedFigure(node: Frame['node']): DocumentJSON[] {
  const images = node.content.filter((n) => n.type === 'image');
  const captions = node.content.filter((n) => n.type === 'figcaption');
  if (images.length === 1 && captions.length === 1 && node.content.length === 2) {
    return [{ type: 'figure', content: [images[0]!, captions[0]!] }];
  }
  // Anything else is not one captioned picture: its parts stand on their own.
  return node.content.map((n) => (n.type === 'figcaption' ? { ...n, type: 'paragraph' } : n));
}

function atLineStart(content: DocumentJSON[]): boolean {
  const last = content[content.length - 1];
  return !last || last.type === 'hard_break' || (last.text?.endsWith(' ') ?? false);
}

function trimTrailingSpace(content: DocumentJSON[]): void {
  const last = content[content.length - 1];
  if (last?.type !== 'text' || !last.text!.endsWith(' ')) return;
  last.text = last.text!.replace(/ +$/, '');
  if (last.text === '') content.pop();
}

function appendText(content: DocumentJSON[], text: string, marks: MarkJSON[] | undefined): void {
  if (text === '') return;
  const last = content[content.length - 1];
  if (last?.type === 'text' && sameMarks(last.marks as MarkJSON[] | undefined, marks)) {
    last.text += text;
    return;
  }
  content.push(marks && marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text });
}

/** One mark of each type (the innermost link wins), in schema order. */
function normaliseMarks(marks: readonly MarkJSON[]): MarkJSON[] {
  const byType = new Map<MarkJSON['type'], MarkJSON>();
  for (const mark of marks) byType.set(mark.type, mark);
  return [...byType.values()].sort((a, b) => MARK_RANK[a.type] - MARK_RANK[b.type]);
}

function sameMarks(a: MarkJSON[] | undefined, b: MarkJSON[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((m, i) => m.type === y[i]!.type && JSON.stringify(m.attrs) === JSON.stringify(y[i]!.attrs));
}
