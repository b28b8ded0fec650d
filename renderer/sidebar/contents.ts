import type { Node as PMNode } from 'prosemirror-model';
import type { Reader } from '../reader/view.js';

/** A heading of the open article: its level (2 for a book or part, 3 for a chapter…), its words, where it is. */
export interface ContentsEntry {
  level: number;
  text: string;
  pos: number;
}

/** The headings of an article, in order (the blocks' text is not walked into). */
export function contentsOf(article: PMNode): ContentsEntry[] {
  const entries: ContentsEntry[] = [];
  article.descendants((node, pos) => {
    if (node.type.name === 'heading') {
      const text = node.textContent.replace(/\s+/gu, ' ').trim();
      if (text) entries.push({ level: Number(node.attrs.level) || 2, text, pos });
      return false;
    }
    return !node.isTextblock;
  });
  return entries;
}

/** The entry whose section holds `pos`: the last heading at or before it (−1: before the first). */
export function sectionAt(entries: readonly ContentsEntry[], pos: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.pos <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export interface ContentsPanel {
  /** The article opened: its headings listed. */
  show(article: PMNode | null): void;
  /** The panel was shown: the current section is marked and brought into view. */
  shown(): void;
  dispose(): void;
}

/**
 * The contents of the open article: its headings, nested by level, each a
 * button that takes the reader there; the section being read is marked
 * (aria-current) as the reader scrolls.
 */
export function mountContents(panel: HTMLElement, list: HTMLElement, reader: Reader, scroller: HTMLElement): ContentsPanel {
  const empty = document.createElement('p');
  empty.className = 'sidebar-empty contents-empty';
  empty.textContent = 'This article has no headings.';
  list.before(empty);
  list.setAttribute('aria-label', 'Contents of the article');
  let entries: ContentsEntry[] = [];
  let buttons: HTMLButtonElement[] = [];
  let current = -1;

  const mark = (reveal: boolean) => {
    const pos = reader.positionAtTop();
    if (pos == null) return;
    const at = sectionAt(entries, pos);
    if (at === current && !reveal) return;
    buttons[current]?.removeAttribute('aria-current');
    current = at;
    const button = buttons[at];
    if (!button) return;
    button.setAttribute('aria-current', 'location');
    if (!panel.hidden) button.scrollIntoView({ block: 'nearest' });
  };

  let framed = false;
  const onScroll = () => {
    if (framed || panel.hidden || entries.length === 0) return;
    framed = true;
    requestAnimationFrame(() => {
      framed = false;
      mark(false);
    });
  };
  scroller.addEventListener('scroll', onScroll, { passive: true });

  const lowest = () => Math.min(...entries.map((e) => e.level));
  return {
    show(article) {
      entries = article ? contentsOf(article) : [];
      current = -1;
      const top = entries.length > 0 ? lowest() : 2;
      buttons = entries.map((entry) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'contents-entry';
        button.style.setProperty('--depth', String(Math.max(0, entry.level - top)));
        button.textContent = entry.text;
        button.title = entry.text;
        button.addEventListener('click', () => {
          reader.scrollToPosition(entry.pos);
          reader.view.dom.focus({ preventScroll: true });
        });
        return button;
      });
      list.replaceChildren(
        ...buttons.map((button) => {
          const item = document.createElement('li');
          item.append(button);
          return item;
        }),
      );
      empty.hidden = entries.length > 0;
      if (!panel.hidden) requestAnimationFrame(() => mark(true));
    },
    shown: () => mark(true),
    dispose() {
      scroller.removeEventListener('scroll', onScroll);
      empty.remove();
      list.replaceChildren();
    },
  };
}
