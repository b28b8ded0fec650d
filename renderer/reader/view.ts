import type { Node as PMNode } from 'prosemirror-model';
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { Article, Highlight } from '../../shared/model.js';
import { findPlugin, showMatches, type ArticleMatches, type PositionRange } from './find-plugin.js';
import { articleOf, changeOf, highlightsPlugin, openArticle, placementOf, showHighlights } from './highlights-plugin.js';
import { firstParts, loadRest, type ArticleLoading } from './loading.js';
import { blankDocument, readerDocument } from './parts.js';
import { flashPassage } from './flash.js';
import { passageAtTopOf, positionAtTopOf } from './reading-top.js';
import { indexOf, textOf } from './placement.js';
import type { CodePointOffset } from '../../shared/offsets.js';
import type { PlacedHighlight, Placement, PlacementChange } from './placement.js';

/** Where a passage sits on screen (viewport coordinates). */
export interface PassageBox {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The read-only view of the open article and its highlights. */
/** How showPassage shows a passage: flashed in the upper part of the reading area (a result), or quietly at its top (where the reader was). */
export interface ShowPassageOptions {
  flash?: boolean;
  at?: 'upper' | 'top';
}

/** Pixels left above a heading the contents took the reader to. */
const HEADING_ROOM = 24;

export interface Reader {
  readonly view: EditorView;
  /** Shows an article with its highlights, drawn once (not plain and then again with highlights). */
  open(article: Article, highlights: readonly Highlight[], activeHighlightId: string | null): void;
  /** Paints these highlights; `activeHighlightId` gets the outline. */
  showHighlights(highlights: readonly Highlight[], activeHighlightId: string | null): void;
  /**
   * Paints the matches of a find (null: none) where they lie within `painted`,
   * and the current one (an index, or -1) wherever it is.
   */
  showMatches(matches: ArticleMatches | null, current: number, painted: PositionRange | null): void;
  placement(): Placement;
  /** The whole open article (the page may still be adding its last parts). */
  article(): PMNode;
  /** Where a highlight's passage starts on screen, or null when it is not painted. */
  boxOf(highlightId: string): PassageBox | null;
  /** The first line box of a highlight's passage on screen, or null when it is not painted. */
  firstLineOf(highlightId: string): DOMRect | null;
  /**
   * The document positions of the article's parts on screen, and of those
   * within `margin` pixels above and below it.
   */
  visibleRange(margin: number): { from: number; to: number };
  /** Scrolls the highlight's passage into the upper part of the reading area. */
  scrollTo(highlightId: string): void;
  /**
   * Takes the reader to a passage of the article text (code points, as a
   * search answers it): in the page, scrolled into the upper part of the
   * reading area, and flashed. False when the article has no such passage.
   */
  showPassage(start: CodePointOffset, end: CodePointOffset, options?: ShowPassageOptions): boolean;
  /**
   * The passage at the top of the reading area, in code points of the article
   * text: a line's worth of words from the first character there. Where the
   * reader is, as a passage rather than a pixel offset. Null when the article
   * is empty; undefined when the top of the reading area is past the parts
   * of a long book in the page so far (where it is is not known yet).
   */
  passageAtTop(): { start: CodePointOffset; end: CodePointOffset } | null | undefined;
  /** The document position at the top of the reading area: null for an empty article, undefined while not in the page yet. */
  positionAtTop(): number | null | undefined;
  /** Scrolls a document position (a heading) to the top of the reading area, and keeps it there while the book comes in. */
  scrollToPosition(pos: number): void;
  /** Flashes a highlight's passage (it is scrolled to by scrollTo). */
  flashHighlight(highlightId: string): void;
  /** Shows the article at least up to this document position, now (the page adds a long book's parts while it is read). */
  reveal(pos: number): void;
  /** Calls the listener whenever highlights are placed anew, with what changed; returns the disposer. */
  onPlaced(listener: (placement: Placement, change: PlacementChange) => void): () => void;
  /** Calls the listener whenever more of the open article is in the page; returns the disposer. */
  onLoaded(listener: () => void): () => void;
  /** Calls the listener with the address of a link the reader clicked; returns the disposer. */
  onLink(listener: (href: string) => void): () => void;
  /** Calls the listener with the highlight id a click landed on (null: plain text). */
  onClick(listener: (highlightId: string | null) => void): () => void;
}

export function createReader(mount: HTMLElement, scroller: HTMLElement): Reader {
  /** Where flashes are drawn: the page around the article (positioned). */
  const page = mount.parentElement ?? mount;
  const plugins = [highlightsPlugin(), findPlugin()];
  const attributes = { class: 'article', tabindex: '0', 'aria-readonly': 'true', role: 'document' };
  const view = new EditorView(mount, {
    state: EditorState.create({ doc: blankDocument(), plugins }),
    editable: () => false,
    attributes,
  });
  // Stands in for the parts of a book not in the page yet (see loading.ts).
  const rest = document.createElement('div');
  rest.className = 'article-rest';
  rest.setAttribute('aria-hidden', 'true');
  mount.append(rest);
  let loading: ArticleLoading | null = null;
  const placedListeners = new Set<(placement: Placement, change: PlacementChange) => void>();
  const loadedListeners = new Set<() => void>();
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
  const find = (highlightId: string) => placement().byId.get(highlightId);
  const notifyPlaced = () => {
    const current = placement();
    const change = changeOf(view.state);
    for (const listener of [...placedListeners]) listener(current, change);
  };
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
   * overlap, and the article's part holding it; or null. Only a character
   * under the point counts (not the blank after a paragraph's last line):
   * painted highlights have no element of their own to be the target.
   */
  const highlightUnder = (x: number, y: number): { id: string; part: Element } | null => {
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
    let innermost: PlacedHighlight | undefined;
    for (const p of placement().placed) {
      if (p.from <= pos && pos < p.to && (!innermost || p.to - p.from < innermost.to - innermost.from)) innermost = p;
    }
    const part = text.parentElement?.closest('.article-part') ?? view.dom;
    return innermost ? { id: innermost.highlight.id, part } : null;
  };
  const highlightAt = (x: number, y: number): string | null => highlightUnder(x, y)?.id ?? null;

  // The pointer cursor over painted highlights, checked once a frame at most. It is set on the
  // part under the pointer, not the article: a change of the inherited cursor on the article would
  // make the browser restyle every block of a book.
  let pointer: { x: number; y: number } | null = null;
  let pointerPart: Element | null = null;
  const showPointer = (part: Element | null) => {
    if (part === pointerPart) return;
    pointerPart?.classList.remove('over-highlight');
    part?.classList.add('over-highlight');
    pointerPart = part;
  };
  view.dom.addEventListener('mousemove', (event) => {
    if (!pointer) requestAnimationFrame(() => {
      if (pointer) showPointer(highlightUnder(pointer.x, pointer.y)?.part ?? null);
      pointer = null;
    });
    pointer = { x: event.clientX, y: event.clientY };
  });
  // The text moves under a still pointer when the article scrolls: the next move checks again.
  scroller.addEventListener('scroll', () => showPointer(null), { passive: true });

  /**
   * A passage the reader was taken to (a search result, a highlight, where
   * they left off), kept where it was put while a long book's parts come in:
   * laying them out changes the heights the parts above it stood in for, and
   * the words would drift away under the reader. Held until the reader
   * scrolls, clicks or types, or another article opens.
   */
  let held: { pos: number; offset: number } | null = null;
  const moveTo = (pos: number, offset: number) => {
    const box = view.coordsAtPos(pos, 1);
    const area = scroller.getBoundingClientRect();
    const delta = box.top - area.top - offset;
    if (Math.abs(delta) >= 1) scroller.scrollTop += delta;
    heldScrollTop = scroller.scrollTop;
  };
  /** Where the hold last left the scroll: a scroll elsewhere (the find bar, the keyboard) lets the passage go. */
  let heldScrollTop = 0;
  scroller.addEventListener(
    'scroll',
    () => {
      if (held && Math.abs(scroller.scrollTop - heldScrollTop) > 2) held = null;
    },
    { passive: true },
  );
  const show = (pos: number, offset: number) => {
    moveTo(pos, offset);
    held = { pos, offset };
  };
  const keepHeld = () => {
    if (held) moveTo(held.pos, held.offset);
  };
  // Parts above the passage change height when laid out (their stand-in heights replaced), also after the book is all in.
  new ResizeObserver(keepHeld).observe(view.dom);
  for (const type of ['wheel', 'pointerdown', 'keydown', 'touchstart']) {
    scroller.addEventListener(type, () => (held = null), { passive: true });
  }

  const positionAtTop = () => positionAtTopOf(view, scroller);

  const boxOf = (highlightId: string): PassageBox | null => {
    const placed = find(highlightId);
    if (!placed || placed.to > view.state.doc.content.size) return null;
    const start = view.coordsAtPos(placed.from, 1);
    return { top: start.top, bottom: start.bottom, left: start.left, right: start.right };
  };

  return {
    view,
    open(article, highlights, activeHighlightId) {
      loading?.cancel();
      view.setProps({ attributes: { ...attributes, ...textDirection(article) } });
      const whole = readerDocument(article.document);
      // The first parts now, the rest between frames: the first screen is readable before the book is all in.
      const state = EditorState.create({ doc: firstParts(whole), plugins });
      view.updateState(state.apply(openArticle(state.tr, whole, highlights, activeHighlightId)));
      scroller.scrollTop = 0;
      held = null;
      loading = loadRest(view, whole, rest, () => {
        keepHeld();
        for (const listener of [...loadedListeners]) listener();
      });
      notifyPlaced();
    },
    showHighlights(highlights, activeHighlightId) {
      view.dispatch(showHighlights(withDOMSelection(view, view.state.tr), highlights, activeHighlightId));
      notifyPlaced();
    },
    showMatches(matches, current, painted) {
      view.dispatch(showMatches(withDOMSelection(view, view.state.tr), matches, current, painted));
    },
    placement,
    visibleRange(margin) {
      const area = scroller.getBoundingClientRect();
      const blocks = view.dom.children;
      const starts = topLevelStarts(view.state.doc);
      const count = Math.min(blocks.length, starts.length - 1);
      // The first block whose bottom is below the top edge, and the last whose top is above the bottom edge.
      const firstBelow = (y: number, edge: 'top' | 'bottom') => {
        let lo = 0;
        let hi = count;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (blocks[mid]!.getBoundingClientRect()[edge] <= y) lo = mid + 1;
          else hi = mid;
        }
        return lo;
      };
      const first = Math.min(count - 1, firstBelow(area.top - margin, 'bottom'));
      const last = Math.max(first, firstBelow(area.bottom + margin, 'top') - 1);
      return { from: starts[Math.max(0, first)] ?? 0, to: starts[last + 1] ?? view.state.doc.content.size };
    },
    article: () => articleOf(view.state) ?? view.state.doc,
    reveal: (pos) => loading?.ensure(pos),
    boxOf,
    firstLineOf(highlightId) {
      const mark = view.dom.querySelector(`mark[data-highlight-id="${CSS.escape(highlightId)}"]`);
      const placed = find(highlightId);
      const shown = placed && placed.to <= view.state.doc.content.size;
      const line = mark?.getClientRects()[0] ?? (shown ? liveRange(placed.from, placed.to).getClientRects()[0] : undefined);
      if (line) return line;
      const box = boxOf(highlightId);
      return box ? new DOMRect(box.left, box.top, 0, box.bottom - box.top) : null;
    },
    scrollTo(highlightId) {
      const placed = find(highlightId);
      if (!placed) return;
      loading?.ensure(placed.to);
      show(placed.from, scroller.clientHeight / 4);
    },
    showPassage(start, end, { flash = true, at = 'upper' } = {}) {
      const whole = articleOf(view.state) ?? view.state.doc;
      const index = indexOf(whole);
      if (end <= start || end > index.codePointLength) return false;
      const text = textOf(whole);
      const from = text.posAt(index.toUtf16(start), 'start');
      const to = text.posAt(index.toUtf16(end), 'end');
      loading?.ensure(to);
      show(from, at === 'top' ? 0 : scroller.clientHeight / 4);
      // A frame later, once the parts around it are laid out where the scroll left them.
      if (flash) requestAnimationFrame(() => flashPassage(view, page, from, to));
      return true;
    },
    positionAtTop,
    passageAtTop: () => passageAtTopOf(view, scroller),
    scrollToPosition(pos) {
      loading?.ensure(pos + 1);
      // A little room above a heading, as a page has above a chapter's title.
      show(Math.min(pos, view.state.doc.content.size), HEADING_ROOM);
    },
    flashHighlight(highlightId) {
      const placed = find(highlightId);
      if (placed) requestAnimationFrame(() => flashPassage(view, page, placed.from, placed.to));
    },
    onPlaced(listener) {
      placedListeners.add(listener);
      return () => placedListeners.delete(listener);
    },
    onLoaded(listener) {
      loadedListeners.add(listener);
      return () => loadedListeners.delete(listener);
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

const startsByDoc = new WeakMap<PMNode, number[]>();

/** The document position where each top-level node of `doc` starts, and the end; computed once per document. */
function topLevelStarts(doc: PMNode): number[] {
  let found = startsByDoc.get(doc);
  if (!found) {
    found = [0];
    doc.forEach((child) => found!.push(found!.at(-1)! + child.nodeSize));
    startsByDoc.set(doc, found);
  }
  return found;
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

/** The article's language and the way its lines run, as its source says (a Hebrew book right to left, a Japanese one in vertical lines). */
function textDirection(article: Article): Record<string, string> {
  const { language, direction, writingMode } = article.metadata ?? {};
  return {
    ...(language ? { lang: language } : {}),
    ...(direction ? { dir: direction } : {}),
    // A class of attribute, not a style: the page's CSP allows no inline styles (reader.css sets the mode).
    ...(writingMode && writingMode !== 'horizontal-tb' ? { 'data-writing-mode': writingMode } : {}),
  };
}
