import type { Highlight } from '../../shared/model.js';
import type { Store } from '../app/store.js';
import type { Placement } from '../reader/placement.js';
import type { Reader } from '../reader/view.js';

const QUOTE_EXCERPT = 140;
const NOTE_EXCERPT = 100;
/** Items built at once when an article opens; the rest follow in chunks when the page is idle. */
const FIRST_CHUNK = 60;
const CHUNK = 400;

const whenIdle = (task: () => void) =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(task, { timeout: 250 }) : setTimeout(task, 0);

/** What the list shows: the highlights its items were built from, in order. */
interface Listed {
  articleId: string | undefined;
  placed: Highlight[];
  orphaned: readonly Highlight[];
  list: HTMLElement | null;
}

/**
 * The open article's highlights in document order; a click scrolls the
 * reader to the passage and makes it active. Orphans are listed apart.
 * Returns its disposer.
 *
 * A book can have thousands of highlights: on opening, the first items are
 * built at once and the rest when the page is idle; afterwards a change
 * rebuilds only the items whose highlight changed (a new active highlight
 * rebuilds none), so the list keeps its scroll position.
 */
export function mountHighlightList(
  container: HTMLElement,
  reader: Reader,
  store: Store,
  select: (highlightId: string) => void,
  reattach: (highlightId: string) => void,
): () => void {
  let listed: Listed = { articleId: undefined, placed: [], orphaned: [], list: null };
  let generation = 0;

  const itemFor = (highlight: Highlight): HTMLElement => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'highlight-item';
    button.dataset.highlightId = highlight.id;
    if (highlight.id === store.get().activeHighlightId) button.setAttribute('aria-current', 'true');
    button.setAttribute('aria-label', `Go to highlight: ${excerpt(highlight.target.quote.exact, 60)}`);
    button.append(...summary(highlight));
    button.addEventListener('click', () => select(highlight.id));
    item.append(button);
    return item;
  };

  /** Builds items from `from` on: `count` now, the rest in later idle chunks, unless a newer render replaced the list. */
  const fill = (shown: Listed, from: number, count: number, run: number) => {
    if (run !== generation || !shown.list) return;
    const end = Math.min(from + count, shown.placed.length);
    const items: HTMLElement[] = [];
    for (let i = from; i < end; i++) items.push(itemFor(shown.placed[i]!));
    shown.list.append(...items);
    if (end < shown.placed.length) whenIdle(() => fill(shown, end, CHUNK, run));
  };

  const orphanList = (orphaned: readonly Highlight[]): HTMLElement[] => {
    const heading = document.createElement('h3');
    heading.className = 'sidebar-subheading';
    heading.textContent = 'Orphaned';
    const hint = document.createElement('p');
    hint.className = 'orphan-hint';
    hint.textContent = 'These passages could no longer be found in the article. Their notes and tags are kept.';
    const list = document.createElement('ul');
    list.className = 'highlight-list orphaned';
    for (const highlight of orphaned) {
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
    return [heading, hint, list];
  };

  const rebuild = (placement: Placement) => {
    const run = ++generation;
    const { article } = store.get();
    const opened = article?.id !== listed.articleId;
    const parts: HTMLElement[] = [];
    listed = { articleId: article?.id, placed: placement.placed.map((p) => p.highlight), orphaned: placement.orphaned, list: null };
    if (placement.placed.length === 0 && placement.orphaned.length === 0) {
      const empty = document.createElement('p');
      empty.className = 'sidebar-empty';
      empty.textContent = article ? 'Select a passage and press h to highlight it.' : '';
      parts.push(empty);
    }
    if (placement.placed.length > 0) {
      listed.list = document.createElement('ul');
      listed.list.className = 'highlight-list';
      fill(listed, 0, opened ? FIRST_CHUNK : Infinity, run);
      parts.push(listed.list);
    }
    if (placement.orphaned.length > 0) parts.push(...orphanList(placement.orphaned));
    container.replaceChildren(...parts);
  };

  /** Where the same highlights are listed in the same order: rebuilds the changed items only; else false. */
  const updateInPlace = (placement: Placement): boolean => {
    const { article } = store.get();
    const { placed, orphaned } = placement;
    if (article?.id !== listed.articleId || placed.length !== listed.placed.length || orphaned.length !== listed.orphaned.length) return false;
    if (orphaned.some((h, i) => h !== listed.orphaned[i])) return false;
    if (placed.some((p, i) => p.highlight.id !== listed.placed[i]!.id)) return false;
    placed.forEach(({ highlight }, i) => {
      if (highlight === listed.placed[i]) return;
      listed.placed[i] = highlight; // An item not built yet is built from this by fill.
      const item = listed.list?.children[i];
      if (item) item.replaceWith(itemFor(highlight));
    });
    markActive(store.get().activeHighlightId);
    return true;
  };

  const render = (placement: Placement) => {
    if (!updateInPlace(placement)) rebuild(placement);
  };

  /** Moves the "current" mark from one item to another. */
  const markActive = (activeHighlightId: string | null) => {
    for (const current of container.querySelectorAll('.highlight-item[aria-current]')) current.removeAttribute('aria-current');
    if (!activeHighlightId) return;
    // Placed highlights only: an orphan is never the active one.
    listed.list?.querySelector(`.highlight-item[data-highlight-id="${CSS.escape(activeHighlightId)}"]`)?.setAttribute('aria-current', 'true');
  };

  const stopPlaced = reader.onPlaced(render);
  const stopStore = store.subscribe((state, previous) => {
    if (state.reattaching !== previous.reattaching) rebuild(reader.placement());
    else if (state.activeHighlightId !== previous.activeHighlightId) markActive(state.activeHighlightId);
  });
  render(reader.placement());
  return () => {
    generation++; // Chunks still waiting for idle time build nothing more.
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
