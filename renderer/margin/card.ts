/** A highlight's card in the margin: its note slot and its tags slot, and whether an editor is open in each. */
export interface Card {
  element: HTMLElement;
  noteSlot: HTMLElement;
  tagsSlot: HTMLElement;
  noteEditing: boolean;
  tagsEditing: boolean;
}

/** What a card's own clicks and keys do. */
export interface CardActions {
  activate(highlightId: string): void;
  editNote(highlightId: string): void;
  /** A link of the note was clicked (or Enter pressed on it): its address, to be confirmed before it opens. */
  openLink(href: string): void;
}

/**
 * An empty card for a highlight, added to the margin. A click makes the
 * highlight active, a double click on the note edits it, and a click or Enter
 * on a link of the note hands its address on: the page never follows it.
 */
export function createCard(margin: HTMLElement, id: string, actions: CardActions): Card {
  const element = document.createElement('div');
  element.className = 'note-card';
  element.dataset.highlightId = id;
  const noteSlot = document.createElement('div');
  noteSlot.className = 'note-slot';
  const tagsSlot = document.createElement('div');
  tagsSlot.className = 'tags-slot';
  element.append(noteSlot, tagsSlot);
  const openLink = (link: Element) => {
    const href = link.getAttribute('data-href');
    if (href) actions.openLink(href);
  };
  element.addEventListener('click', (event) => {
    const target = event.target as Element;
    // A note's links are data, as the article's are: the reader is asked before one opens.
    const link = target.closest('a.note-link');
    if (link) {
      event.preventDefault();
      openLink(link);
      return;
    }
    if (target.closest('textarea, input, button, .tag-input')) return;
    actions.activate(id);
  });
  element.addEventListener('keydown', (event) => {
    const link = event.key === 'Enter' ? (event.target as Element).closest('a.note-link') : null;
    if (!link) return;
    event.preventDefault();
    openLink(link);
  });
  element.addEventListener('dblclick', (event) => {
    const target = event.target as Element;
    if (target.closest('.note-text') && !target.closest('a.note-link')) actions.editNote(id);
  });
  margin.append(element);
  return { element, noteSlot, tagsSlot, noteEditing: false, tagsEditing: false };
}

/** A highlight's tags; clicking one shows the articles carrying it. */
export function staticChips(tags: readonly string[], showTag: (tag: string) => void): HTMLElement {
  const list = document.createElement('ul');
  list.className = 'tag-chips';
  list.setAttribute('aria-label', 'Tags');
  for (const tag of tags) {
    const chip = document.createElement('li');
    chip.className = 'tag-chip';
    const link = document.createElement('button');
    link.type = 'button';
    link.className = 'tag-chip-link';
    link.textContent = `#${tag}`;
    link.setAttribute('aria-label', `Show the articles tagged #${tag}`);
    link.addEventListener('click', () => showTag(tag));
    chip.append(link);
    list.append(chip);
  }
  return list;
}
