import type { HighlightRow, MarginaliaApi } from '../../shared/contract/schemas.js';
import type { HighlightFilter } from '../../shared/highlight-filter.js';
import { windowedList } from '../sidebar/windowed-list.js';
import { filterOf, NO_CHOICES, type Choices } from './choices.js';
import { filterControls, type OfferedTag } from './controls.js';
import { HighlightPages } from './pages.js';
import { highlightRow, loadingRow, ROW_HEIGHT } from './row.js';
import './all-highlights.css';

/** What the view asks of the rest of the reader. */
export interface AllHighlightsHooks {
  /** What the view is shown over (the reading area): out of reach of the keyboard and screen readers meanwhile. */
  behind: HTMLElement;
  /** The tags in use, most used first (for the tag menu). */
  tags(): Promise<OfferedTag[]>;
  /** The article open in the reader, if any. */
  openArticle(): { id: string; title: string } | null;
  /** Opens the highlight's article on its passage (the view has closed). */
  go(row: HighlightRow): void;
  /** Exports what the filter keeps into a folder (the export dialog asks how). */
  exportFiltered(filter: HighlightFilter, description: string): void;
  /** A page that could not be read. */
  failed(error: unknown): void;
}

export interface AllHighlightsView {
  /** Shows the view, with `choices` (a tag from the tag pane) if given, else as it was left. */
  open(choices?: Partial<Choices>): void;
  /** Hides the view; the focus goes back where it was unless `restoreFocus` is false (the reader takes it). */
  close(restoreFocus?: boolean): void;
  readonly isOpen: boolean;
  /** Reads the list again (the library changed); the place in it is kept. */
  refresh(): void;
  dispose(): void;
}

const numbers = new Intl.NumberFormat();
const counted = (n: number, one: string, many: string) => `${numbers.format(n)} ${n === 1 ? one : many}`;

/**
 * "All highlights": every highlight in the library, filtered as the reader
 * chooses, by article and in document order within each; each opens its
 * passage. Shown over the reading area (the reader keeps its place under
 * it); Esc goes back. Rows are windowed and read a page at a time.
 */
export function mountAllHighlights(section: HTMLElement, api: Pick<MarginaliaApi, 'listHighlights'>, hooks: AllHighlightsHooks): AllHighlightsView {
  const header = document.createElement('header');
  header.className = 'all-highlights-header';
  const title = document.createElement('h2');
  title.id = 'all-highlights-title';
  title.textContent = 'All highlights';
  const count = document.createElement('span');
  count.className = 'all-highlights-count';
  count.setAttribute('role', 'status');
  const exportButton = document.createElement('button');
  exportButton.type = 'button';
  exportButton.className = 'button button-small all-highlights-export';
  exportButton.textContent = 'Export these…';
  const closeButton = document.createElement('button');
  closeButton.type = 'button';
  closeButton.className = 'button button-small all-highlights-close';
  closeButton.textContent = 'Back to reading';
  closeButton.title = 'Back to reading (Esc)';
  header.append(title, count, exportButton, closeButton);
  const controls = filterControls(() => void load());
  const scroller = document.createElement('div');
  scroller.className = 'all-highlights-scroll';
  const empty = document.createElement('p');
  empty.className = 'all-highlights-empty';
  const list = document.createElement('ul');
  list.className = 'all-highlights-list windowed';
  list.setAttribute('aria-label', 'Highlights, by article, in the order of the text');
  scroller.append(empty, list);
  section.replaceChildren(header, controls.element, scroller);
  section.setAttribute('aria-labelledby', title.id);

  const pages = new HighlightPages(api, (slots) => rows.update(slotsShown, slots === 'all' ? 'all' : new Set(slots.map(String))), hooks.failed);
  let slotsShown: number[] = [];
  let filter: HighlightFilter = {};
  let returnFocus: HTMLElement | null = null;
  const rows = windowedList<number>({
    scroller,
    list,
    key: String,
    height: () => ROW_HEIGHT,
    render: (slot) => {
      const row = pages.row(slot);
      return row ? highlightRow(row, go) : loadingRow();
    },
  });

  const showCounts = () => {
    const { total, articles } = pages.state;
    count.textContent = total === 0 ? '' : `${counted(total, 'highlight', 'highlights')} in ${counted(articles, 'article', 'articles')}`;
    exportButton.disabled = total === 0;
    empty.hidden = total > 0;
    empty.textContent = JSON.stringify(filter) === '{}' ? 'No highlights yet. Select a passage and press h.' : 'No highlight matches these filters.';
  };

  let loads = 0;
  /** Reads the list for the controls' choices; `keepPlace` keeps the scroll position (a refresh), else it starts at the top. */
  async function load(keepPlace = false) {
    const load = ++loads;
    filter = filterOf(controls.choices(), hooks.openArticle()?.id, new Date());
    let state;
    try {
      state = await pages.reset(filter);
    } catch (error) {
      hooks.failed(error);
      return;
    }
    if (load !== loads) return;
    if (!keepPlace) scroller.scrollTop = 0;
    slotsShown = Array.from({ length: state.total }, (_, i) => i);
    rows.update(slotsShown, 'all');
    showCounts();
  }

  function go(row: HighlightRow) {
    view.close(false);
    hooks.go(row);
  }

  const offerChoices = async () => {
    const open = hooks.openArticle();
    controls.offerOpenArticle(open?.title ?? null);
    try {
      controls.offerTags(await hooks.tags());
    } catch (error) {
      hooks.failed(error);
    }
  };

  exportButton.addEventListener('click', () => {
    const { total, articles } = pages.state;
    hooks.exportFiltered(filter, `Export ${counted(total, 'highlight', 'highlights')} from ${counted(articles, 'article', 'articles')} to a folder`);
  });
  closeButton.addEventListener('click', () => view.close());
  section.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && event.target === controls.field && slotsShown.length > 0) {
      event.preventDefault();
      rows.reveal('0');
      list.querySelector<HTMLElement>('.all-highlight')?.focus();
    } else if (event.key === 'Escape' && !event.defaultPrevented) {
      // Esc in a field with words empties it first, as search fields do; then goes back to reading.
      if (event.target === controls.field && controls.field.value !== '') return;
      event.preventDefault();
      view.close();
    }
  });

  // Ctrl/⌘+Shift+H opens the view from anywhere (in the app, the View menu has it too).
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing || event.altKey || !(event.ctrlKey || event.metaKey) || !event.shiftKey) return;
    if (event.key.toLowerCase() !== 'h') return;
    event.preventDefault();
    view.open();
  };
  document.addEventListener('keydown', onKeyDown);

  let refreshing = false;
  const view: AllHighlightsView = {
    get isOpen() {
      return !section.hidden;
    },
    open(choices) {
      if (!view.isOpen) {
        returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        section.hidden = false;
        hooks.behind.inert = true;
      }
      if (choices) controls.set({ ...NO_CHOICES, ...choices });
      void offerChoices();
      void load();
      controls.field.focus();
    },
    close(restoreFocus = true) {
      if (!view.isOpen) return;
      section.hidden = true;
      hooks.behind.inert = false;
      if (restoreFocus) returnFocus?.focus({ preventScroll: true });
      returnFocus = null;
    },
    refresh() {
      if (!view.isOpen || refreshing) return;
      refreshing = true;
      requestAnimationFrame(() => {
        refreshing = false;
        void offerChoices();
        void load(true);
      });
    },
    dispose() {
      document.removeEventListener('keydown', onKeyDown);
      rows.destroy();
      section.replaceChildren();
    },
  };
  return view;
}
