import type { Store } from './app/store.js';
import { COLORS, type Color } from '../shared/colors.js';

/** What the reader's shortcuts do. */
export interface KeyActions {
  /** Highlights the selected passage in a colour (the last used if none given); false when nothing is selected. */
  highlightSelection(color?: Color): boolean;
  recolor(highlightId: string, color: Color): void;
  editNote(highlightId: string): void;
  editTags(highlightId: string): void;
  copyQuote(highlightId: string): void;
  deleteHighlight(highlightId: string): void;
  /** Makes the next (+1) or previous (−1) highlight in the text active, and shows it. */
  step(direction: 1 | -1): void;
  showShortcuts(): void;
  importFile(): void;
  exportMarkdown(): void;
  exportToFolder(): void;
  /** Undoes (redoes) the reader's last change to their highlights, notes, tags or articles. */
  undo(): void;
  redo(): void;
  /** Closes editors and toolbars, clears the active highlight and the selection. */
  dismiss(): void;
}

/** Whether a key went to a field the reader is typing in (there, letters are text, not shortcuts). */
export const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"]') !== null);

/** Whether a key went to a control that Enter presses (a button, a link, a list row): Enter is its. */
const isControl = (target: EventTarget | null): boolean => target instanceof HTMLElement && target.closest('button, a, [role="option"], summary') !== null;

/**
 * The reader's shortcuts (see shortcuts.ts for the list): single keys never
 * while typing in a field; Ctrl/⌘+O, E, Shift+E, Z and Shift+Z as the
 * Electron menu has them, so the browser mode has them too. Returns the disposer.
 */
export function mountKeys(store: Store, actions: KeyActions): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return;
    const command = (event.ctrlKey || event.metaKey) && !event.altKey;
    if (command) {
      const key = event.key.toLowerCase();
      let handled = true;
      // In a field, Ctrl/⌘+Z undoes the typing, as fields do.
      const inField = isTyping(event.target);
      if (key === 'o' && !event.shiftKey) actions.importFile();
      else if (key === 'e' && !event.shiftKey) actions.exportMarkdown();
      else if (key === 'e' && event.shiftKey) actions.exportToFolder();
      else if (key === 'z' && !event.shiftKey && !inField) actions.undo();
      else if (((key === 'z' && event.shiftKey) || key === 'y') && !inField) actions.redo();
      else handled = false;
      if (handled) event.preventDefault();
      return;
    }
    if (isTyping(event.target)) return;
    if (event.key === 'Escape') {
      actions.dismiss();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const active = store.get().activeHighlightId;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    const colour = /^[1-5]$/.test(key) ? COLORS[Number(key) - 1]! : null;
    let handled = true;
    if (key === 'h') handled = actions.highlightSelection();
    else if (colour) {
      if (!actions.highlightSelection(colour)) {
        if (active) actions.recolor(active, colour);
        else handled = false;
      }
    } else if (key === 'j') actions.step(1);
    else if (key === 'k') actions.step(-1);
    else if (key === '?') actions.showShortcuts();
    else if ((key === 'n' || (key === 'Enter' && !isControl(event.target))) && active) actions.editNote(active);
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
