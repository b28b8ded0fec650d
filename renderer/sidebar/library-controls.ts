import type { Store } from '../app/store.js';
import { COLORS, type Color } from '../../shared/colors.js';
import { namedColor, onColorNames } from '../settings/color-names.js';
import { HAS_LABELS, LIBRARY_HAS, LIBRARY_SORTS, SORT_LABELS, type LibraryHas, type LibrarySort, type LibraryView } from './library-view.js';

/** The parts of the page the library's controls go into. */
export interface ControlParts {
  /** The filter field and the sort menu. */
  controls: HTMLElement;
  /** The tag filter in force and how many articles it keeps. */
  status: HTMLElement;
  /** What can be done with the chosen articles. */
  selection: HTMLElement;
}

/** What the controls ask of the library list. */
export interface ControlHooks {
  setView(patch: Partial<LibraryView>): void;
  trashSelected(): void;
  exportSelected(): void;
  clearSelection(): void;
}

/** What the list tells the controls after each arrangement. */
export interface ListedCounts {
  shown: number;
  total: number;
  /** Articles whose highlights' tags are still being read (the tag filter may keep some of them). */
  pending: number;
}

export interface LibraryControls {
  showCounts(counts: ListedCounts): void;
  showSelection(count: number): void;
  dispose(): void;
}

const numbers = new Intl.NumberFormat('en');

/**
 * The library's controls: a field that keeps the articles whose title,
 * author or site has the words typed, the order, what their highlights
 * must have (notes, orphans, a colour), the tag filter in force
 * (with a button to drop it), and the bar of batch actions on the chosen
 * articles. They show the store's library view and change it through `setView`.
 */
export function mountLibraryControls(parts: ControlParts, store: Store, hooks: ControlHooks): LibraryControls {
  const filter = document.createElement('input');
  filter.type = 'search';
  filter.className = 'library-filter';
  filter.id = 'library-filter';
  filter.placeholder = 'Filter…';
  filter.title = 'Title, author or site';
  filter.setAttribute('aria-label', 'Filter the articles by title, author or site');
  filter.autocomplete = 'off';
  filter.spellcheck = false;
  const sort = document.createElement('select');
  sort.className = 'library-sort';
  sort.id = 'library-sort';
  sort.setAttribute('aria-label', 'Order of the articles');
  for (const value of LIBRARY_SORTS) sort.append(new Option(SORT_LABELS[value].menu, value));
  const has = document.createElement('select');
  has.className = 'library-sort library-has';
  has.id = 'library-has';
  has.setAttribute('aria-label', 'Which articles, by their highlights');
  const hasLabel = (value: LibraryHas) => ((COLORS as readonly string[]).includes(value) ? `With ${value}${namedColor(value as Color).slice(value.length)}` : HAS_LABELS[value]);
  for (const value of LIBRARY_HAS) has.append(new Option(hasLabel(value), value));
  const stopNames = onColorNames(() => LIBRARY_HAS.forEach((value, i) => (has.options[i]!.textContent = hasLabel(value))));
  parts.controls.replaceChildren(filter, sort, has);

  filter.addEventListener('input', () => hooks.setView({ text: filter.value }));
  filter.addEventListener('keydown', (event) => {
    // Esc empties the field first, as search fields do; then leaves it to the rest of the window.
    if (event.key === 'Escape' && filter.value !== '') {
      event.preventDefault();
      event.stopPropagation();
      filter.value = '';
      hooks.setView({ text: '' });
    }
  });
  sort.addEventListener('change', () => hooks.setView({ sort: sort.value as LibrarySort }));
  has.addEventListener('change', () => hooks.setView({ has: has.value as LibraryHas }));

  const tagFilter = document.createElement('span');
  tagFilter.className = 'library-tag-filter';
  const tagName = document.createElement('span');
  tagName.className = 'library-tag-filter-name';
  const dropTag = document.createElement('button');
  dropTag.type = 'button';
  dropTag.className = 'library-tag-filter-clear';
  dropTag.textContent = '×';
  dropTag.addEventListener('click', () => hooks.setView({ tag: null }));
  tagFilter.append('Tagged ', tagName, dropTag);
  const counts = document.createElement('span');
  counts.className = 'library-counts';
  parts.status.replaceChildren(tagFilter, counts);

  const chosen = document.createElement('span');
  chosen.className = 'library-selection-count';
  const button = (label: string, action: () => void, className = '') => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = `button button-small ${className}`.trim();
    b.textContent = label;
    b.addEventListener('click', action);
    return b;
  };
  const exportChosen = button('Export…', hooks.exportSelected, 'library-export-selected');
  const trashChosen = button('Delete', hooks.trashSelected, 'library-delete-selected');
  const clearChosen = button('×', hooks.clearSelection, 'library-clear-selection');
  clearChosen.title = 'Clear the selection (Esc)';
  clearChosen.setAttribute('aria-label', 'Clear the selection (Esc)');
  parts.selection.replaceChildren(chosen, exportChosen, trashChosen, clearChosen);
  parts.selection.hidden = true;

  const showView = (view: LibraryView) => {
    if (filter.value !== view.text) filter.value = view.text;
    sort.value = view.sort;
    has.value = view.has;
    tagFilter.hidden = view.tag === null;
    tagName.textContent = view.tag === null ? '' : `#${view.tag}`;
    dropTag.setAttribute('aria-label', view.tag === null ? 'Show all articles' : `Show all articles, not only those tagged #${view.tag}`);
  };
  showView(store.get().libraryView);
  const stop = store.subscribe((state, previous) => {
    if (state.libraryView !== previous.libraryView) showView(state.libraryView);
  });

  return {
    showCounts({ shown, total, pending }) {
      const filtered = shown !== total;
      const looking = pending > 0 ? ` · looking through ${numbers.format(pending)} more…` : '';
      counts.textContent = filtered || pending > 0 ? `${numbers.format(shown)} of ${numbers.format(total)} articles${looking}` : '';
      parts.status.hidden = !filtered && pending === 0 && store.get().libraryView.tag === null;
    },
    showSelection(count) {
      parts.selection.hidden = count === 0;
      chosen.textContent = count === 1 ? '1 selected' : `${numbers.format(count)} selected`;
      const which = count === 1 ? 'the selected article' : `the ${count} selected articles`;
      exportChosen.setAttribute('aria-label', `Export ${which} to a folder`);
      trashChosen.setAttribute('aria-label', `Move ${which} to the trash`);
    },
    dispose() {
      stop();
      stopNames();
      parts.controls.replaceChildren();
      parts.status.replaceChildren();
      parts.selection.replaceChildren();
    },
  };
}
