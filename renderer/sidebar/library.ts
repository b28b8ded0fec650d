import type { Store } from '../app/store.js';

/** The library list: every article, newest first, with its highlight count. Returns its disposer. */
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
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'library-item';
        button.dataset.articleId = summary.id;
        if (summary.id === article?.id) button.setAttribute('aria-current', 'true');
        const title = document.createElement('span');
        title.className = 'library-title';
        title.textContent = summary.title;
        const count = document.createElement('span');
        count.className = 'library-count';
        count.textContent = String(summary.highlightCount);
        const plural = summary.highlightCount === 1 ? 'highlight' : 'highlights';
        count.setAttribute('aria-label', `${summary.highlightCount} ${plural}`);
        count.title = `${summary.highlightCount} ${plural}`;
        button.append(title, count);
        button.addEventListener('click', () => open(summary.id));
        item.append(button);
        return item;
      }),
    );
  };
  render();
  return store.subscribe((state, previous) => {
    if (state.library !== previous.library || state.article !== previous.article) render();
  });
}
