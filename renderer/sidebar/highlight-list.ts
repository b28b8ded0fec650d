import type { Highlight } from '../../shared/model.js';
import type { Store } from '../app/store.js';
import type { Placement } from '../reader/placement.js';
import type { Reader } from '../reader/view.js';

const QUOTE_EXCERPT = 140;
const NOTE_EXCERPT = 100;
/** Items built at once when the list is drawn; the rest follow in chunks when the page is idle. */
const FIRST_CHUNK = 60;
const CHUNK = 400;

const whenIdle = (task: () => void) =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(task, { timeout: 250 }) : setTimeout(task, 0);

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
  // A long list is built a chunk at a time: the first chunk at once (it fills the
  // sidebar), the rest when the page is idle, so opening a book with thousands of
  // highlights does not wait for a list nobody has scrolled to yet.
  let generation = 0;
  const itemFor = (highlight: Highlight, activeHighlightId: string | null): HTMLElement => {
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
    return item;
  };
  const fill = (list: HTMLElement, highlights: readonly Highlight[], from: number, first: number, run: number) => {
    if (run !== generation) return; // A newer render replaced this list.
    const end = Math.min(from + (from === 0 ? first : CHUNK), highlights.length);
    const { activeHighlightId } = store.get();
    const items: HTMLElement[] = [];
    for (let i = from; i < end; i++) items.push(itemFor(highlights[i]!, activeHighlightId));
    list.append(...items);
    if (end < highlights.length) whenIdle(() => fill(list, highlights, end, first, run));
  };

  let listedArticleId: string | undefined;
  const render = (placement: Placement) => {
    const run = ++generation;
    const { article } = store.get();
    // Chunks only for a newly opened article: a list redrawn in place (a highlight
    // added, recoloured, made active) is built whole, so its scroll position holds.
    const first = article?.id === listedArticleId ? Infinity : FIRST_CHUNK;
    listedArticleId = article?.id;
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
      fill(list, placement.placed.map((p) => p.highlight), 0, first, run);
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

  /** Moves the "current" mark from one item to another without rebuilding the list. */
  const markActive = (activeHighlightId: string | null) => {
    for (const current of container.querySelectorAll('.highlight-item[aria-current]')) current.removeAttribute('aria-current');
    if (!activeHighlightId) return;
    container.querySelector(`.highlight-item[data-highlight-id="${CSS.escape(activeHighlightId)}"]`)?.setAttribute('aria-current', 'true');
  };

  const stopPlaced = reader.onPlaced(render);
  const stopStore = store.subscribe((state, previous) => {
    if (state.reattaching !== previous.reattaching) render(reader.placement());
    else if (state.activeHighlightId !== previous.activeHighlightId) markActive(state.activeHighlightId);
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
