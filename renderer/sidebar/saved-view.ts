/**
 * What the sidebar remembers across launches, in the page's localStorage:
 * the library view (order, words, tag, what highlights have). When each
 * article was last read is the library's (main's reading.json, in the
 * article summaries), not the page's.
 */
import { DEFAULT_VIEW, parseView, type LibraryView } from './library-view.js';

const VIEW_KEY = 'marginalia:library-view';

function load(key: string): unknown {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : JSON.parse(raw);
  } catch {
    // Unavailable or damaged storage: the defaults.
    return null;
  }
}

function save(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage may be unavailable or full; the choice then lasts until the page is closed.
  }
}

export const savedView = {
  get(): LibraryView {
    const stored = load(VIEW_KEY);
    return stored === null ? DEFAULT_VIEW : parseView(stored);
  },
  set: (view: LibraryView): void => save(VIEW_KEY, view),
};
