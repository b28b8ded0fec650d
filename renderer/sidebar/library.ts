import type { ArticleSummary } from '../../shared/model.js';
import type { Store } from '../app/store.js';
import { articleDetails, hasDetails } from './article-details.js';
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

/** What a row shows of an article, read from its summary as it is (no formatting): a change to any of it rebuilds the row. */
const rowContent = (summary: ArticleSummary, current: boolean): string =>
  JSON.stringify([summary.title, summary.highlightCount, summary.byline, summary.siteName, summary.url, summary.published, summary.unavailable, current]);

/**
 * The library list: every article, newest first, with its author, site and
 * date and its highlight count; an article that cannot be opened is listed
 * after them, greyed, with why. A library of thousands is windowed (only
 * rows near the visible part of `scroller` exist in the page), and a change
 * rebuilds only the rows whose article changed. Returns its disposer.
 */
export function mountLibrary(scroller: HTMLElement, list: HTMLElement, store: Store, open: (articleId: string) => void): () => void {
  const empty = document.createElement('p');
  empty.className = 'sidebar-empty library-empty';
  empty.textContent = 'No articles yet. Import a file or drop one here.';
  list.before(empty);
  list.classList.add('windowed');
  list.setAttribute('aria-label', 'Articles, newest first');

  let openId: string | undefined;
  const rows = windowedList<ArticleSummary>({
    scroller,
    list,
    key: (summary) => summary.id,
    height: libraryRowHeight,
    render: (summary) =>
      summary.unavailable === undefined ? articleButton(summary, summary.id === openId, open) : unavailableArticle(summary, summary.unavailable),
  });

  /** What each listed row shows, by article id. */
  let listed = new Map<string, string>();
  const render = (library: readonly ArticleSummary[], opened: boolean) => {
    empty.hidden = library.length > 0;
    const next = new Map(library.map((summary) => [summary.id, rowContent(summary, summary.id === openId)]));
    const changed = new Set<string>();
    for (const [id, content] of next) if (listed.get(id) !== content) changed.add(id);
    listed = next;
    rows.setCurrent(openId ?? null);
    rows.update(library, changed);
    // The open article's row in view when the article changed (at start: the one read last).
    if (opened && openId) rows.reveal(openId);
  };

  render(store.get().library, false);
  const stop = store.subscribe((state, previous) => {
    if (state.library === previous.library && state.article === previous.article) return;
    const opened = state.article?.id !== openId;
    openId = state.article?.id;
    render(state.library, opened);
  });
  return () => {
    stop();
    rows.destroy();
    empty.remove();
  };
}

function articleButton(summary: ArticleSummary, current: boolean, open: (articleId: string) => void): HTMLElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'library-item';
  button.dataset.articleId = summary.id;
  if (current) button.setAttribute('aria-current', 'true');
  const count = document.createElement('span');
  count.className = 'library-count';
  count.textContent = String(summary.highlightCount);
  const plural = summary.highlightCount === 1 ? 'highlight' : 'highlights';
  count.setAttribute('aria-label', `${summary.highlightCount} ${plural}`);
  count.title = `${summary.highlightCount} ${plural}`;
  const text = document.createElement('span');
  text.className = 'library-text';
  text.append(titleOf(summary));
  const details = articleDetails(summary);
  if (details) {
    const line = document.createElement('span');
    line.className = 'library-details';
    line.textContent = details;
    line.title = details;
    text.append(line);
  }
  button.append(text, count);
  button.addEventListener('click', () => open(summary.id));
  return button;
}

/** Not a button: there is nothing to open. The reason is in the text, for every reader. */
function unavailableArticle(summary: ArticleSummary, reason: string): HTMLElement {
  const entry = document.createElement('div');
  entry.className = 'library-item library-item-unavailable';
  entry.dataset.articleId = summary.id;
  entry.setAttribute('aria-disabled', 'true');
  // Reachable with the list's arrow keys, like the rows around it.
  entry.tabIndex = -1;
  const why = document.createElement('span');
  why.className = 'library-unavailable';
  why.textContent = `Cannot be opened: ${reason}.`;
  why.title = why.textContent;
  const kept = summary.highlightCount === 1 ? '1 highlight kept' : `${summary.highlightCount} highlights kept`;
  const text = document.createElement('span');
  text.className = 'library-text';
  text.append(titleOf(summary), why);
  const count = document.createElement('span');
  count.className = 'library-count';
  count.textContent = String(summary.highlightCount);
  count.setAttribute('aria-label', kept);
  count.title = kept;
  entry.append(text, count);
  return entry;
}

function titleOf(summary: ArticleSummary): HTMLElement {
  const title = document.createElement('span');
  title.className = 'library-title';
  title.textContent = summary.title;
  // One line in the list; the whole title on hover.
  title.title = summary.title;
  return title;
}
