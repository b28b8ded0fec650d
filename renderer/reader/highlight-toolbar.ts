import type { Color } from '../../shared/model.js';
import type { Store } from '../app/store.js';
import { selectionRangeIn } from './selection.js';
import { colorButtons, createToolbar, placeToolbar, textButton } from './toolbar.js';
import type { Reader } from './view.js';

/** What the active highlight's toolbar can ask for. */
export interface HighlightToolbarActions {
  recolor(highlightId: string, color: Color): void;
  editNote(highlightId: string): void;
  editTags(highlightId: string): void;
  copy(highlightId: string): void;
  remove(highlightId: string): void;
}

/**
 * The toolbar over the active highlight: recolour, note, tags, copy, delete.
 * Hidden while the reader is selecting text. Returns its disposer.
 */
export function mountHighlightToolbar(
  page: HTMLElement,
  scroller: HTMLElement,
  reader: Reader,
  store: Store,
  actions: HighlightToolbarActions,
): () => void {
  const toolbar = createToolbar('highlight-toolbar', 'Active highlight');
  const withActive = (run: (id: string) => void) => () => {
    const id = store.get().activeHighlightId;
    if (id) run(id);
  };
  const swatches = colorButtons(
    (color) => `Change colour to ${color}`,
    (color) => withActive((id) => actions.recolor(id, color))(),
  );
  toolbar.append(
    ...swatches,
    textButton('Note', 'Edit note (n)', withActive(actions.editNote)),
    textButton('Tags', 'Edit tags (t)', withActive(actions.editTags)),
    textButton('Copy', 'Copy as a Markdown quote with a link back (c)', withActive(actions.copy)),
    textButton('Delete', 'Delete highlight (Delete)', withActive(actions.remove)),
  );
  page.append(toolbar);

  const refresh = () => {
    const { activeHighlightId, highlights } = store.get();
    const active = highlights.find((h) => h.id === activeHighlightId);
    const line = active && !selectionRangeIn(reader.view) ? reader.firstLineOf(active.id) : null;
    if (!active || !line) {
      toolbar.hidden = true;
      return;
    }
    for (const swatch of swatches) swatch.setAttribute('aria-pressed', String(swatch.dataset.color === active.color));
    placeToolbar(toolbar, page, scroller, line);
  };
  const stopPlaced = reader.onPlaced(refresh);
  const stopStore = store.subscribe(refresh);
  document.addEventListener('selectionchange', refresh);
  window.addEventListener('resize', refresh);
  return () => {
    stopPlaced();
    stopStore();
    document.removeEventListener('selectionchange', refresh);
    window.removeEventListener('resize', refresh);
    toolbar.remove();
  };
}
