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

/** A stretch of a highlight painted one way: its colour's fill (a layer), or its underline where a highlight inside it of another colour is painted. */
interface Segment {
  name: string;
  from: number;
  to: number;
}

/** What the painter holds for one painted highlight. */
interface Painted {
  /** Its segments, as a string: what decides whether it must be painted again. */
  shape: string;
  from: number;
  to: number;
  ranges: { name: string; range: StaticRange }[];
}

/** The CSS highlight name of a colour's underline (`::highlight(hl-yellow-under)`). */
export const underlineName = (color: Color): string => `hl-${color}-under`;

/**
 * How each placed highlight (document order) is painted. Where a shorter
 * highlight of another colour lies inside it, the inner one keeps its fill
 * and the outer shows there as an underline in its own colour: two
 * translucent fills of different colours over the same words mix into a
 * grey in which neither shows. Same-colour overlaps go to layers (layersOf).
 */
export function segmentsOf(placed: readonly Pick<PlacedHighlight, 'highlight' | 'from' | 'to'>[]): Segment[][] {
  const layers = layersOf(placed);
  // No passage is longer than this: looking back further finds none that reaches a later one.
  const longest = placed.reduce((max, p) => Math.max(max, p.to - p.from), 0);
  return placed.map(({ highlight, from, to }, i) => {
    const fill = highlightName(highlight.color, layers[i]!);
    // The stretches covered by shorter highlights of other colours (placed is in document order: look both ways while they overlap).
    const covered: [number, number][] = [];
    for (const step of [-1, 1]) {
      for (let j = i + step; j >= 0 && j < placed.length; j += step) {
        const other = placed[j]!;
        if (step > 0 && other.from >= to) break;
        if (step < 0 && other.from < from - longest) break;
        if (other.highlight.color === highlight.color || other.to - other.from >= to - from) continue;
        const start = Math.max(from, other.from);
        const end = Math.min(to, other.to);
        if (start < end) covered.push([start, end]);
      }
    }
    if (covered.length === 0) return [{ name: fill, from, to }];
    covered.sort((a, b) => a[0] - b[0]);
    const segments: Segment[] = [];
    let at = from;
    for (const [start, end] of covered) {
      if (end <= at) continue;
      if (start > at) segments.push({ name: fill, from: at, to: start });
      segments.push({ name: underlineName(highlight.color), from: Math.max(start, at), to: end });
      at = end;
    }
    if (at < to) segments.push({ name: fill, from: at, to });
    return segments;
  });
}

/** A stretch of document positions whose DOM ProseMirror may have drawn anew. */
export interface Span {
  from: number;
  to: number;
}

/**
 * Paints placed highlights through the CSS Custom Highlight API: one
 * `Highlight` per colour and layer (and per colour's underline), fed with
 * ranges from ProseMirror positions. No element is added to the article, so
 * a book with thousands of highlights costs no more DOM, style or layout
 * than the book alone; the browser paints the ranges only where the text is
 * on screen.
 *
 * Work is proportional to the change: `sync` compares each highlight's
 * segments (colour, layer, place) with what it painted last and makes ranges
 * only for highlights that are new, moved, recoloured, overlapped anew, or
 * whose text ProseMirror drew anew (static ranges do not follow DOM changes:
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
    const shapes = segmentsOf(placed);
    const wanted: { id: string; shape: string; from: number; to: number; segments: Segment[] }[] = [];
    const seen = new Set<string>();
    placed.forEach(({ highlight, from, to }, i) => {
      if (to > renderedTo) return;
      const segments = shapes[i]!;
      const shape = segments.map((g) => `${g.name}:${g.from}-${g.to}`).join(',');
      seen.add(highlight.id);
      const current = this.painted.get(highlight.id);
      if (current && current.shape === shape && !isStale(current, redrawn)) return;
      if (current) this.unpaint(current);
      wanted.push({ id: highlight.id, shape, from, to, segments });
    });
    for (const [id, current] of this.painted) {
      if (seen.has(id)) continue;
      this.unpaint(current);
      this.painted.delete(id);
    }
    const ranges = rangesOf(view, wanted.flatMap((w) => w.segments));
    let next = 0;
    for (const { id, shape, from, to, segments } of wanted) {
      const painted = segments.map((segment) => {
        const range = ranges[next++]!;
        this.highlightNamed(segment.name).add(range);
        return { name: segment.name, range };
      });
      this.painted.set(id, { shape, from, to, ranges: painted });
    }
  }

  private unpaint(painted: Painted): void {
    for (const { name, range } of painted.ranges) this.highlightNamed(name).delete(range);
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
  if (painted.ranges.some(({ range }) => !range.startContainer.isConnected || !range.endContainer.isConnected)) return true;
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
