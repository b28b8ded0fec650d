/** The views of the library's part of the sidebar. */
export const LIBRARY_TABS = ['articles', 'tags', 'trash'] as const;
export type LibraryTab = (typeof LIBRARY_TABS)[number];

export interface Tabs<T extends string> {
  show(tab: T): void;
  current(): T;
  dispose(): void;
}
export type LibraryTabs = Tabs<LibraryTab>;

/**
 * Articles, Tags and Trash: tabs over the library's part of the sidebar, one
 * panel shown at a time (ARIA tabs: one Tab stop, arrow keys move between
 * them). `shown` hears each tab as it is shown.
 */
export function mountLibraryTabs(
  parts: ReadonlyMap<LibraryTab, { tab: HTMLElement; panel: HTMLElement }>,
  shown: (tab: LibraryTab) => void,
): LibraryTabs {
  return mountTabs(LIBRARY_TABS, parts, shown);
}

/** Tabs over panels (ARIA tabs), the first shown at first: see mountLibraryTabs. */
export function mountTabs<T extends string>(
  names: readonly T[],
  parts: ReadonlyMap<T, { tab: HTMLElement; panel: HTMLElement }>,
  shown: (tab: T) => void,
): Tabs<T> {
  let current: T = names[0]!;
  const show = (tab: T) => {
    const changed = tab !== current;
    current = tab;
    for (const [name, { tab: button, panel }] of parts) {
      const selected = name === tab;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      panel.hidden = !selected;
    }
    if (changed) shown(tab);
  };
  const listeners: (() => void)[] = [];
  for (const [name, { tab }] of parts) {
    const onClick = () => show(name);
    const onKeyDown = (event: KeyboardEvent) => {
      const at = names.indexOf(name);
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (step === 0) return;
      event.preventDefault();
      const next = names[(at + step + names.length) % names.length]!;
      show(next);
      parts.get(next)?.tab.focus();
    };
    tab.addEventListener('click', onClick);
    tab.addEventListener('keydown', onKeyDown);
    listeners.push(() => {
      tab.removeEventListener('click', onClick);
      tab.removeEventListener('keydown', onKeyDown);
    });
  }
  show(current);
  return {
    show,
    current: () => current,
    dispose: () => listeners.forEach((stop) => stop()),
  };
}
