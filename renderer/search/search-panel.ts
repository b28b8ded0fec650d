import type { MarginaliaApi, Response } from '../../shared/contract/schemas.js';
import { isTyping } from '../keys.js';
import { renderResults, type SearchResult } from './results.js';
import './search.css';

export type { SearchResult } from './results.js';

/** Results of each kind asked for; a query that finds more says how many in all. */
const RESULTS_SHOWN = 30;
/** Typing pauses this long before a search runs. */
const TYPING_PAUSE_MS = 120;
const HINT = 'Titles, authors, texts, highlights, notes and tags. "a phrase", tag:name, color:yellow, author:name, has:note';

/** The search panel (Ctrl/⌘+K or /): search the whole library, and go where a result is. */
export interface SearchPanel {
  open(): void;
  close(): void;
  readonly isOpen: boolean;
  /** Removes the panel and its keys. */
  dispose(): void;
}

/**
 * Mounts the search panel in `root`. Typing searches (a pause after the last
 * key; an older answer arriving late is dropped); results come in two groups,
 * articles and highlights, with the words found marked; ↑/↓ move, Enter
 * goes to the result (`go` opens the article there), Esc closes and gives
 * the focus back to where it was.
 */
export function mountSearchPanel(root: HTMLElement, api: Pick<MarginaliaApi, 'search'>, go: (result: SearchResult) => void): SearchPanel {
  const backdrop = element('div', 'search-backdrop');
  backdrop.hidden = true;
  const dialog = element('div', 'search-panel');
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-modal', 'true');
  dialog.setAttribute('aria-label', 'Search the library');
  const input = element('input', 'search-input');
  input.type = 'search';
  input.placeholder = 'Search the library';
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', 'search-results');
  input.setAttribute('aria-autocomplete', 'list');
  input.spellcheck = false;
  const status = element('div', 'search-status');
  status.setAttribute('role', 'status');
  const list = element('div', 'search-results');
  list.id = 'search-results';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Results');
  dialog.append(input, status, list);
  backdrop.append(dialog);
  root.append(backdrop);

  let results: SearchResult[] = [];
  let active = -1;
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let returnFocus: HTMLElement | null = null;
  /** The query whose results are shown, and whether Enter was pressed before they came. */
  let shownQuery = '';
  let chooseWhenShown = false;

  const options = () => [...list.querySelectorAll<HTMLElement>('[role="option"]')];

  const setActive = (index: number) => {
    const all = options();
    if (all.length === 0) {
      active = -1;
      input.removeAttribute('aria-activedescendant');
      return;
    }
    active = (index + all.length) % all.length;
    all.forEach((option, i) => option.setAttribute('aria-selected', String(i === active)));
    input.setAttribute('aria-activedescendant', all[active]!.id);
    all[active]!.scrollIntoView({ block: 'nearest' });
  };

  const show = (answer: Response<'search'>, query: string) => {
    shownQuery = query;
    results = renderResults(list, answer);
    input.setAttribute('aria-expanded', String(results.length > 0));
    const { articles, highlights } = answer.total;
    status.textContent =
      query.trim() === ''
        ? HINT
        : answer.articles.length + answer.highlights.length === 0
          ? 'Nothing found.'
          : `${count(articles, 'article')} · ${count(highlights, 'highlight')}${answer.phrasesUnchecked ? ' (some phrases not checked in order)' : ''}`;
    setActive(0);
    if (chooseWhenShown) {
      chooseWhenShown = false;
      choose(0);
    }
  };

  const search = () => {
    const query = input.value;
    const mine = ++asked;
    if (query.trim() === '') {
      show({ articles: [], highlights: [], total: { articles: 0, highlights: 0 } }, query);
      return;
    }
    status.textContent = 'Searching…';
    api.search({ query, limit: RESULTS_SHOWN }).then(
      (answer) => {
        if (mine === asked && panel.isOpen) show(answer, query);
      },
      (error: unknown) => {
        if (mine === asked) status.textContent = `Search failed: ${(error as Error).message}`;
      },
    );
  };

  function choose(index: number): void {
    const result = results[index];
    if (!result) return;
    panel.close(false);
    go(result);
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(), TYPING_PAUSE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (input.value === shownQuery) return choose(Math.max(0, active));
      // Enter before the answer to what was typed: search now, and go to its first result.
      clearTimeout(timer);
      chooseWhenShown = true;
      search();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      panel.close();
    }
  });
  list.addEventListener('mousedown', (event) => event.preventDefault()); // keep the focus in the field
  list.addEventListener('click', (event) => {
    const option = (event.target as Element).closest<HTMLElement>('[role="option"]');
    if (option) choose(options().indexOf(option));
  });
  backdrop.addEventListener('mousedown', (event) => {
    if (event.target === backdrop) panel.close();
  });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return;
    const chord = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k';
    const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target);
    if (!chord && !slash) return;
    event.preventDefault();
    panel.open();
  };
  document.addEventListener('keydown', onKeyDown);

  const panel = {
    get isOpen() {
      return !backdrop.hidden;
    },
    open() {
      if (!panel.isOpen) {
        returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        backdrop.hidden = false;
        if (input.value.trim() === '') show({ articles: [], highlights: [], total: { articles: 0, highlights: 0 } }, '');
      }
      input.focus();
      input.select();
    },
    close(restoreFocus = true) {
      if (!panel.isOpen) return;
      clearTimeout(timer);
      chooseWhenShown = false;
      asked++;
      backdrop.hidden = true;
      if (restoreFocus) returnFocus?.focus();
      returnFocus = null;
    },
    dispose() {
      document.removeEventListener('keydown', onKeyDown);
      backdrop.remove();
    },
  };
  return panel;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  return node;
}

const count = (n: number, noun: string) => `${n.toLocaleString()} ${noun}${n === 1 ? '' : 's'}`;
