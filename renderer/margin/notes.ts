import type { Highlight } from '../../shared/model.js';
import type { ReaderState, Store } from '../app/store.js';
import type { Reader } from '../reader/view.js';
import { createNoteEditor } from './note-editor.js';
import { stackCards } from './stack.js';
import { createTagInput } from './tag-input.js';

/** Vertical space between two margin cards, in pixels. */
const CARD_GAP = 10;

/** What the margin asks of the rest of the reader. */
export interface MarginActions {
  activate(highlightId: string): void;
  editNote(highlightId: string): void;
  closeEditor(): void;
  saveNote(highlightId: string, note: string): void;
  saveTags(highlightId: string, tags: string[]): void;
  knownTags(): Promise<string[]>;
}

interface Card {
  element: HTMLElement;
  noteSlot: HTMLElement;
  tagsSlot: HTMLElement;
  noteEditing: boolean;
  tagsEditing: boolean;
}

/**
 * The right-hand margin: each highlight with a note or tags gets a card
 * beside its passage, stacked so cards never overlap. The note editor and
 * the tag input open in the card. Returns its disposer.
 */
export function mountMargin(margin: HTMLElement, reader: Reader, store: Store, actions: MarginActions): () => void {
  const cards = new Map<string, Card>();

  const createCard = (id: string): Card => {
    const element = document.createElement('div');
    element.className = 'note-card';
    element.dataset.highlightId = id;
    const noteSlot = document.createElement('div');
    noteSlot.className = 'note-slot';
    const tagsSlot = document.createElement('div');
    tagsSlot.className = 'tags-slot';
    element.append(noteSlot, tagsSlot);
    element.addEventListener('click', (event) => {
      if ((event.target as Element).closest('textarea, input, button, .tag-input')) return;
      actions.activate(id);
    });
    element.addEventListener('dblclick', (event) => {
      if ((event.target as Element).closest('.note-text')) actions.editNote(id);
    });
    margin.append(element);
    return { element, noteSlot, tagsSlot, noteEditing: false, tagsEditing: false };
  };

  const updateCard = (card: Card, highlight: Highlight, state: ReaderState) => {
    const editing = state.editing?.highlightId === highlight.id ? state.editing.kind : null;
    const active = highlight.id === state.activeHighlightId;
    card.element.className = `note-card note-${highlight.color}${active ? ' is-active' : ''}`;

    if (editing === 'note' && !card.noteEditing) {
      const editor = createNoteEditor(highlight.note, (outcome) => {
        if (outcome.saved && outcome.note !== highlight.note) actions.saveNote(highlight.id, outcome.note);
        actions.closeEditor();
      });
      card.noteSlot.replaceChildren(editor);
      card.noteEditing = true;
      editor.focus();
      editor.setSelectionRange(editor.value.length, editor.value.length);
    } else if (editing !== 'note') {
      card.noteEditing = false;
      if (highlight.note) {
        const text = document.createElement('p');
        text.className = 'note-text';
        text.textContent = highlight.note;
        card.noteSlot.replaceChildren(text);
      } else card.noteSlot.replaceChildren();
    }

    if (editing === 'tags' && !card.tagsEditing) {
      const input = createTagInput({
        tags: highlight.tags,
        knownTags: actions.knownTags,
        onChange: (tags) => actions.saveTags(highlight.id, tags),
        onClose: () => actions.closeEditor(),
      });
      card.tagsSlot.replaceChildren(input.element);
      card.tagsEditing = true;
      input.focus();
    } else if (editing !== 'tags') {
      card.tagsEditing = false;
      card.tagsSlot.replaceChildren(...(highlight.tags.length ? [staticChips(highlight.tags)] : []));
    }
  };

  const layout = () => {
    // No cards: nothing to measure, so opening an article does not force a layout here.
    if (cards.size === 0) {
      margin.style.minHeight = '';
      return;
    }
    // Every measurement first, then every write: one layout, not one per card.
    const origin = margin.getBoundingClientRect().top;
    const requests = [];
    const heights = new Map<string, number>();
    for (const [id, card] of cards) {
      const box = reader.boxOf(id);
      if (!box) continue;
      heights.set(id, card.element.offsetHeight);
      requests.push({ id, top: box.top - origin, height: heights.get(id)! });
    }
    const tops = stackCards(requests, CARD_GAP);
    let bottom = 0;
    for (const [id, card] of cards) {
      const top = tops.get(id);
      card.element.hidden = top === undefined;
      if (top === undefined) continue;
      card.element.style.top = `${Math.round(top)}px`;
      bottom = Math.max(bottom, top + heights.get(id)!);
    }
    margin.style.minHeight = `${Math.ceil(bottom + CARD_GAP)}px`;
  };

  const render = () => {
    const state = store.get();
    const wanted = new Map<string, Highlight>();
    for (const { highlight } of reader.placement().placed) {
      const editing = state.editing?.highlightId === highlight.id;
      if (highlight.note || highlight.tags.length > 0 || editing) wanted.set(highlight.id, highlight);
    }
    for (const [id, card] of cards) {
      if (!wanted.has(id)) {
        cards.delete(id);
        card.element.remove();
      }
    }
    for (const [id, highlight] of wanted) {
      let card = cards.get(id);
      if (!card) {
        card = createCard(id);
        cards.set(id, card);
      }
      updateCard(card, highlight, state);
    }
    layout();
  };

  const stopPlaced = reader.onPlaced(render);
  const stopStore = store.subscribe((state, previous) => {
    if (state.editing !== previous.editing) render();
  });
  const resizes = new ResizeObserver(() => layout());
  resizes.observe(reader.view.dom);
  window.addEventListener('resize', layout);
  void document.fonts?.ready.then(layout);
  return () => {
    stopPlaced();
    stopStore();
    resizes.disconnect();
    window.removeEventListener('resize', layout);
    for (const card of cards.values()) card.element.remove();
    cards.clear();
  };
}

function staticChips(tags: readonly string[]): HTMLElement {
  const list = document.createElement('ul');
  list.className = 'tag-chips';
  list.setAttribute('aria-label', 'Tags');
  for (const tag of tags) {
    const chip = document.createElement('li');
    chip.className = 'tag-chip';
    chip.textContent = `#${tag}`;
    list.append(chip);
  }
  return list;
}
