import type { Store } from '../app/store.js';

/** What a drawer that closes does with the keyboard's focus. */
type FocusAfter = 'toggle' | 'leave';

/** What the keyboard can go to in the drawer: where it goes on opening when the open article's row is not there. */
const FIRST_CONTROL = 'button:not([disabled]), [href], input:not([type="hidden"]), select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * In a window too narrow for the sidebar beside a text column of about 45
 * characters and the notes' margin (layout.css names the widths; they follow
 * the reader's text size and width), the sidebar becomes a drawer over the
 * reading area, behind the Library toggle at its top left. The drawer closes
 * with the toggle, Esc, or when the reader goes somewhere from it (an
 * article, a highlight, a heading); the keyboard goes into it when it opens
 * and back to the toggle when it closes. It also makes way when the reader
 * clicks the text or the keyboard leaves it for elsewhere (the keyboard then
 * stays there). A wide window shows the sidebar as always. Returns its
 * disposer.
 */
export function mountSidebarDrawer(app: HTMLElement, store: Store): () => void {
  const toggle = required(app, '#library-toggle');
  const sidebar = required(app, '.sidebar');
  const area = required(app, '.reader-scroll');
  if (!sidebar.id) sidebar.id = 'sidebar';
  toggle.setAttribute('aria-controls', sidebar.id);
  let drawer = false;
  let open = false;

  /** Whether the reading area would be narrower than the margin and the narrowest column need with the sidebar beside it. */
  const tooNarrow = (): boolean => {
    const style = getComputedStyle(app);
    const needs = Number.parseFloat(style.getPropertyValue('--notes-beside-needs'));
    const sidebarWidth = Number.parseFloat(style.getPropertyValue('--sidebar-width'));
    const scrollbar = area.offsetWidth - area.clientWidth;
    return app.clientWidth - sidebarWidth - scrollbar < needs;
  };

  const setOpen = (next: boolean, focus: FocusAfter) => {
    const hadFocus = sidebar.contains(document.activeElement) || document.activeElement === document.body;
    open = next && drawer;
    app.dataset.drawer = open ? 'open' : 'shut';
    toggle.setAttribute('aria-expanded', String(open));
    // Shut, the drawer is out of reach of Tab and of screen readers; beside the text, the sidebar is there.
    sidebar.inert = drawer && !open;
    if (open) {
      const first = sidebar.querySelector<HTMLElement>('.library-item[aria-current="true"]') ?? sidebar.querySelector<HTMLElement>(FIRST_CONTROL);
      first?.focus();
    } else if (drawer && focus === 'toggle' && hadFocus) {
      toggle.focus();
    }
  };

  const decide = () => {
    const next = tooNarrow();
    if (next === drawer) return;
    drawer = next;
    if (drawer) app.dataset.sidebar = 'drawer';
    else delete app.dataset.sidebar;
    setOpen(false, 'leave');
  };

  const listening = new AbortController();
  const { signal } = listening;
  toggle.addEventListener('click', () => setOpen(!open, 'toggle'), { signal });
  const onKeyDown = (event: KeyboardEvent) => {
    // Fields and lists in the drawer use Esc first (a filter emptied, a rename cancelled); then it closes the drawer.
    if (event.key !== 'Escape' || !open || event.defaultPrevented) return;
    event.preventDefault();
    setOpen(false, 'toggle');
  };
  sidebar.addEventListener('keydown', onKeyDown, { signal });
  toggle.addEventListener('keydown', onKeyDown, { signal });
  // A highlight or a heading clicked in the drawer takes the reader to the text: the drawer makes way.
  const onClick = (event: MouseEvent) => {
    if (open && (event.target as Element).closest('.highlight-item, .contents-entry')) setOpen(false, 'toggle');
  };
  sidebar.addEventListener('click', onClick, { signal });
  // Back to the text, or the keyboard gone elsewhere (a dialog opened from the drawer, Tab past its end):
  // the drawer closes, and the keyboard stays where the reader put it.
  const onPointerDown = () => {
    if (open) setOpen(false, 'leave');
  };
  const onFocusOut = (event: FocusEvent) => {
    const to = event.relatedTarget;
    if (open && to instanceof Node && !sidebar.contains(to) && to !== toggle) setOpen(false, 'leave');
  };
  area.addEventListener('pointerdown', onPointerDown, { signal });
  sidebar.addEventListener('focusout', onFocusOut, { signal });
  const stopStore = store.subscribe((state, previous) => {
    // Another article opened (not the open one renamed: the same text).
    const opened = state.article !== null && state.article !== previous.article && state.article.document !== previous.article?.document;
    if (opened && open) setOpen(false, 'toggle');
  });

  // The window's width decides, and so do the reader's text size and width (set on the root: settings/apply.ts).
  const resizes = new ResizeObserver(decide);
  resizes.observe(app);
  const settings = new MutationObserver(decide);
  settings.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  decide();
  setOpen(false, 'leave');

  return () => {
    stopStore();
    resizes.disconnect();
    settings.disconnect();
    listening.abort();
    delete app.dataset.sidebar;
    delete app.dataset.drawer;
    sidebar.inert = false;
  };
}

function required(root: HTMLElement, selector: string): HTMLElement {
  const element = root.querySelector<HTMLElement>(selector);
  if (!element) throw new Error(`The page has no ${selector}.`);
  return element;
}
