import type { EditorView } from 'prosemirror-view';
import type { Color } from '../../shared/colors.js';
import type { PlacedHighlight } from './placement.js';

/**
 * Same-colour highlights that overlap go to separate layers, so the shared
 * words are painted twice (darker) and both passages stay visible, as nested
 * translucent <mark>s did. Deeper overlaps share the last layer.
 */
export const LAYERS = 3;

/** The CSS highlight name of a colour's layer (`::highlight(hl-yellow)`, `::highlight(hl-yellow-1)`, …). */
export function highlightName(color: Color, layer: number): string {
  return layer === 0 ? `hl-${color}` : `hl-${color}-${layer}`;
}

/** Whether this browser paints with the CSS Custom Highlight API (Chromium 105+, so every Electron we ship). */
export const canPaint = (): boolean => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';

/** The part of ProseMirror's view tree (its `docView`) that `view.domAtPos` walks. */
interface ViewTreeNode {
  size: number;
  border: number;
  children: ViewTreeNode[];
  domFromPos(pos: number, side: number): { node: Node; offset: number };
}

/** Whether a node of the view tree has what the sweep reads (a later ProseMirror may not). */
const isViewTreeNode = (node: Partial<ViewTreeNode> | undefined): node is ViewTreeNode =>
  !!node && typeof node.size === 'number' && typeof node.border === 'number' && typeof node.domFromPos === 'function';

/**
 * The DOM ranges of many passages at once. `view.domAtPos` searches the
 * document's top-level blocks from the first each time, so a book's 12,000
 * blocks times 4,000 ends cost ~100 ms; here one sweep over the blocks in
 * position order hands each end to its block, which ProseMirror resolves the
 * same way `domAtPos` would. Where the view tree is not as expected, or an end
 * falls between blocks, `domAtPos` answers.
 */
export function rangesOf(view: EditorView, passages: readonly { from: number; to: number }[]): StaticRange[] {
  const ends = passages.flatMap(({ from, to }, i) => [
    { pos: from, side: 1, slot: 2 * i },
    { pos: to, side: -1, slot: 2 * i + 1 },
  ]);
  const found: { node: Node; offset: number }[] = new Array(ends.length);
  const tree = (view as unknown as { docView?: Partial<ViewTreeNode> }).docView;
  const blocks = Array.isArray(tree?.children) ? tree.children : null;
  if (blocks) {
    ends.sort((a, b) => a.pos - b.pos);
    let block = 0;
    let blockStart = 0;
    for (const end of ends) {
      while (block < blocks.length && isViewTreeNode(blocks[block]) && blockStart + blocks[block]!.size <= end.pos) blockStart += blocks[block++]!.size;
      const inside = end.pos - blockStart;
      const child = blocks[block];
      if (child && inside > 0 && isViewTreeNode(child)) found[end.slot] = child.domFromPos(inside - child.border, end.side);
    }
  }
  for (const end of ends) found[end.slot] ??= view.domAtPos(end.pos, end.side);
  return passages.map((_, i) => {
    const start = found[2 * i]!;
    const end = found[2 * i + 1]!;
    return new StaticRange({ startContainer: start.node, startOffset: start.offset, endContainer: end.node, endOffset: end.offset });
  });
}

/** What the painter holds for one painted highlight. */
interface Painted {
  name: string;
  from: number;
  to: number;
  range: StaticRange;
}

/** A stretch of document positions whose DOM ProseMirror may have drawn anew. */
export interface Span {
  from: number;
  to: number;
}

/**
 * Paints placed highlights through the CSS Custom Highlight API: one
 * `Highlight` per colour and layer, fed with ranges from ProseMirror
 * positions. No element is added to the article, so a book with thousands
 * of highlights costs no more DOM, style or layout than the book alone; the
 * browser paints the ranges only where the text is on screen.
 *
 * Work is proportional to the change: `sync` compares each highlight's
 * colour, layer and place with what it painted last (a few numbers each) and
 * makes ranges only for highlights that are new, moved, recoloured, or whose
 * text ProseMirror drew anew (static ranges do not follow DOM changes:
 * `redrawn` names where that happened).
 */
export class HighlightPainter {
  private readonly painted = new Map<string, Painted>();
  private readonly highlights = new Map<string, Highlight>();

  /**
   * Paints `placed` (document order) where it lies within the first
   * `renderedTo` positions of the document (the rest is not in the page yet).
   */
  sync(view: EditorView, placed: readonly PlacedHighlight[], renderedTo: number, redrawn: readonly Span[] | 'all' = []): void {
    const layers = layersOf(placed);
    const wanted: { id: string; name: string; from: number; to: number }[] = [];
    const seen = new Set<string>();
    placed.forEach(({ highlight, from, to }, i) => {
      if (to > renderedTo) return;
      const name = highlightName(highlight.color, layers[i]!);
      seen.add(highlight.id);
      const current = this.painted.get(highlight.id);
      if (current && current.name === name && current.from === from && current.to === to && !isStale(current, redrawn)) return;
      if (current) this.highlightNamed(current.name).delete(current.range);
      wanted.push({ id: highlight.id, name, from, to });
    });
    for (const [id, current] of this.painted) {
      if (seen.has(id)) continue;
      this.highlightNamed(current.name).delete(current.range);
      this.painted.delete(id);
    }
    const ranges = rangesOf(view, wanted);
    wanted.forEach(({ id, name, from, to }, i) => {
      const range = ranges[i]!;
      this.highlightNamed(name).add(range);
      this.painted.set(id, { name, from, to, range });
    });
  }

  /** Forgets and unpaints everything (a new article). */
  clear(): void {
    this.painted.clear();
    for (const highlight of this.highlights.values()) highlight.clear();
  }

  /** Removes this painter's highlights from the page for good. */
  destroy(): void {
    this.clear();
    for (const name of this.highlights.keys()) CSS.highlights.delete(name);
    this.highlights.clear();
  }

  private highlightNamed(name: string): Highlight {
    let highlight = this.highlights.get(name);
    if (!highlight) {
      highlight = new Highlight();
      this.highlights.set(name, highlight);
      CSS.highlights.set(name, highlight);
    }
    return highlight;
  }
}

/** Whether a painted range may point at text nodes ProseMirror has since replaced. */
function isStale(painted: Painted, redrawn: readonly Span[] | 'all'): boolean {
  if (redrawn === 'all') return true;
  const { range } = painted;
  if (!range.startContainer.isConnected || !range.endContainer.isConnected) return true;
  return redrawn.some((span) => painted.from <= span.to && span.from <= painted.to);
}

/**
 * The layer of each placed highlight (in document order): the first layer of
 * its colour where it overlaps no earlier passage, or the last layer.
 */
export function layersOf(placed: readonly Pick<PlacedHighlight, 'highlight' | 'from' | 'to'>[]): number[] {
  // Per colour, where the last passage of each layer ends.
  const layerEnds = new Map<Color, number[]>();
  return placed.map(({ highlight, from, to }) => {
    const ends = layerEnds.get(highlight.color) ?? [];
    layerEnds.set(highlight.color, ends);
    let layer = ends.findIndex((end) => end <= from);
    if (layer === -1) layer = Math.min(ends.length, LAYERS - 1);
    ends[layer] = Math.max(ends[layer] ?? 0, to);
    return layer;
  });
}
