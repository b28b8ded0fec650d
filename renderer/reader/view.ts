import { EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { documentFromJSON } from '../../shared/article-schema.js';
import type { Article, Highlight } from '../../shared/model.js';
import { highlightsPlugin, placementOf, showHighlights } from './highlights-plugin.js';
import type { Placement } from './placement.js';

/** Where a passage sits on screen (viewport coordinates). */
export interface PassageBox {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The read-only view of the open article and its highlights. */
export interface Reader {
  readonly view: EditorView;
  /** Shows an article with its highlights, drawn once (not plain and then again with highlights). */
  open(article: Article, highlights: readonly Highlight[], activeHighlightId: string | null): void;
  /** Paints these highlights; `activeHighlightId` gets the outline. */
  showHighlights(highlights: readonly Highlight[], activeHighlightId: string | null): void;
  placement(): Placement;
  /** Where a highlight's passage starts on screen, or null when it is not painted. */
  boxOf(highlightId: string): PassageBox | null;
  /** The first line box of a highlight's passage on screen, or null when it is not painted. */
  firstLineOf(highlightId: string): DOMRect | null;
  /** Scrolls the highlight's passage into the upper part of the reading area. */
  scrollTo(highlightId: string): void;
  /** Calls the listener whenever highlights are painted anew; returns the disposer. */
  onPlaced(listener: (placement: Placement) => void): () => void;
  /** Calls the listener with the address of a link the reader clicked; returns the disposer. */
  onLink(listener: (href: string) => void): () => void;
  /** Calls the listener with the highlight id a click landed on (null: plain text). */
  onClick(listener: (highlightId: string | null) => void): () => void;
}

export function createReader(mount: HTMLElement, scroller: HTMLElement): Reader {
  const plugins = [highlightsPlugin()];
  const blank = documentFromJSON({ type: 'doc', content: [{ type: 'title' }] });
  const view = new EditorView(mount, {
    state: EditorState.create({ doc: blank, plugins }),
    editable: () => false,
    attributes: { class: 'article', tabindex: '0', 'aria-readonly': 'true', role: 'document' },
  });
  const placedListeners = new Set<(placement: Placement) => void>();
  const clickListeners = new Set<(highlightId: string | null) => void>();
  const linkListeners = new Set<(href: string) => void>();

  view.dom.addEventListener('click', (event) => {
    const selection = document.getSelection();
    if (selection && !selection.isCollapsed) return; // The end of a drag, not a click.
    const target = event.target instanceof Element ? event.target : null;
    const link = target?.closest('a');
    if (link) {
      // Links are data: the page never follows one; the reader is asked first (see onLink).
      event.preventDefault();
      const href = link.getAttribute('data-href');
      if (href) for (const listener of [...linkListeners]) listener(href);
      return;
    }
    // The highlight under the pointer, the innermost where several overlap: a highlight inside the
    // active one (whose <mark> is the event's target) is still reached by clicking its words.
    const mark = target?.closest('mark[data-highlight-id]');
    const id = highlightAt(event.clientX, event.clientY) ?? mark?.getAttribute('data-highlight-id') ?? null;
    for (const listener of [...clickListeners]) listener(id);
  });

  const placement = () => placementOf(view.state);
  const find = (highlightId: string) => placement().placed.find((p) => p.highlight.id === highlightId);
  const liveRange = (from: number, to: number): Range => {
    const start = view.domAtPos(from, 1);
    const end = view.domAtPos(to, -1);
    const range = document.createRange();
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
    return range;
  };

  /**
   * The highlight under a point of the viewport, the innermost where several
   * overlap, or null. Only a character under the point counts (not the blank
   * after a paragraph's last line): painted highlights have no element of
   * their own to be the target.
   */
  const highlightAt = (x: number, y: number): string | null => {
    const caret = caretAt(x, y);
    if (!caret || !(caret.node instanceof Text) || !view.dom.contains(caret.node)) return null;
    const text = caret.node;
    const under = [caret.offset - 1, caret.offset].find((i) => {
      if (i < 0 || i >= text.length) return false;
      const character = document.createRange();
      character.setStart(text, i);
      character.setEnd(text, i + 1);
      const box = character.getBoundingClientRect();
      return x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
    });
    if (under === undefined) return null;
    const pos = view.posAtDOM(text, under);
    const innermost = placement()
      .placed.filter((p) => p.from <= pos && pos < p.to)
      .sort((a, b) => a.to - a.from - (b.to - b.from))[0];
    return innermost?.highlight.id ?? null;
  };

  // The pointer cursor over painted highlights, checked once a frame at most.
  let pointer: { x: number; y: number } | null = null;
  view.dom.addEventListener('mousemove', (event) => {
    if (!pointer) requestAnimationFrame(() => {
      if (pointer) view.dom.classList.toggle('over-highlight', highlightAt(pointer.x, pointer.y) !== null);
      pointer = null;
    });
    pointer = { x: event.clientX, y: event.clientY };
  });
  // The text moves under a still pointer when the article scrolls: the next move checks again.
  scroller.addEventListener('scroll', () => view.dom.classList.remove('over-highlight'), { passive: true });

  const boxOf = (highlightId: string): PassageBox | null => {
    const placed = find(highlightId);
    if (!placed) return null;
    const start = view.coordsAtPos(placed.from, 1);
    return { top: start.top, bottom: start.bottom, left: start.left, right: start.right };
  };

  return {
    view,
    open(article, highlights, activeHighlightId) {
      const doc = documentFromJSON(article.document);
      const state = EditorState.create({ doc, plugins });
      view.updateState(state.apply(showHighlights(state.tr, highlights, activeHighlightId)));
      scroller.scrollTop = 0;
      const current = placement();
      for (const listener of [...placedListeners]) listener(current);
    },
    showHighlights(highlights, activeHighlightId) {
      view.dispatch(showHighlights(withDOMSelection(view, view.state.tr), highlights, activeHighlightId));
      const current = placement();
      for (const listener of [...placedListeners]) listener(current);
    },
    placement,
    boxOf,
    firstLineOf(highlightId) {
      const mark = view.dom.querySelector(`mark[data-highlight-id="${CSS.escape(highlightId)}"]`);
      const placed = find(highlightId);
      const line = mark?.getClientRects()[0] ?? (placed ? liveRange(placed.from, placed.to).getClientRects()[0] : undefined);
      if (line) return line;
      const box = boxOf(highlightId);
      return box ? new DOMRect(box.left, box.top, 0, box.bottom - box.top) : null;
    },
    scrollTo(highlightId) {
      const placed = find(highlightId);
      if (!placed) return;
      const box = view.coordsAtPos(placed.from, 1);
      const area = scroller.getBoundingClientRect();
      scroller.scrollTop += box.top - area.top - area.height / 4;
    },
    onPlaced(listener) {
      placedListeners.add(listener);
      return () => placedListeners.delete(listener);
    },
    onLink(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
    onClick(listener) {
      clickListeners.add(listener);
      return () => clickListeners.delete(listener);
    },
  };
}

/** The text position under a point (caretPositionFromPoint where the browser has it). */
function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  if (typeof document.caretPositionFromPoint === 'function') {
    const caret = document.caretPositionFromPoint(x, y);
    return caret ? { node: caret.offsetNode, offset: caret.offset } : null;
  }
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

/**
 * Carries the browser's current selection into a transaction. ProseMirror
 * learns of selection changes asynchronously and writes its own selection
 * back to the DOM on every update; without this a repaint right after a
 * click would restore the previous selection.
 */
function withDOMSelection(view: EditorView, tr: Transaction): Transaction {
  const selection = document.getSelection();
  if (!selection?.anchorNode || !selection.focusNode) return tr;
  if (!view.dom.contains(selection.anchorNode) || !view.dom.contains(selection.focusNode)) return tr;
  try {
    const anchor = view.posAtDOM(selection.anchorNode, selection.anchorOffset);
    const head = view.posAtDOM(selection.focusNode, selection.focusOffset);
    return tr.setSelection(TextSelection.between(tr.doc.resolve(anchor), tr.doc.resolve(head)));
  } catch {
    return tr;
  }
}
