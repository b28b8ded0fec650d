import type { Color } from '../../shared/model.js';
import { selectedPassage } from './selection.js';
import { colorButtons, createToolbar, placeToolbar } from './toolbar.js';
import type { Reader } from './view.js';

/**
 * The toolbar that appears over a text selection in the article, offering
 * the five colours. Returns its disposer.
 */
export function mountSelectionToolbar(
  page: HTMLElement,
  scroller: HTMLElement,
  reader: Reader,
  onPick: (color: Color) => void,
): () => void {
  const toolbar = createToolbar('selection-toolbar', 'Highlight the selection');
  toolbar.append(...colorButtons((color) => `Highlight ${color}`, onPick));
  page.append(toolbar);

  let pointerDown = false;
  let frame = 0;
  const refresh = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      const passage = pointerDown ? null : selectedPassage(reader.view);
      const line = passage?.range.getClientRects()[0];
      if (!passage || !line) {
        toolbar.hidden = true;
        return;
      }
      placeToolbar(toolbar, page, scroller, line);
    });
  };
  const onPointerDown = (event: PointerEvent) => {
    if (toolbar.contains(event.target as Node)) return;
    pointerDown = true;
    toolbar.hidden = true;
  };
  const onPointerUp = () => {
    pointerDown = false;
    refresh();
  };
  document.addEventListener('selectionchange', refresh);
  document.addEventListener('pointerdown', onPointerDown);
  document.addEventListener('pointerup', onPointerUp);
  window.addEventListener('resize', refresh);
  return () => {
    document.removeEventListener('selectionchange', refresh);
    document.removeEventListener('pointerdown', onPointerDown);
    document.removeEventListener('pointerup', onPointerUp);
    window.removeEventListener('resize', refresh);
    toolbar.remove();
  };
}
