/** Most suggestions shown at once. */
const MAX_SUGGESTIONS = 8;
const MAX_TAG_LENGTH = 64;

let instances = 0;

/** What a tag input needs from its surroundings. */
export interface TagInputOptions {
  tags: readonly string[];
  /** Every tag in use, most used first; fetched once when the input opens. */
  knownTags: () => Promise<string[]>;
  /** Called with the whole new list after each added or removed tag. */
  onChange(tags: string[]): void;
  /** Called once when the input is done (Esc, Enter on nothing, or leaving it). */
  onClose(): void;
}

/** Turns typed text into a tag: no leading '#', no spaces or commas, at most 64 characters. */
export function normalizeTag(text: string): string | null {
  const tag = text.trim().replace(/^#+/u, '').replace(/[\s,]+/gu, '').slice(0, MAX_TAG_LENGTH);
  return tag.length > 0 ? tag : null;
}

/**
 * Tag chips with an input that autocompletes from known tags. Arrow keys move
 * through the suggestions and Enter takes one; Enter on free text, comma or
 * space adds a new tag; Backspace on an empty input removes the last chip.
 */
export function createTagInput(options: TagInputOptions): { element: HTMLElement; focus(): void } {
  const id = `tag-input-${++instances}`;
  let tags = [...options.tags];
  let known: string[] = [];
  let shown: string[] = [];
  let activeIndex = -1;
  let closed = false;

  const element = document.createElement('div');
  element.className = 'tag-input';
  const chips = document.createElement('ul');
  chips.className = 'tag-chips';
  const input = document.createElement('input');
  input.type = 'text';
  input.className = 'tag-input-field';
  input.placeholder = tags.length ? 'Add tag…' : 'Add a tag…';
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-label', 'Add a tag (Enter, comma or space to add; Esc to finish)');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', `${id}-list`);
  input.setAttribute('aria-expanded', 'false');
  input.autocomplete = 'off';
  input.spellcheck = false;
  const list = document.createElement('ul');
  list.className = 'tag-suggestions';
  list.id = `${id}-list`;
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Tag suggestions');
  list.hidden = true;
  list.addEventListener('mousedown', (event) => event.preventDefault()); // Keep focus in the input.
  element.append(chips, input, list);

  const renderChips = () => {
    chips.replaceChildren(
      ...tags.map((tag) => {
        const chip = document.createElement('li');
        chip.className = 'tag-chip';
        chip.textContent = `#${tag}`;
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'tag-chip-remove';
        remove.textContent = '×';
        remove.setAttribute('aria-label', `Remove tag ${tag}`);
        remove.addEventListener('mousedown', (event) => event.preventDefault());
        remove.addEventListener('click', () => setTags(tags.filter((t) => t !== tag)));
        chip.append(remove);
        return chip;
      }),
    );
  };
  const renderSuggestions = () => {
    const query = input.value.trim().replace(/^#+/u, '').toLowerCase();
    const fresh = known.filter((tag) => !tags.includes(tag));
    const starts = fresh.filter((tag) => tag.toLowerCase().startsWith(query));
    const contains = fresh.filter((tag) => !tag.toLowerCase().startsWith(query) && tag.toLowerCase().includes(query));
    shown = [...starts, ...contains].slice(0, MAX_SUGGESTIONS);
    if (activeIndex >= shown.length) activeIndex = shown.length - 1;
    list.replaceChildren(
      ...shown.map((tag, index) => {
        const option = document.createElement('li');
        option.className = 'tag-suggestion';
        option.id = `${id}-option-${index}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', String(index === activeIndex));
        option.textContent = `#${tag}`;
        option.addEventListener('click', () => add(tag));
        return option;
      }),
    );
    const open = shown.length > 0 && document.activeElement === input;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    if (activeIndex >= 0 && open) input.setAttribute('aria-activedescendant', `${id}-option-${activeIndex}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const setTags = (next: string[]) => {
    tags = next;
    renderChips();
    renderSuggestions();
    options.onChange([...tags]);
  };
  const add = (text: string) => {
    const tag = normalizeTag(text);
    input.value = '';
    activeIndex = -1;
    if (tag && !tags.includes(tag)) setTags([...tags, tag]);
    else renderSuggestions();
  };
  const close = () => {
    if (closed) return;
    closed = true;
    options.onClose();
  };

  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (shown.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      activeIndex = (activeIndex + step + shown.length + 1) % (shown.length + 1);
      if (activeIndex === shown.length) activeIndex = -1;
      renderSuggestions();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const picked = activeIndex >= 0 ? shown[activeIndex] : undefined;
      if (picked) add(picked);
      else if (input.value.trim()) add(input.value);
      else close();
    } else if (event.key === ',' || event.key === ' ') {
      event.preventDefault();
      if (input.value.trim()) add(input.value);
    } else if (event.key === 'Backspace' && input.value === '' && tags.length > 0) {
      event.preventDefault();
      setTags(tags.slice(0, -1));
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  });
  input.addEventListener('input', () => {
    activeIndex = -1;
    renderSuggestions();
  });
  input.addEventListener('focus', renderSuggestions);
  input.addEventListener('blur', () => {
    if (input.value.trim()) add(input.value);
    close();
  });

  renderChips();
  void options.knownTags().then((all) => {
    known = all;
    if (!closed) renderSuggestions();
  });
  return { element, focus: () => input.focus() };
}
