import type { Node as PMNode } from 'prosemirror-model';

/**
 * The article text that selectors refer to: the text of every textblock
 * (title, headings, paragraphs, code blocks) joined by "\n", with a hard break
 * read as "\n". For an imported plain-text file this is the file's own text.
 *
 * Offsets here are JavaScript string indices (UTF-16 units); W3C
 * TextPositionSelectors count code points: see `anchoring/text-index.ts`.
 */
export interface ArticleText {
  readonly text: string;
  /** Document position → text offset (UTF-16). Positions between blocks map to the next block's start. */
  offsetAt(pos: number): number;
  /** Text offset (UTF-16) → document position. `bias` picks the side at a block boundary. */
  posAt(offset: number, bias?: 'start' | 'end'): number;
}

interface Block {
  /** Document position of the block's first content character. */
  pos: number;
  /** Text offset of the block's first character. */
  offset: number;
  length: number;
}

export const BLOCK_SEPARATOR = '\n';

/** Reads the text of an article document once, with a position↔offset map. */
export function articleText(doc: PMNode): ArticleText {
  const blocks: Block[] = [];
  const parts: string[] = [];
  let offset = 0;
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    if (blocks.length > 0) {
      parts.push(BLOCK_SEPARATOR);
      offset += BLOCK_SEPARATOR.length;
    }
    // Every inline child has a document size equal to its text length here
    // (text nodes, and leaves that read as one character), so positions and
    // offsets move together inside a block.
    let text = '';
    node.forEach((child) => {
      if (child.isText) text += child.text;
      else text += child.type.spec.leafText ? child.type.spec.leafText(child) : '\uFFFC';
    });
    blocks.push({ pos: pos + 1, offset, length: text.length });
    parts.push(text);
    offset += text.length;
    return false;
  });
  const text = parts.join('');

  const blockAtPos = (pos: number): number => {
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (blocks[mid]!.pos <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const blockAtOffset = (off: number, bias: 'start' | 'end'): number => {
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const b = blocks[mid]!;
      if (bias === 'end' ? b.offset < off : b.offset <= off) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  return {
    text,
    offsetAt(pos) {
      if (blocks.length === 0) return 0;
      const i = blockAtPos(pos);
      const b = blocks[i]!;
      if (pos < b.pos) return b.offset; // before the first block
      const inside = pos - b.pos;
      if (inside <= b.length) return b.offset + inside;
      // Between this block and the next: snap to the next block's start.
      const next = blocks[i + 1];
      return next ? next.offset : b.offset + b.length;
    },
    posAt(off, bias = 'start') {
      if (blocks.length === 0) return 0;
      const clamped = Math.max(0, Math.min(off, text.length));
      const b = blocks[blockAtOffset(clamped, bias)]!;
      return b.pos + Math.max(0, Math.min(clamped - b.offset, b.length));
    },
  };
}
