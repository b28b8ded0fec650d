import type { Store } from '../app/store.js';
import { isTyping } from '../keys.js';
import { findInArticle, type ArticleMatches, type PositionRange } from './find-plugin.js';
import { foldQuery } from './find-text.js';
import type { Reader } from './view.js';

/**
 * How long typing pauses before the article is searched again: fast typing
 * makes one search, not one per key (a search is a pass over a book's text).
 */
const SEARCH_DELAY_MS = 80;
/** Where the current match is brought to when it is off screen: this far down the reading area. */
const CURRENT_AT = 1 / 3;

/** The reader's find bar (Ctrl/⌘+F, or Edit ▸ Find in Article). */
export interface FindBar {
  /** Shows the bar (or, when shown, focuses it) with its query selected. */
  open(): void;
  /** Hides the bar, clears the matches and gives the focus back to the article. */
  close(): void;
  destroy(): void;
}

const numbers = new Intl.NumberFormat('en');

/**
 * A small bar over the article that finds a query in the open article,
 * case- and diacritics-insensitively. All matches are counted over the
 * article's text; only those near the screen are painted (decorations of the
 * find plugin), and the current one is painted apart and brought into view.
 * Enter / Shift+Enter (and the bar's arrows) step to the next / previous
 * match, wrapping; Esc closes. Returns its controls.
 */
export function mountFindBar(host: HTMLElement, reader: Reader, scroller: HTMLElement, store: Store): FindBar {
  const bar = document.createElement('div');
  bar.className = 'find-bar';
  bar.setAttribute('role', 'search');
  bar.hidden = true;
  const input = document.createElement('input');
  input.type = 'text';
  input.className = 'find-input';
  input.placeholder = 'Find in article';
  input.setAttribute('aria-label', 'Find in article');
  input.autocomplete = 'off';
  input.spellcheck = false;
  const count = document.createElement('span');
  count.className = 'find-count';
  count.setAttribute('aria-live', 'polite');
  const button = (className: string, label: string, text: string, action: () => void) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.className = `find-button ${className}`;
    element.setAttribute('aria-label', label);
    element.title = label;
    element.textContent = text;
    element.addEventListener('mousedown', (event) => event.preventDefault()); // Keep the focus in the field.
    element.addEventListener('click', action);
    return element;
  };
  const previous = button('find-previous', 'Previous match (Shift+Enter)', '↑', () => step(-1));
  const next = button('find-next', 'Next match (Enter)', '↓', () => step(1));
  const closer = button('find-close', 'Close (Esc)', '×', () => close());
  bar.append(input, count, previous, next, closer);
  host.append(bar);

  let matches: ArticleMatches | null = null;
  let current = -1;
  let painted: PositionRange | null = null;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let following = false;

  const showCount = () => {
    const none = !matches || matches.count === 0;
    count.textContent = !matches ? '' : none ? 'No matches' : `${numbers.format(current + 1)} of ${numbers.format(matches.count)}`;
    bar.classList.toggle('find-none', !!matches && none);
    previous.disabled = none;
    next.disabled = none;
  };

  /** Paints the matches near the screen (a screen above and below it), and the current one. */
  const paint = () => {
    painted = matches && matches.count > 0 ? reader.visibleRange(scroller.clientHeight) : null;
    reader.showMatches(matches, current, painted);
  };

  /** Whether a document range is on screen, below the bar. */
  const onScreen = ({ from, to }: PositionRange): boolean => {
    const area = scroller.getBoundingClientRect();
    const top = Math.max(area.top, bar.getBoundingClientRect().bottom);
    const start = reader.view.coordsAtPos(from, 1);
    const end = reader.view.coordsAtPos(to, -1);
    return start.top >= top && end.bottom <= area.bottom;
  };

  /** Brings the current match into view; checked again a frame later, once the parts around it are laid out. */
  const reveal = (tries = 2) => {
    if (!matches || current < 0) return;
    const range = matches.range(current);
    if (onScreen(range)) return;
    const area = scroller.getBoundingClientRect();
    scroller.scrollTop += reader.view.coordsAtPos(range.from, 1).top - area.top - area.height * CURRENT_AT;
    const wanted = { matches, current };
    if (tries > 1) requestAnimationFrame(() => {
      if (matches === wanted.matches && current === wanted.current) reveal(tries - 1);
    });
  };

  /** Makes match `index` current: in the page, painted apart, in view. */
  const show = (index: number) => {
    current = index;
    if (matches && current >= 0) reader.reveal(matches.range(current).to);
    showCount();
    // Scrolled first, so the matches painted are those around where the screen lands.
    reveal();
    paint();
  };

  /** The document position at the top of the reading area (the first match from there is the first current one). */
  const topOfScreen = (): number => {
    const area = scroller.getBoundingClientRect();
    const article = reader.view.dom.getBoundingClientRect();
    const found = reader.view.posAtCoords({ left: article.left + 1, top: Math.max(area.top, article.top) + 1 });
    return found?.pos ?? reader.visibleRange(0).from;
  };

  const search = () => {
    clearTimeout(pending);
    pending = undefined;
    const query = foldQuery(input.value);
    if (query === '') {
      matches = null;
      show(-1);
      return;
    }
    matches = findInArticle(reader.article(), query);
    if (matches.count === 0) return show(-1);
    const first = matches.firstAfter(topOfScreen());
    show(first < matches.count ? first : 0);
  };

  const step = (by: 1 | -1) => {
    if (pending !== undefined) search();
    if (!matches || matches.count === 0) return;
    show((current + by + matches.count) % matches.count);
  };

  const open = () => {
    const wasOpen = !bar.hidden;
    bar.hidden = false;
    input.focus();
    input.select();
    if (!wasOpen && input.value) search();
  };

  const close = () => {
    if (bar.hidden) return;
    clearTimeout(pending);
    pending = undefined;
    bar.hidden = true;
    matches = null;
    current = -1;
    painted = null;
    reader.showMatches(null, -1, null);
    reader.view.dom.focus({ preventScroll: true });
  };

  input.addEventListener('input', () => {
    clearTimeout(pending);
    pending = setTimeout(() => search(), SEARCH_DELAY_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.isComposing) {
      event.preventDefault();
      step(event.shiftKey ? -1 : 1);
    }
  });

  // Ctrl/⌘+F opens the bar from anywhere; Esc closes it from the bar, or from the article
  // (a field of its own, like the note editor, keeps its Esc). Capture: before the reader's keys.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.isComposing) return;
    const command = event.ctrlKey !== event.metaKey && !event.altKey && !event.shiftKey;
    // The F key: by its letter, or by its place where the layout has no Latin letters (Cyrillic, Greek).
    const isF = event.key.toLowerCase() === 'f' || (!/^[a-z]$/iu.test(event.key) && event.code === 'KeyF');
    if (command && isF) {
      event.preventDefault();
      open();
    } else if (event.key === 'Escape' && !bar.hidden && (bar.contains(event.target as Node) || !isTyping(event.target))) {
      event.preventDefault();
      close();
    }
  };
  document.addEventListener('keydown', onKeyDown, true);

  // Scrolling moves the painted stretch with the screen, once a frame at most, and only when the
  // screen has left it; more of a book arriving may fill a stretch that was cut short.
  const follow = () => {
    if (following || !matches || matches.count === 0) return;
    following = true;
    requestAnimationFrame(() => {
      following = false;
      if (!matches || !painted) return;
      const seen = reader.visibleRange(0);
      if (seen.from < painted.from || seen.to > painted.to || painted.to > reader.view.state.doc.content.size) paint();
    });
  };
  scroller.addEventListener('scroll', follow, { passive: true });
  const stopLoaded = reader.onLoaded(follow);
  // Parts laid out for the first time (after a jump far into a book) take their real height in place
  // of an estimate, and the text on screen is not the text measured: the article's size says so.
  const resizes = new ResizeObserver(follow);
  resizes.observe(reader.view.dom);
  // Another article: the same query, in it.
  const stopStore = store.subscribe((state, before) => {
    if (state.article !== before.article && !bar.hidden && input.value) search();
  });

  return {
    open,
    close,
    destroy() {
      close();
      document.removeEventListener('keydown', onKeyDown, true);
      scroller.removeEventListener('scroll', follow);
      stopLoaded();
      resizes.disconnect();
      stopStore();
      bar.remove();
    },
  };
}
