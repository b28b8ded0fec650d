import type { Store } from '../app/store.js';
import type { Reader } from './view.js';

/**
 * j and k: the next or previous highlight in the text, from the active one,
 * else from the top of the screen; it is made active and shown. At either
 * end it stays on the last one.
 */
export function stepThroughHighlights(reader: Reader, store: Store, activate: (highlightId: string) => void): (direction: 1 | -1) => void {
  return (direction) => {
    const { placed } = reader.placement();
    if (placed.length === 0) return;
    const active = store.get().activeHighlightId;
    let index = placed.findIndex((p) => p.highlight.id === active);
    if (index >= 0) index += direction;
    else {
      const { from } = reader.visibleRange(0);
      const below = placed.findIndex((p) => p.from >= from);
      index = direction > 0 ? (below < 0 ? placed.length - 1 : below) : (below < 0 ? placed.length : below) - 1;
    }
    const next = placed[Math.max(0, Math.min(placed.length - 1, index))]!;
    activate(next.highlight.id);
    reader.scrollTo(next.highlight.id);
  };
}
