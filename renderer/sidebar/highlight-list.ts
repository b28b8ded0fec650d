import type { Highlight } from '../../shared/model.js';
import { namedColor } from '../settings/color-names.js';
import type { Store } from '../app/store.js';
import type { Placement, PlacementChange } from '../reader/placement.js';
import type { Reader } from '../reader/view.js';
import { windowedList } from './windowed-list.js';

const QUOTE_EXCERPT = 140;
const NOTE_EXCERPT = 100;

/**
 * A row's height in pixels: padding, two lines of quote, then a line for a
 * note and one for tags where the highlight has them. highlight-list.css
 * draws rows at exactly these heights (the windowed list places rows by
 * them, without measuring).
 */
export const ROW = { padding: 12, quote: 38, note: 20, tags: 19, gap: 2 } as const;

export const rowHeight = (highlight: Highlight): number =>
  ROW.padding + ROW.quote + (highlight.note ? ROW.note : 0) + (highlight.tags.length > 0 ? ROW.tags : 0) + ROW.gap;

/**
 * The open article's highlights in document order; a click scrolls the
 * reader to the passage and makes it active, a click on one of its tags
 * shows the articles carrying the tag. Orphans are listed first, apart.
 * Returns its disposer.
 *
 * A book can have thousands of highlights: the list is windowed (only rows
 * near the visible part exist in the page), and a change rebuilds only the
 * rows of the highlights it changed; a new active highlight rebuilds none.
 */
export function mountHighlightList(
  container: HTMLElement,
  reader: Reader,
  store: Store,
  select: (highlightId: string) => void,
  reattach: (highlightId: string) => void,
  showTag: (tag: string) => void,
): () => void {
  const empty = document.createElement('p');
  empty.className = 'sidebar-empty';
  const orphans = document.createElement('div');
  orphans.className = 'orphans';
  const list = document.createElement('ul');
  list.className = 'highlight-list windowed';
  list.setAttribute('aria-label', 'Highlights, in the order of the article');
  container.replaceChildren(empty, orphans, list);

  /** A row: the highlight (a button that goes to it), then its tags (each a button that shows the articles carrying it). */
  const itemFor = (highlight: Highlight): HTMLElement => {
    const entry = document.createElement('div');
    entry.className = 'highlight-entry';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'highlight-item';
    button.dataset.highlightId = highlight.id;
    if (highlight.id === store.get().activeHighlightId) button.setAttribute('aria-current', 'true');
    button.setAttribute('aria-label', `Go to highlight: ${excerpt(highlight.target.quote.exact, 60)}`);
    button.append(...summary(highlight));
    button.addEventListener('click', () => select(highlight.id));
    entry.append(button);
    if (highlight.tags.length > 0) entry.append(tagLinks(highlight.tags, showTag));
    return entry;
  };
  const rows = windowedList<Highlight>({ scroller: container, list, key: (h) => h.id, height: rowHeight, render: itemFor });

  let articleId: string | undefined;
  let listedOrphans: readonly Highlight[] = [];

  const showOrphans = (orphaned: readonly Highlight[]) => {
    listedOrphans = orphaned;
    if (orphaned.length === 0) {
      orphans.replaceChildren();
      return;
    }
    const heading = document.createElement('h3');
    heading.className = 'sidebar-subheading';
    heading.textContent = 'Orphaned';
    const hint = document.createElement('p');
    hint.className = 'orphan-hint';
    hint.textContent = 'These passages could no longer be found in the article. Their notes and tags are kept.';
    const items = document.createElement('ul');
    items.className = 'highlight-list orphaned';
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
      item.append(...summary(highlight));
      if (highlight.tags.length > 0) item.append(tagLinks(highlight.tags, showTag));
      item.append(again);
      items.append(item);
    }
    const placedHeading = document.createElement('h3');
    placedHeading.className = 'sidebar-subheading';
    placedHeading.textContent = 'In the article';
    orphans.replaceChildren(heading, hint, items, placedHeading);
  };

  const render = (placement: Placement, change: PlacementChange) => {
    const { article } = store.get();
    const opened = article?.id !== articleId;
    articleId = article?.id;
    if (opened) container.scrollTop = 0;
    const placed = placement.placed.map((p) => p.highlight);
    empty.hidden = placed.length > 0 || placement.orphaned.length > 0;
    empty.textContent = article ? 'Select a passage and press h to highlight it.' : '';
    const orphansChanged = placement.orphaned.length !== listedOrphans.length || placement.orphaned.some((h, i) => h !== listedOrphans[i]);
    if (opened || orphansChanged) showOrphans(placement.orphaned);
    rows.setCurrent(store.get().activeHighlightId);
    rows.update(placed, opened || change.all ? 'all' : change.ids);
  };

  /** Moves the "current" mark from one row to another, and brings the active row into view. */
  const markActive = (activeHighlightId: string | null) => {
    for (const current of list.querySelectorAll('.highlight-item[aria-current]')) current.removeAttribute('aria-current');
    rows.setCurrent(activeHighlightId);
    if (!activeHighlightId) return;
    // Placed highlights only: an orphan is never the active one.
    rows.reveal(activeHighlightId);
    list.querySelector(`.highlight-item[data-highlight-id="${CSS.escape(activeHighlightId)}"]`)?.setAttribute('aria-current', 'true');
  };

  const stopPlaced = reader.onPlaced(render);
  const stopStore = store.subscribe((state, previous) => {
    if (state.reattaching !== previous.reattaching) showOrphans(reader.placement().orphaned);
    if (state.activeHighlightId !== previous.activeHighlightId) markActive(state.activeHighlightId);
  });
  render(reader.placement(), { all: true });
  return () => {
    stopPlaced();
    stopStore();
    rows.destroy();
  };
}

function summary(highlight: Highlight): HTMLElement[] {
  const swatch = document.createElement('span');
  swatch.className = `swatch swatch-${highlight.color}`;
  swatch.setAttribute('aria-hidden', 'true');
  swatch.title = namedColor(highlight.color);
  const quote = document.createElement('span');
  quote.className = 'highlight-quote';
  quote.textContent = excerpt(highlight.target.quote.exact, QUOTE_EXCERPT);
  // Where a highlight imported from a Kindle was made, on hover (a line more would change the windowed rows' height).
  if (highlight.origin) quote.title = ['Kindle', highlight.origin.page && `p. ${highlight.origin.page}`, highlight.origin.location && `loc. ${highlight.origin.location}`].filter(Boolean).join(' · ');
  const parts: HTMLElement[] = [swatch, quote];
  if (highlight.note) {
    const note = document.createElement('span');
    note.className = 'highlight-note';
    note.textContent = excerpt(highlight.note, NOTE_EXCERPT);
    parts.push(note);
  }
  return parts;
}

/** A highlight's tags, each a button that shows the articles carrying it. */
function tagLinks(tags: readonly string[], showTag: (tag: string) => void): HTMLElement {
  const line = document.createElement('span');
  line.className = 'highlight-tags';
  for (const tag of tags) {
    const link = document.createElement('button');
    link.type = 'button';
    link.className = 'tag-link';
    link.textContent = `#${tag}`;
    link.setAttribute('aria-label', `Show the articles tagged #${tag}`);
    link.addEventListener('click', (event) => {
      event.stopPropagation();
      showTag(tag);
    });
    line.append(link, ' ');
  }
  return line;
}

function excerpt(text: string, length: number): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1).trimEnd()}…`;
}
