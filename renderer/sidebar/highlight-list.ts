import type { Highlight } from '../../shared/model.js';
import type { Store } from '../app/store.js';
import type { Placement } from '../reader/placement.js';
import type { Reader } from '../reader/view.js';

const QUOTE_EXCERPT = 140;
const NOTE_EXCERPT = 100;

/**
 * The open article's highlights in document order; a click scrolls the
 * reader to the passage and makes it active. Orphans are listed apart.
 * Returns its disposer.
 */
export function mountHighlightList(
  container: HTMLElement,
  reader: Reader,
  store: Store,
  select: (highlightId: string) => void,
  reattach: (highlightId: string) => void,
): () => void {
  const render = (placement: Placement) => {
    const { activeHighlightId, article } = store.get();
    const parts: HTMLElement[] = [];
    if (placement.placed.length === 0 && placement.orphaned.length === 0) {
      const empty = document.createElement('p');
      empty.className = 'sidebar-empty';
      empty.textContent = article ? 'Select a passage and press h to highlight it.' : '';
      parts.push(empty);
    }
    if (placement.placed.length > 0) {
      const list = document.createElement('ul');
      list.className = 'highlight-list';
      for (const { highlight } of placement.placed) {
        const item = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'highlight-item';
        button.dataset.highlightId = highlight.id;
        if (highlight.id === activeHighlightId) button.setAttribute('aria-current', 'true');
        button.setAttribute('aria-label', `Go to highlight: ${excerpt(highlight.target.quote.exact, 60)}`);
        button.append(...summary(highlight));
        button.addEventListener('click', () => select(highlight.id));
        item.append(button);
        list.append(item);
      }
      parts.push(list);
    }
    if (placement.orphaned.length > 0) {
      const heading = document.createElement('h3');
      heading.className = 'sidebar-subheading';
      heading.textContent = 'Orphaned';
      const hint = document.createElement('p');
      hint.className = 'orphan-hint';
      hint.textContent = 'These passages could no longer be found in the article. Their notes and tags are kept.';
      const list = document.createElement('ul');
      list.className = 'highlight-list orphaned';
      for (const highlight of placement.orphaned) {
        const item = document.createElement('li');
        item.className = 'highlight-item is-orphaned';
        item.dataset.highlightId = highlight.id;
        const again = document.createElement('button');
        again.type = 'button';
        again.className = 'reattach-button';
        again.textContent = store.get().reattaching === highlight.id ? 'Select its passage…' : 'Re-attach…';
        again.setAttribute('aria-label', `Re-attach: ${excerpt(highlight.target.quote.exact, 60)}`);
        again.addEventListener('click', () => reattach(highlight.id));
        item.append(...summary(highlight), again);
        list.append(item);
      }
      parts.push(heading, hint, list);
    }
    container.replaceChildren(...parts);
  };

  const stopPlaced = reader.onPlaced(render);
  const stopStore = store.subscribe((state, previous) => {
    if (state.activeHighlightId !== previous.activeHighlightId || state.reattaching !== previous.reattaching) render(reader.placement());
  });
  render(reader.placement());
  return () => {
    stopPlaced();
    stopStore();
  };
}

function summary(highlight: Highlight): HTMLElement[] {
  const swatch = document.createElement('span');
  swatch.className = `swatch swatch-${highlight.color}`;
  swatch.setAttribute('aria-hidden', 'true');
  const quote = document.createElement('span');
  quote.className = 'highlight-quote';
  quote.textContent = excerpt(highlight.target.quote.exact, QUOTE_EXCERPT);
  const parts: HTMLElement[] = [swatch, quote];
  if (highlight.note) {
    const note = document.createElement('span');
    note.className = 'highlight-note';
    note.textContent = excerpt(highlight.note, NOTE_EXCERPT);
    parts.push(note);
  }
  if (highlight.tags.length > 0) {
    const tags = document.createElement('span');
    tags.className = 'highlight-tags';
    tags.textContent = highlight.tags.map((t) => `#${t}`).join(' ');
    parts.push(tags);
  }
  return parts;
}

function excerpt(text: string, length: number): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1).trimEnd()}…`;
}
