import type { ArticleSummary, Highlight } from '../../shared/model.js';
import type { Store } from '../app/store.js';
import { hasDetails } from './article-details.js';
import type { HighlightTagsOfArticles } from './highlight-tags.js';
import { mountLibraryControls, type ControlParts } from './library-controls.js';
import { articleRow } from './library-row.js';
import { ArticleSelection } from './library-selection.js';
import { arrangeLibrary, SORT_LABELS, type LibraryView, type ViewFacts } from './library-view.js';
import { windowedList } from './windowed-list.js';

/**
 * A row's height in pixels: padding, a line of title, a line of details
 * (author · site · date) where the article has any, or two lines of reason
 * for an article that cannot be opened. sidebar.css draws rows at exactly
 * these heights (the windowed list places rows by them, without measuring).
 */
export const LIBRARY_ROW = { padding: 12, title: 20, details: 17, reason: 32, gap: 2 } as const;

export const libraryRowHeight = (summary: ArticleSummary): number =>
  LIBRARY_ROW.padding +
  LIBRARY_ROW.title +
  (summary.unavailable !== undefined ? LIBRARY_ROW.reason : hasDetails(summary) ? LIBRARY_ROW.details : 0) +
  LIBRARY_ROW.gap;

/** The parts of the page the library goes into. */
export interface LibraryParts extends ControlParts {
  /** The element that scrolls the list. */
  scroller: HTMLElement;
  list: HTMLElement;
}

/** What the library asks of the rest of the reader. */
export interface LibraryHooks {
  open(articleId: string): void;
  /** Gives an article the reader's title; false when refused. */
  rename(articleId: string, title: string): Promise<boolean>;
  /** Moves articles to the trash (offering Undo); `next` is the article listed after them, to open if the open one goes. */
  trash(articleIds: string[], next: string | null): Promise<void>;
  exportArticles(articleIds: string[]): void;
  setView(patch: Partial<LibraryView>): void;
}

/** What the library needs to know besides the store. */
export interface LibraryFacts {
  highlightTags: HighlightTagsOfArticles;
}

/**
 * The library list: every article, in the order and with the filters of the
 * store's library view; an article that cannot be opened is listed after
 * the others, greyed, with why. A click opens an article; Ctrl/⌘-click and
 * Shift-click choose articles for a batch action (so do Space, and Ctrl/⌘+A
 * for all listed); F2 renames the focused article; Delete moves it (or the
 * chosen ones) to the trash. A library of thousands is windowed (only rows
 * near the visible part of the scroller exist in the page), and a change
 * rebuilds only the rows whose article changed. Returns its disposer.
 */
export function mountLibrary(parts: LibraryParts, store: Store, facts: LibraryFacts, hooks: LibraryHooks): () => void {
  const { scroller, list } = parts;
  const empty = document.createElement('p');
  empty.className = 'sidebar-empty library-empty';
  list.before(empty);
  list.classList.add('windowed');

  const selection = new ArticleSelection();
  let openId: string | undefined;
  let renaming: string | null = null;
  /** The articles listed, in order, and their ids. */
  let listed: ArticleSummary[] = [];
  let listedIds: string[] = [];

  const controls = mountLibraryControls(parts, store, {
    setView: hooks.setView,
    trashSelected: () => void trash(selection.inOrder(listedIds)),
    exportSelected: () => hooks.exportArticles(selection.inOrder(listedIds)),
    clearSelection: () => changeSelection(() => selection.clear()),
  });

  const rows = windowedList<ArticleSummary>({
    scroller,
    list,
    key: (summary) => summary.id,
    height: libraryRowHeight,
    render: (summary) =>
      articleRow(
        summary,
        { current: summary.id === openId, selected: selection.has(summary.id), renaming: renaming === summary.id },
        { click, rename: startRenaming, trash: (id) => void trash(selection.has(id) ? selection.inOrder(listedIds) : [id]), renamed },
      ),
  });

  /** When each article was last read, as the library says (main's reading.json), and articles opened here since. */
  let readTimes: { library: readonly ArticleSummary[] | null; byId: ReadonlyMap<string, number> } = { library: null, byId: new Map() };
  const openedHere = new Map<string, number>();
  /** The tags of the open article's highlights, as the reader has them now (fresher than any read). */
  let openTags: { highlights: readonly Highlight[]; tags: ReadonlySet<string> } | undefined;
  const viewFacts: ViewFacts = {
    readAt: (id) => {
      const { library } = store.get();
      if (readTimes.library !== library) readTimes = { library, byId: new Map(library.filter((s) => s.readAt).map((s) => [s.id, Date.parse(s.readAt!)])) };
      const here = openedHere.get(id);
      const saved = readTimes.byId.get(id);
      return here === undefined ? saved : Math.max(here, saved ?? here);
    },
    highlightTags: (summary) => {
      if (summary.id !== openId) return facts.highlightTags.of(summary);
      const { highlights } = store.get();
      if (openTags?.highlights !== highlights) openTags = { highlights, tags: new Set(highlights.flatMap((h) => h.tags)) };
      return openTags.tags;
    },
  };

  /** What each listed row shows, by article id: a change to any of it rebuilds the row. */
  let shownRows = new Map<string, string>();
  const rowContent = (s: ArticleSummary): string =>
    JSON.stringify([s.title, s.highlightCount, s.byline, s.siteName, s.url, s.published, s.unavailable, s.id === openId, selection.has(s.id), renaming === s.id]);

  let reading = false;
  /** Lists the articles of the view; `reveal` brings the open article's row into view. */
  const arrange = (reveal = false) => {
    const { library, libraryView } = store.get();
    const arranged = arrangeLibrary(library, libraryView, viewFacts);
    listed = arranged.articles;
    listedIds = listed.map((s) => s.id);
    if (selection.keepListed(new Set(listedIds))) controls.showSelection(selection.size);
    const next = new Map(listed.map((s) => [s.id, rowContent(s)]));
    const changed = new Set<string>();
    for (const [id, content] of next) if (shownRows.get(id) !== content) changed.add(id);
    shownRows = next;
    list.setAttribute('aria-label', `Articles, ${SORT_LABELS[libraryView.sort].list}`);
    empty.hidden = listed.length > 0;
    empty.textContent = library.length === 0 ? 'No articles yet. Import a file or drop one here.' : arranged.pending > 0 ? 'Looking through the articles…' : 'No article matches.';
    rows.setCurrent(openId !== undefined && next.has(openId) ? openId : null);
    rows.update(listed, changed);
    controls.showCounts({ shown: listed.length, total: library.length, pending: arranged.pending });
    if (reveal && openId) rows.reveal(openId);
    if (arranged.pending > 0 && !reading) {
      // The tag filter needs the tags of articles not read yet: read them, showing matches as they come.
      reading = true;
      void facts.highlightTags.read(library, scheduleArrange).finally(() => {
        reading = false;
        scheduleArrange();
      });
    }
  };
  let scheduled = false;
  const scheduleArrange = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      arrange();
    });
  };

  const changeSelection = (change: () => void) => {
    change();
    controls.showSelection(selection.size);
    arrange();
  };

  function click(articleId: string, event: MouseEvent) {
    if (event.ctrlKey || event.metaKey) changeSelection(() => selection.toggle(articleId));
    else if (event.shiftKey) changeSelection(() => selection.extendTo(articleId, listedIds));
    else {
      if (selection.size > 0) changeSelection(() => selection.clear(articleId));
      else selection.clear(articleId);
      hooks.open(articleId);
    }
  }

  /** The article listed after `ids` (else the one before them): what opens when the open article goes. */
  const neighbour = (ids: readonly string[]): string | null => {
    const gone = new Set(ids);
    const last = Math.max(...ids.map((id) => listedIds.indexOf(id)));
    const first = Math.min(...ids.map((id) => listedIds.indexOf(id)).filter((i) => i >= 0));
    const after = listed.slice(last + 1).find((s) => !gone.has(s.id) && s.unavailable === undefined);
    const before = listed.slice(0, Math.max(0, first)).reverse().find((s) => !gone.has(s.id) && s.unavailable === undefined);
    return (after ?? before)?.id ?? null;
  };

  async function trash(ids: string[]) {
    if (ids.length === 0) return;
    const next = neighbour(ids);
    const hadFocus = list.contains(document.activeElement);
    selection.clear();
    controls.showSelection(0);
    await hooks.trash(ids, next);
    // The keyboard stays in the list, on the article that took their place.
    if (hadFocus && next) focusRow(next);
  }

  const focusRow = (articleId: string) => {
    rows.reveal(articleId);
    list.querySelector<HTMLElement>(`.library-item[data-article-id="${CSS.escape(articleId)}"]`)?.focus();
  };

  function startRenaming(articleId: string) {
    renaming = articleId;
    arrange();
    rows.reveal(articleId);
    const input = list.querySelector<HTMLInputElement>('.library-rename-input');
    input?.focus();
    input?.select();
  }

  function renamed(articleId: string, title: string | null) {
    renaming = null;
    // Enter or Esc: the keyboard goes back to the row. Leaving the field for elsewhere: it stays there.
    const hadFocus = list.contains(document.activeElement);
    arrange();
    if (hadFocus) focusRow(articleId);
    if (title !== null) void hooks.rename(articleId, title);
  }

  /** Whether a key went to an article's own button (not to Rename or Trash beside it, which Space presses). */
  const onArticle = (event: KeyboardEvent) => (event.target as Element).closest('.library-item') !== null;

  /** The article whose row has the focus. */
  const focusedArticle = (): string | null =>
    (document.activeElement?.closest?.('.library-row') as HTMLElement | null)?.dataset.articleId ?? null;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.altKey || (event.target as Element).closest('input, textarea, select')) return;
    const focused = focusedArticle();
    if (focused === null) return;
    const command = event.ctrlKey || event.metaKey;
    let handled = true;
    if ((event.key === 'Delete' || event.key === 'Backspace') && !command) void trash(selection.has(focused) ? selection.inOrder(listedIds) : [focused]);
    else if (event.key === 'F2' && !command) startRenaming(focused);
    else if (event.key === ' ' && !command && onArticle(event)) changeSelection(() => selection.toggle(focused));
    else if (event.key.toLowerCase() === 'a' && command) changeSelection(() => listedIds.forEach((id) => selection.has(id) || selection.toggle(id)));
    else if (event.key === 'Escape' && selection.size > 0) changeSelection(() => selection.clear());
    else handled = false;
    if (handled) event.preventDefault();
  };
  // Space toggles the choice; it must not also click the article's button (which opens it) when the key comes up.
  const onKeyUp = (event: KeyboardEvent) => {
    if (event.key === ' ' && onArticle(event)) event.preventDefault();
  };
  list.addEventListener('keydown', onKeyDown);
  list.addEventListener('keyup', onKeyUp);

  arrange();
  const stop = store.subscribe((state, previous) => {
    const opened = state.article?.id !== openId;
    if (opened) {
      openId = state.article?.id;
      if (openId) openedHere.set(openId, Date.now());
    }
    if (state.tagRevision !== previous.tagRevision) facts.highlightTags.forget();
    // The open article's tags are read from the reader: what was read of them before may be stale.
    if (state.highlights !== previous.highlights && state.article) facts.highlightTags.forget(state.article.id);
    const tagged = state.libraryView.tag !== null && (state.highlights !== previous.highlights || state.tagRevision !== previous.tagRevision);
    if (state.library !== previous.library || opened || state.libraryView !== previous.libraryView || tagged) {
      if (state.libraryView.sort !== previous.libraryView.sort || state.libraryView.tag !== previous.libraryView.tag) scroller.scrollTop = 0;
      arrange(opened);
    }
  });
  return () => {
    stop();
    list.removeEventListener('keydown', onKeyDown);
    list.removeEventListener('keyup', onKeyUp);
    controls.dispose();
    rows.destroy();
    empty.remove();
  };
}
