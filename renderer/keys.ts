import type { Store } from './app/store.js';

/** What the reader's single-key shortcuts do. */
export interface KeyActions {
  /** Highlights the selected passage in the last used colour; false when nothing is selected. */
  highlightSelection(): boolean;
  editNote(highlightId: string): void;
  editTags(highlightId: string): void;
  copyQuote(highlightId: string): void;
  deleteHighlight(highlightId: string): void;
  /** Closes editors and toolbars, clears the active highlight and the selection. */
  dismiss(): void;
}

/** Whether a key went to a field the reader is typing in (there, letters are text, not shortcuts). */
export const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"]') !== null);

/**
 * Single-key shortcuts: h highlight, n note, t tags, c copy as quote, Delete/Backspace
 * delete, Esc dismiss. Never while typing in a field. Returns the disposer.
 */
export function mountKeys(store: Store, actions: KeyActions): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing || isTyping(event.target)) return;
    if (event.key === 'Escape') {
      actions.dismiss();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const active = store.get().activeHighlightId;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    let handled = true;
    if (key === 'h') handled = actions.highlightSelection();
    else if (key === 'n' && active) actions.editNote(active);
    else if (key === 't' && active) actions.editTags(active);
    else if (key === 'c' && active) actions.copyQuote(active);
    else if ((key === 'Delete' || key === 'Backspace') && active) actions.deleteHighlight(active);
    else handled = false;
    // Keep the key out of the field the shortcut just opened.
    if (handled) event.preventDefault();
  };
  document.addEventListener('keydown', onKeyDown);
  return () => document.removeEventListener('keydown', onKeyDown);
}
