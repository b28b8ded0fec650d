import type { Highlight } from '../../shared/model.js';

/** Highlights the reader is changing here, whose save main has not answered: kept as shown. */
export interface Unsaved {
  /** Being created or saved (or edited in the margin): shown as the reader left them. */
  shown: ReadonlySet<string>;
  /** Being deleted: not shown, whatever main still has. */
  gone: ReadonlySet<string>;
}

/**
 * The open article's highlights after another device or process changed
 * them: what main has now, in its order, except those the reader is
 * changing here, which stay as shown until their own save answers (a note
 * being typed is never replaced under the reader). A highlight that did not
 * change keeps its object, so the reader repaints only what changed.
 */
export function withOutsideChanges(shown: readonly Highlight[], onDisk: readonly Highlight[], unsaved: Unsaved): Highlight[] {
  const here = new Map(shown.map((h) => [h.id, h]));
  const next: Highlight[] = [];
  for (const highlight of onDisk) {
    if (unsaved.gone.has(highlight.id)) continue;
    const local = here.get(highlight.id);
    if (local && (unsaved.shown.has(highlight.id) || sameHighlight(local, highlight))) next.push(local);
    else next.push(highlight);
  }
  // Created here and not saved yet (so not on disk), or deleted elsewhere while being edited here.
  const listed = new Set(onDisk.map((h) => h.id));
  for (const id of unsaved.shown) {
    const local = here.get(id);
    if (local && !listed.has(id) && !unsaved.gone.has(id)) next.push(local);
  }
  return next;
}

/** Whether two copies of a highlight say the same (main answers fresh objects each time). */
function sameHighlight(a: Highlight, b: Highlight): boolean {
  return a.updatedAt === b.updatedAt && JSON.stringify(a) === JSON.stringify(b);
}
