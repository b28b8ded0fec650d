import type { TrashedArticle } from '../app/actions.js';
import { articleDetails, shownDate } from './article-details.js';
import { rowAction } from './icons.js';
import { LIBRARY_ROW } from './library.js';
import { windowedList } from './windowed-list.js';

/** What the trash view asks of the rest of the reader. */
export interface TrashHooks {
  list(): Promise<TrashedArticle[]>;
  restore(articleId: string): Promise<void>;
  /** Removes everything in the trash for good; null when it failed. */
  empty(): Promise<number | null>;
}

export interface TrashView {
  refresh(): Promise<void>;
  dispose(): void;
}

/**
 * The articles deleted, most recently first, each with Restore; "Empty
 * trash…" removes them for good after the reader confirms. Rows are drawn
 * as the library's are (same heights), and windowed like them.
 */
export function mountTrash(parts: { bar: HTMLElement; scroller: HTMLElement; list: HTMLElement }, hooks: TrashHooks): TrashView {
  const { scroller, list } = parts;
  const count = document.createElement('span');
  count.className = 'trash-count';
  const emptyTrash = document.createElement('button');
  emptyTrash.type = 'button';
  emptyTrash.className = 'button button-small trash-empty-button';
  emptyTrash.textContent = 'Empty trash…';
  parts.bar.replaceChildren(count, emptyTrash);
  const empty = document.createElement('p');
  empty.className = 'sidebar-empty trash-empty';
  empty.textContent = 'The trash is empty. Deleted articles wait here until it is emptied.';
  list.before(empty);
  list.classList.add('windowed');
  list.setAttribute('aria-label', 'Deleted articles, most recently deleted first');

  let trashed: TrashedArticle[] = [];
  const rows = windowedList<TrashedArticle>({
    scroller,
    list,
    key: (article) => article.id,
    // Every row has a details line: at least when it was deleted.
    height: () => LIBRARY_ROW.padding + LIBRARY_ROW.title + LIBRARY_ROW.details + LIBRARY_ROW.gap,
    render: (article) => trashRow(article, () => void restore(article.id)),
  });

  const show = (next: TrashedArticle[]) => {
    trashed = next;
    empty.hidden = next.length > 0;
    count.textContent = next.length === 0 ? '' : next.length === 1 ? '1 article' : `${next.length} articles`;
    emptyTrash.disabled = next.length === 0;
    rows.update(next, 'all');
  };

  const refresh = async () => show(await hooks.list());

  const restore = async (articleId: string) => {
    await hooks.restore(articleId);
    await refresh();
  };

  emptyTrash.addEventListener('click', async () => {
    const n = trashed.length;
    if (n === 0) return;
    const what = n === 1 ? 'the article in the trash' : `the ${n} articles in the trash`;
    if (!window.confirm(`Remove ${what} for good? Their highlights and notes go with them. This cannot be undone.`)) return;
    await hooks.empty();
    await refresh();
  });

  return {
    refresh,
    dispose() {
      rows.destroy();
      empty.remove();
      parts.bar.replaceChildren();
    },
  };
}

function trashRow(article: TrashedArticle, restore: () => void): HTMLElement {
  const row = document.createElement('div');
  row.className = 'library-row trash-row';
  row.dataset.articleId = article.id;
  const text = document.createElement('span');
  text.className = 'library-text trash-text';
  const title = document.createElement('span');
  title.className = 'library-title';
  title.textContent = article.title;
  title.title = article.title;
  const details = document.createElement('span');
  details.className = 'library-details';
  const deleted = article.trashedAt ? `Deleted ${shownDate(article.trashedAt)}` : 'Deleted';
  details.textContent = [deleted, articleDetails(article)].filter((part) => part !== '').join(' · ');
  details.title = details.textContent;
  text.append(title, details);
  const button = rowAction('trash-restore', 'restore', `Restore “${article.title}”`, 'Restore', restore);
  button.append(' Restore');
  row.append(text, button);
  return row;
}
