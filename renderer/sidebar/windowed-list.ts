/**
 * A list of thousands of rows of which only those near the visible part of
 * its scroller exist in the page. Each row's height is known from its item
 * (the style sheet fixes it), so where a row sits is a sum, not a
 * measurement, and scrolling costs a binary search, not a layout.
 *
 * Keyboard access is kept: the list is one stop for Tab; ArrowUp/ArrowDown,
 * Home/End and PageUp/PageDown move the focus through all the rows (a row out
 * of view is built and scrolled to first); rows say where they are in the
 * whole list (aria-posinset, aria-setsize) and stay in document order.
 */
export interface WindowedListOptions<T> {
  /** The element that scrolls (it holds `list`). */
  scroller: HTMLElement;
  /** The element the rows go into; it gets the height of all rows. */
  list: HTMLElement;
  key(item: T): string;
  /** A row's height in pixels, as the style sheet draws it. */
  height(item: T): number;
  /** Builds a row's content; the list wraps it in an <li> of its own. */
  render(item: T): HTMLElement;
  /** Pixels of rows built beyond each edge of the visible part. */
  overscan?: number;
}

export interface WindowedList<T> {
  /** Shows these items in this order; rows whose key is in `changed` (or all) are built anew. */
  update(items: readonly T[], changed: ReadonlySet<string> | 'all'): void;
  /** Scrolls the scroller, if needed, so the row of this key is in view. */
  reveal(key: string): void;
  /** The key of the row to take Tab's focus (the current row); null: the first one. */
  setCurrent(key: string | null): void;
  destroy(): void;
}

interface Row {
  element: HTMLLIElement;
  index: number;
}

const DEFAULT_OVERSCAN = 400;

export function windowedList<T>(options: WindowedListOptions<T>): WindowedList<T> {
  const { scroller, list } = options;
  const overscan = options.overscan ?? DEFAULT_OVERSCAN;
  let items: readonly T[] = [];
  let tops: number[] = [0];
  let indexOfKey = new Map<string, number>();
  const rows = new Map<string, Row>();
  let current: string | null = null;
  let scheduled = false;

  const rowTop = (index: number) => tops[index]!;
  /** The index of the row at `y` pixels from the top of the list. */
  const rowAt = (y: number): number => {
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (tops[mid]! <= y) lo = mid;
      else hi = mid - 1;
    }
    return Math.max(0, lo);
  };
  const listTop = () => list.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;

  const build = (item: T, index: number): HTMLLIElement => {
    const element = document.createElement('li');
    element.className = 'windowed-row';
    element.dataset.index = String(index);
    element.append(options.render(item));
    return element;
  };

  const place = (row: Row, index: number) => {
    row.index = index;
    row.element.dataset.index = String(index);
    row.element.style.top = `${rowTop(index)}px`;
    row.element.style.height = `${tops[index + 1]! - tops[index]!}px`;
    row.element.setAttribute('aria-posinset', String(index + 1));
    row.element.setAttribute('aria-setsize', String(items.length));
    const key = options.key(items[index]!);
    for (const focusable of row.element.querySelectorAll<HTMLElement>('button, [tabindex]')) {
      focusable.tabIndex = key === (current ?? options.key(items[0]!)) ? 0 : -1;
    }
  };

  /** Builds the rows near the visible part, drops the others (never the current or focused one). */
  const render = () => {
    scheduled = false;
    if (items.length === 0) {
      for (const row of rows.values()) row.element.remove();
      rows.clear();
      return;
    }
    const top = scroller.scrollTop - listTop();
    const first = rowAt(top - overscan);
    const last = rowAt(top + scroller.clientHeight + overscan);
    const keep = new Set<string>();
    for (let i = first; i <= last; i++) keep.add(options.key(items[i]!));
    const pinned = [current, focusedKey()].filter((k): k is string => k !== null && indexOfKey.has(k));
    for (const key of pinned) keep.add(key);
    for (const [key, row] of rows) {
      if (keep.has(key)) continue;
      row.element.remove();
      rows.delete(key);
    }
    const ordered: HTMLLIElement[] = [];
    for (const key of [...keep].sort((a, b) => indexOfKey.get(a)! - indexOfKey.get(b)!)) {
      const index = indexOfKey.get(key)!;
      let row = rows.get(key);
      if (!row) {
        row = { element: build(items[index]!, index), index };
        rows.set(key, row);
      }
      place(row, index);
      ordered.push(row.element);
    }
    // Document order, moving only rows that are out of place (a moved focused row would lose focus).
    let before: ChildNode | null = list.firstChild;
    for (const element of ordered) {
      if (element === before) before = element.nextSibling;
      else list.insertBefore(element, before);
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(render);
  };

  const focusedKey = (): string | null => {
    const row = document.activeElement?.closest?.('li.windowed-row');
    if (!(row instanceof HTMLLIElement) || !list.contains(row)) return null;
    const item = items[Number(row.dataset.index)];
    return item === undefined ? null : options.key(item);
  };

  const reveal = (key: string) => {
    const index = indexOfKey.get(key);
    if (index === undefined) return;
    const top = listTop() + rowTop(index);
    const bottom = listTop() + tops[index + 1]!;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (bottom > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = bottom - scroller.clientHeight;
    render();
  };

  const focusIndex = (index: number) => {
    const item = items[Math.max(0, Math.min(items.length - 1, index))];
    if (item === undefined) return;
    const key = options.key(item);
    current = key;
    reveal(key);
    rows.get(key)?.element.querySelector<HTMLElement>('button, [tabindex]')?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const key = focusedKey();
    if (key === null) return;
    const index = indexOfKey.get(key)!;
    const page = Math.max(1, Math.floor(scroller.clientHeight / ((tops[index + 1]! - tops[index]!) || 1)));
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: items.length - 1, PageDown: index + page, PageUp: index - page };
    const target = moves[event.key];
    if (target === undefined || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    event.stopPropagation();
    focusIndex(target);
  };

  scroller.addEventListener('scroll', schedule, { passive: true });
  list.addEventListener('keydown', onKeyDown);
  const resizes = new ResizeObserver(schedule);
  resizes.observe(scroller);

  return {
    update(next, changed) {
      items = next;
      tops = new Array<number>(items.length + 1);
      tops[0] = 0;
      items.forEach((item, i) => (tops[i + 1] = tops[i]! + options.height(item)));
      indexOfKey = new Map(items.map((item, i) => [options.key(item), i]));
      list.style.height = `${tops[items.length]}px`;
      for (const [key, row] of rows) {
        if (changed !== 'all' && !changed.has(key) && indexOfKey.has(key)) continue;
        const index = indexOfKey.get(key);
        const hadFocus = row.element.contains(document.activeElement);
        if (index === undefined) {
          row.element.remove();
          rows.delete(key);
          continue;
        }
        const fresh = build(items[index]!, index);
        row.element.replaceWith(fresh);
        row.element = fresh;
        if (hadFocus) fresh.querySelector<HTMLElement>('button, [tabindex]')?.focus();
      }
      render();
    },
    reveal,
    setCurrent(key) {
      if (key === current) return;
      const previous = current ?? (items[0] ? options.key(items[0]) : null);
      current = key;
      // Only the rows that gain or lose the Tab stop change.
      for (const changed of new Set([previous, current ?? (items[0] ? options.key(items[0]) : null)])) {
        const row = changed === null ? undefined : rows.get(changed);
        if (row) place(row, row.index);
      }
      if (key !== null && !rows.has(key) && indexOfKey.has(key)) render();
    },
    destroy() {
      scroller.removeEventListener('scroll', schedule);
      list.removeEventListener('keydown', onKeyDown);
      resizes.disconnect();
      for (const row of rows.values()) row.element.remove();
      rows.clear();
    },
  };
}
