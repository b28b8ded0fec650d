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
  /** Shows the articles carrying a tag: what clicking a tag chip does. */
  showTag(tag: string): void;
}

interface Card {
  element: HTMLElement;
  noteSlot: HTMLElement;
  tagsSlot: HTMLElement;
  noteEditing: boolean;
  tagsEditing: boolean;
}

/**
 * How far above and below the screen cards are kept: about where the
 * browser lays out the article's parts anyway, so measuring a card's passage
 * forces no extra layout.
 */
const WINDOW_MARGIN = 0.5;

/**
 * The right-hand margin: each highlight with a note or tags gets a card
 * beside its passage, stacked so cards never overlap. The note editor and
 * the tag input open in the card. Returns its disposer.
 *
 * Only the cards of passages on or near the screen exist (a book can have
 * hundreds of notes); they are placed when the part of the article they sit
 * in comes near, and a change rebuilds only the cards it changed.
 */
export function mountMargin(margin: HTMLElement, reader: Reader, store: Store, actions: MarginActions): () => void {
  const cards = new Map<string, Card>();
  const scroller = margin.closest<HTMLElement>('.reader-scroll') ?? document.scrollingElement as HTMLElement;
  let shownRange = { from: -1, to: -1 };
  let editingId: string | null = null;

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
      card.tagsSlot.replaceChildren(...(highlight.tags.length ? [staticChips(highlight.tags, actions.showTag)] : []));
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

  /** The cards that should exist: passages with a note or tags near the screen, and the one being edited. */
  const wanted = (range: { from: number; to: number }): Map<string, Highlight> => {
    const state = store.get();
    const found = new Map<string, Highlight>();
    for (const { highlight, from, to } of reader.placement().placed) {
      const editing = state.editing?.highlightId === highlight.id;
      const near = from < range.to && to > range.from;
      if (editing || (near && (highlight.note || highlight.tags.length > 0))) found.set(highlight.id, highlight);
    }
    return found;
  };

  /** Builds and places the cards; those of `changed` (or all) are rebuilt where they exist. */
  const render = (changed: ReadonlySet<string> | 'all') => {
    const state = store.get();
    shownRange = reader.visibleRange(scroller.clientHeight * WINDOW_MARGIN);
    const want = wanted(shownRange);
    for (const [id, card] of cards) {
      if (want.has(id)) continue;
      cards.delete(id);
      card.element.remove();
    }
    for (const [id, highlight] of want) {
      let card = cards.get(id);
      const fresh = !card;
      if (!card) {
        card = createCard(id);
        cards.set(id, card);
      }
      if (fresh || changed === 'all' || changed.has(id)) updateCard(card, highlight, state);
    }
    layout();
  };

  /** After a scroll: rebuilds only when other parts of the article came near the screen. */
  let scrollQueued = false;
  const onScroll = () => {
    if (scrollQueued) return;
    scrollQueued = true;
    requestAnimationFrame(() => {
      scrollQueued = false;
      const range = reader.visibleRange(scroller.clientHeight * WINDOW_MARGIN);
      if (range.from !== shownRange.from || range.to !== shownRange.to) render(new Set());
    });
  };

  const stopPlaced = reader.onPlaced((_, change) => render(change.all ? 'all' : change.ids));
  const stopLoaded = reader.onLoaded(onScroll);
  const stopStore = store.subscribe((state, previous) => {
    const active = state.activeHighlightId !== previous.activeHighlightId;
    if (state.editing === previous.editing && !active) return;
    // The cards whose editor opened or closed, or that became or stopped being the active one.
    const touched = new Set([editingId, state.editing?.highlightId, previous.activeHighlightId, state.activeHighlightId].filter((id): id is string => !!id));
    editingId = state.editing?.highlightId ?? null;
    render(touched);
  });
  const resizes = new ResizeObserver(() => layout());
  resizes.observe(reader.view.dom);
  scroller.addEventListener('scroll', onScroll, { passive: true });
  window.addEventListener('resize', layout);
  void document.fonts?.ready.then(layout);
  return () => {
    stopPlaced();
    stopLoaded();
    stopStore();
    resizes.disconnect();
    scroller.removeEventListener('scroll', onScroll);
    window.removeEventListener('resize', layout);
    for (const card of cards.values()) card.element.remove();
    cards.clear();
  };
}

/** A highlight's tags; clicking one shows the articles carrying it. */
function staticChips(tags: readonly string[], showTag: (tag: string) => void): HTMLElement {
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
