import { rowAction } from './icons.js';
import { tagTree, type CountedTag, type TagRow } from './tag-tree.js';
import { windowedList } from './windowed-list.js';

/** A tag row's height in pixels, as sidebar.css draws it: 6px of padding at each edge, a 20px line, 2px between rows. */
export const TAG_ROW_HEIGHT = 34;

/** What the tag pane asks of the rest of the reader. */
export interface TagPaneHooks {
  counts(): Promise<CountedTag[]>;
  /** The tag the library is filtered by, if any. */
  filteredBy(): string | null;
  /** Shows every highlight carrying a tag (or one nested under it), across the library. */
  showHighlights(tag: string): void;
  /** Shows the articles carrying a tag (or one nested under it). */
  showArticles(tag: string): void;
  /** Renames a tag (nested tags follow); false when refused. */
  rename(from: string, to: string): Promise<boolean>;
  /** Removes a tag (nested tags too) from every highlight, offering Undo. */
  remove(tag: string): Promise<void>;
}

export interface TagPane {
  /** Reads the tags and their counts again. */
  refresh(): Promise<void>;
  /** Marks the row of the tag the library is filtered by. */
  markFiltered(): void;
  dispose(): void;
}

/**
 * Every tag on a highlight with how many highlights carry it (its nested
 * tags counted in), nested tags under their parent. Clicking a tag shows
 * all its highlights across the library (its articles are a button beside
 * it); each tag can be renamed (onto a tag in use: the two
 * merge) or removed. Windowed like the library: a library can have
 * thousands of tags.
 */
export function mountTagPane(scroller: HTMLElement, list: HTMLElement, hooks: TagPaneHooks): TagPane {
  const empty = document.createElement('p');
  empty.className = 'sidebar-empty tags-empty';
  empty.textContent = 'No tags yet. Select a highlight and press t to tag it.';
  list.before(empty);
  list.classList.add('windowed');
  list.setAttribute('aria-label', 'Tags, nested tags under their parent');

  let renaming: string | null = null;
  let shown: TagRow[] = [];
  let shownRows = new Map<string, string>();

  const rows = windowedList<TagRow>({
    scroller,
    list,
    key: (row) => row.tag,
    height: () => TAG_ROW_HEIGHT,
    render: (row) => (row.tag === renaming ? renameRow(row) : tagRow(row)),
  });

  const tagRow = (row: TagRow): HTMLElement => {
    const element = document.createElement('div');
    element.className = 'tag-row';
    element.dataset.tag = row.tag;
    element.style.setProperty('--depth', String(row.depth));
    const name = document.createElement('button');
    name.type = 'button';
    name.className = 'tag-name';
    name.dataset.tag = row.tag;
    if (row.tag === hooks.filteredBy()) name.setAttribute('aria-current', 'true');
    const label = document.createElement('span');
    label.className = 'tag-label';
    label.textContent = row.depth === 0 ? `#${row.name}` : row.name;
    label.title = `#${row.tag}`;
    const count = document.createElement('span');
    count.className = 'tag-count';
    count.textContent = String(row.highlights);
    const said = row.parent
      ? `${row.highlights} ${row.highlights === 1 ? 'highlight' : 'highlights'} with its nested tags`
      : `${row.highlights} ${row.highlights === 1 ? 'highlight' : 'highlights'} in ${row.own?.articles ?? 0} ${row.own?.articles === 1 ? 'article' : 'articles'}`;
    count.title = said;
    name.setAttribute('aria-label', `#${row.tag}: ${said}. Show its highlights`);
    name.append(label, count);
    name.addEventListener('click', () => hooks.showHighlights(row.tag));
    const actions = document.createElement('span');
    actions.className = 'tag-row-actions';
    actions.append(
      rowAction('tag-articles', 'articles', `Show the articles tagged #${row.tag}`, 'Show its articles', () => hooks.showArticles(row.tag)),
      rowAction('tag-rename', 'pencil', `Rename #${row.tag}`, 'Rename (F2)', () => startRenaming(row.tag)),
      rowAction('tag-remove', 'trash', `Remove #${row.tag} from every highlight`, 'Remove from every highlight (Delete)', () => void hooks.remove(row.tag)),
    );
    element.append(name, actions);
    return element;
  };

  /**
   * The tag in a field: Enter renames, Esc (or leaving the field) cancels. A
   * rename can merge two tags across the library, so it is never done
   * without the reader pressing Enter.
   */
  const renameRow = (row: TagRow): HTMLElement => {
    const element = document.createElement('form');
    element.className = 'tag-row is-renaming';
    element.dataset.tag = row.tag;
    element.style.setProperty('--depth', String(row.depth));
    const input = document.createElement('input');
    input.type = 'text';
    input.className = 'tag-rename-input';
    input.value = row.tag;
    input.maxLength = 64;
    input.spellcheck = false;
    input.setAttribute('aria-label', `New name for #${row.tag} (Enter renames; onto a tag in use, the two merge; Esc cancels)`);
    let done = false;
    const finish = (to: string | null) => {
      if (done) return;
      done = true;
      void renamed(row.tag, to);
    };
    element.addEventListener('submit', (event) => {
      event.preventDefault();
      finish(input.value.trim().replace(/^#+/u, ''));
    });
    input.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      finish(null);
    });
    input.addEventListener('blur', () => finish(null));
    element.append(input);
    return element;
  };

  const show = (next: TagRow[]) => {
    shown = next;
    const filtered = hooks.filteredBy();
    const contents = new Map(next.map((row) => [row.tag, JSON.stringify([row.name, row.depth, row.highlights, row.own?.articles, row.parent, row.tag === filtered, row.tag === renaming])]));
    const changed = new Set<string>();
    for (const [tag, content] of contents) if (shownRows.get(tag) !== content) changed.add(tag);
    shownRows = contents;
    empty.hidden = next.length > 0;
    rows.setCurrent(filtered !== null && contents.has(filtered) ? filtered : null);
    rows.update(next, changed);
  };

  const focusTag = (tag: string) => {
    rows.reveal(tag);
    list.querySelector<HTMLElement>(`.tag-name[data-tag="${CSS.escape(tag)}"]`)?.focus();
  };

  const startRenaming = (tag: string) => {
    renaming = tag;
    show(shown);
    rows.reveal(tag);
    const input = list.querySelector<HTMLInputElement>('.tag-rename-input');
    input?.focus();
    input?.select();
  };

  const renamed = async (from: string, to: string | null) => {
    const hadFocus = list.contains(document.activeElement);
    renaming = null;
    show(shown);
    if (hadFocus) focusTag(from);
    if (to === null || to === '' || to === from) return;
    if (await hooks.rename(from, to)) {
      await refresh();
      if (hadFocus) focusTag(to);
    }
  };

  let reading: Promise<void> | null = null;
  let again = false;
  /** Reads the counts; a refresh asked for while one runs makes one more after it, not one each. */
  const refresh = async (): Promise<void> => {
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      do {
        again = false;
        show(tagTree(await hooks.counts()));
      } while (again);
    })().finally(() => (reading = null));
    return reading;
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || (event.target as Element).closest('input')) return;
    const tag = (document.activeElement?.closest?.('.tag-row') as HTMLElement | null)?.dataset.tag;
    if (tag === undefined) return;
    if (event.key === 'F2') startRenaming(tag);
    else if (event.key === 'Delete' || event.key === 'Backspace') void hooks.remove(tag);
    else return;
    event.preventDefault();
  };
  list.addEventListener('keydown', onKeyDown);

  return {
    refresh,
    markFiltered: () => show(shown),
    dispose() {
      list.removeEventListener('keydown', onKeyDown);
      rows.destroy();
      empty.remove();
    },
  };
}
