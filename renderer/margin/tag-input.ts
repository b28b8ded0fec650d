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
 * Tag chips with an input that autocompletes from known tags. While typing,
 * the first suggestion that starts with the typed text is highlighted; arrow
 * keys move the highlight, and Enter or Tab takes the highlighted suggestion.
 * Enter with none highlighted, comma or space adds what was typed; Backspace
 * on an empty input removes the last chip. Esc drops what was typed (never
 * saving it) and closes the suggestions; Esc on an empty input closes the editor.
 */
export function createTagInput(options: TagInputOptions): { element: HTMLElement; focus(): void } {
  const id = `tag-input-${++instances}`;
  let tags = [...options.tags];
  let known: string[] = [];
  let shown: string[] = [];
  let activeIndex = -1;
  /** Whether the arrow keys put the highlight where it is (else it is the first match of what was typed, or none). */
  let movedByKeys = false;
  /** Esc closed the suggestions: they stay closed until the next key that types or moves. */
  let dismissed = false;
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
  const queryOf = () => input.value.trim().replace(/^#+/u, '').toLowerCase();
  const renderSuggestions = () => {
    const query = queryOf();
    const fresh = known.filter((tag) => !tags.includes(tag));
    const exact = fresh.filter((tag) => tag.toLowerCase() === query);
    const starts = fresh.filter((tag) => tag.toLowerCase() !== query && tag.toLowerCase().startsWith(query));
    const contains = fresh.filter((tag) => !tag.toLowerCase().startsWith(query) && tag.toLowerCase().includes(query));
    shown = [...exact, ...starts, ...contains].slice(0, MAX_SUGGESTIONS);
    if (!movedByKeys) activeIndex = query !== '' && shown[0]?.toLowerCase().startsWith(query) ? 0 : -1;
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
    const open = shown.length > 0 && !dismissed && document.activeElement === input;
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
    movedByKeys = false;
    if (tag && !tags.includes(tag)) setTags([...tags, tag]);
    else renderSuggestions();
  };
  const close = () => {
    if (closed) return;
    closed = true;
    options.onClose();
  };

  /** The suggestion Enter or Tab would take: the highlighted one, in the open list. */
  const highlighted = (): string | undefined => (list.hidden ? undefined : shown[activeIndex]);

  input.addEventListener('keydown', (event) => {
    if (event.isComposing) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      dismissed = false;
      if (shown.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      // The first ArrowDown takes the highlight the typing put on the first suggestion as it is.
      if (!(step === 1 && !movedByKeys && activeIndex === 0 && !list.hidden)) {
        activeIndex = (activeIndex + step + shown.length + 1) % (shown.length + 1);
        if (activeIndex === shown.length) activeIndex = -1;
      }
      movedByKeys = true;
      renderSuggestions();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const picked = highlighted();
      if (picked) add(picked);
      else if (input.value.trim()) add(input.value);
      else close();
    } else if (event.key === 'Tab' && !event.shiftKey && highlighted()) {
      event.preventDefault();
      add(highlighted()!);
    } else if (event.key === ',' || event.key === ' ') {
      event.preventDefault();
      if (input.value.trim()) add(input.value);
    } else if (event.key === 'Backspace' && input.value === '' && tags.length > 0) {
      event.preventDefault();
      setTags(tags.slice(0, -1));
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      if (input.value.trim() === '') return close();
      // What was typed is dropped, never saved; the editor stays for another tag.
      input.value = '';
      activeIndex = -1;
      movedByKeys = false;
      dismissed = true;
      renderSuggestions();
    }
  });
  input.addEventListener('input', () => {
    movedByKeys = false;
    dismissed = false;
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
