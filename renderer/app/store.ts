import type { Article, ArticleSummary, Color, Highlight } from '../../shared/model.js';
import type { CodePointOffset } from '../../shared/offsets.js';
import type { LibraryView } from '../sidebar/library-view.js';

/** What the margin is editing for the active highlight, if anything. */
export type Editing = { highlightId: string; kind: 'note' | 'tags' } | null;

/** Everything the reader's UI shows, in one place. */
export interface ReaderState {
  library: ArticleSummary[];
  article: Article | null;
  /** Where the reader last was in the open article (found in this version), to show it there; null: at the top. */
  place: { start: CodePointOffset; end: CodePointOffset } | null;
  highlights: Highlight[];
  activeHighlightId: string | null;
  /** The colour `h` uses: the last one the reader picked. */
  lastColor: Color;
  editing: Editing;
  /** An orphaned highlight waiting for the reader to select its passage again. */
  reattaching: string | null;
  /** How the library list is ordered and filtered. */
  libraryView: LibraryView;
  /**
   * Counts changes of tags across the library (a rename, a merge, a removal
   * or its undo): what was read of other articles' tags before is stale.
   */
  tagRevision: number;
}

/** A small observable holder of the reader state. */
export interface Store {
  get(): ReaderState;
  update(patch: Partial<ReaderState>): void;
  /** Calls the listener after every update; returns the function that unsubscribes. */
  subscribe(listener: (state: ReaderState, previous: ReaderState) => void): () => void;
}

export function createStore(initial: ReaderState): Store {
  let state = initial;
  const listeners = new Set<(state: ReaderState, previous: ReaderState) => void>();
  return {
    get: () => state,
    update(patch) {
      const previous = state;
      state = { ...state, ...patch };
      for (const listener of [...listeners]) listener(state, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
