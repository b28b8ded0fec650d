import type { ArticleSummary } from '../../shared/model.js';
import type { Store } from '../app/store.js';

/**
 * The library list: every article, newest first, with its highlight count;
 * an article that cannot be opened is listed after them, greyed, with why.
 * Returns its disposer.
 */
export function mountLibrary(list: HTMLElement, store: Store, open: (articleId: string) => void): () => void {
  const render = () => {
    const { library, article } = store.get();
    if (library.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'sidebar-empty';
      empty.textContent = 'No articles yet. Import a file or drop one here.';
      list.replaceChildren(empty);
      return;
    }
    list.replaceChildren(
      ...library.map((summary) => {
        const item = document.createElement('li');
        item.append(summary.unavailable === undefined ? articleButton(summary, summary.id === article?.id, open) : unavailableArticle(summary, summary.unavailable));
        return item;
      }),
    );
  };
  render();
  return store.subscribe((state, previous) => {
    if (state.library !== previous.library || state.article !== previous.article) render();
  });
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
  button.append(titleOf(summary), count);
  button.addEventListener('click', () => open(summary.id));
  return button;
}

/** Not a button: there is nothing to open. The reason is in the text, for every reader. */
function unavailableArticle(summary: ArticleSummary, reason: string): HTMLElement {
  const entry = document.createElement('div');
  entry.className = 'library-item library-item-unavailable';
  entry.dataset.articleId = summary.id;
  entry.setAttribute('aria-disabled', 'true');
  const why = document.createElement('span');
  why.className = 'library-unavailable';
  why.textContent = `Cannot be opened: ${reason}.`;
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
  return title;
}
