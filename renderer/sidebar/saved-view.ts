/**
 * What the sidebar remembers across launches, in the page's localStorage:
 * the library view (order, words, tag) and when each article was last opened.
 *
 * localStorage is a stopgap for the reading times: they belong with the
 * library (main's index), where the CLI and a second window would see them
 * and a new browser profile would not lose them. Until the contract carries
 * them, "Recently read" orders by what this page saw.
 */
import { DEFAULT_VIEW, parseView, type LibraryView } from './library-view.js';

const VIEW_KEY = 'marginalia:library-view';
const READ_KEY = 'marginalia:read-at';
/** Reading times kept at most (the oldest go first): enough for any library, small enough to write at each opening. */
const MAX_READING_TIMES = 20_000;

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

/** When the reader last opened each article (ms since the epoch), by article id. */
export interface ReadingTimes {
  get(articleId: string): number | undefined;
  record(articleId: string, at: number): void;
}

export function loadReadingTimes(): ReadingTimes {
  const times = new Map<string, number>();
  const stored = load(READ_KEY);
  if (Array.isArray(stored)) {
    for (const entry of stored) {
      if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number') times.set(entry[0], entry[1]);
    }
  }
  return {
    get: (articleId) => times.get(articleId),
    record(articleId, at) {
      // Re-inserted, so the Map's order is the order of reading and the oldest are first to go.
      times.delete(articleId);
      times.set(articleId, at);
      while (times.size > MAX_READING_TIMES) times.delete(times.keys().next().value!);
      save(READ_KEY, [...times]);
    },
  };
}
