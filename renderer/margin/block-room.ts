import type { EditorView } from 'prosemirror-view';

/** Room under the article's blocks for the notes that lie there. */
export interface BlockRoom {
  /**
   * Keeps these rooms (pixels under each block, by where the block starts)
   * and drops the others that lie within `within` (the part of the article
   * whose cards the rooms were worked out from); rooms elsewhere stay as
   * they were, so text out of sight does not move. True when anything
   * changed (the text below moved).
   */
  update(rooms: ReadonlyMap<number, number>, within: { from: number; to: number }): boolean;
  /** Drops every room (another article, or the margin back beside the text). */
  clear(): void;
  dispose(): void;
}

/**
 * Room under blocks of the article, made without touching the document or
 * ProseMirror's elements (ProseMirror redraws a node whose element another
 * hand changed): a style sheet of the page's own, one rule per block, that
 * finds the block's element by its place among its siblings and gives it a
 * bottom margin as tall as the room. The places are read from the page when
 * a rule is written; an article's earlier blocks never move (a long book's
 * parts come in at its end), and another article drops every rule.
 */
export function blockRoom(view: EditorView): BlockRoom {
  const sheet = new CSSStyleSheet();
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const mount = view.dom.parentElement;
  const root = mount?.id ? `#${CSS.escape(mount.id)} > .ProseMirror` : '.ProseMirror';
  let kept = new Map<number, number>();
  /** Each block's selector, found once. */
  const selectors = new Map<number, string | null>();

  const selectorOf = (block: number): string | null => {
    let selector = selectors.get(block);
    if (selector !== undefined) return selector;
    const element = block > 0 && block <= view.state.doc.content.size ? view.nodeDOM(block - 1) : null;
    selector = element instanceof HTMLElement ? pathOf(element, view.dom, root) : null;
    selectors.set(block, selector);
    return selector;
  };

  const write = () => {
    const rules: string[] = [];
    for (const [block, height] of kept) {
      const selector = selectorOf(block);
      if (selector) rules.push(`${selector} { margin-bottom: ${Math.ceil(height)}px; }`);
    }
    sheet.replaceSync(rules.join('\n'));
  };

  return {
    update(rooms, within) {
      const next = new Map<number, number>();
      for (const [block, height] of kept) if (block < within.from || block >= within.to) next.set(block, height);
      for (const [block, height] of rooms) next.set(block, Math.ceil(height));
      if (next.size === kept.size && [...next].every(([block, height]) => kept.get(block) === height)) return false;
      kept = next;
      write();
      return true;
    },
    clear() {
      selectors.clear();
      if (kept.size === 0) return;
      kept = new Map();
      write();
    },
    dispose() {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    },
  };
}

/** A selector for `element` by its place under `top` (each step an :nth-child), from `root`, the selector of `top`. */
function pathOf(element: HTMLElement, top: HTMLElement, root: string): string | null {
  const steps: string[] = [];
  for (let at: Element = element; at !== top; ) {
    const parent = at.parentElement;
    if (!parent) return null;
    steps.unshift(`:nth-child(${Array.prototype.indexOf.call(parent.children, at) + 1})`);
    at = parent;
  }
  return [root, ...steps].join(' > ');
}
