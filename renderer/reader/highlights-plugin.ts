import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import type { Highlight } from '../../shared/model.js';
import { canPaint, clearHighlights, paintHighlights } from './highlight-paint.js';
import { EMPTY_PLACEMENT, placeHighlights, type Placement } from './placement.js';

/** The highlights plugin's state: the highlights, their anchors and the decorations painting them. */
export interface HighlightsState {
  placement: Placement;
  activeHighlightId: string | null;
  decorations: DecorationSet;
}

interface ShowHighlights {
  highlights: readonly Highlight[];
  activeHighlightId: string | null;
}

export const highlightsKey = new PluginKey<HighlightsState>('highlights');

/**
 * Shows highlights without ever editing the document. Where the browser has
 * the CSS Custom Highlight API (every Electron we ship, and Chromium), the
 * plugin view paints all highlights through it from the placement's positions
 * (see highlight-paint.ts), and the only decoration is a <mark> around the
 * active highlight, which carries its outline and toolbar. Elsewhere every
 * highlight is an inline <mark> decoration, nested where highlights overlap.
 */
export function highlightsPlugin(): Plugin<HighlightsState> {
  const painted = canPaint();
  return new Plugin<HighlightsState>({
    key: highlightsKey,
    state: {
      init: () => ({ placement: EMPTY_PLACEMENT, activeHighlightId: null, decorations: DecorationSet.empty }),
      apply(tr, value) {
        const show = tr.getMeta(highlightsKey) as ShowHighlights | undefined;
        if (show) {
          const placement = placeHighlights(tr.doc, show.highlights);
          return {
            placement,
            activeHighlightId: show.activeHighlightId,
            decorations: decorate(tr.doc, placement, show.activeHighlightId, painted),
          };
        }
        if (!tr.docChanged) return value;
        return { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) };
      },
    },
    props: {
      decorations: (state) => highlightsKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
    view: painted ? paintingView : undefined,
  });
}

/**
 * Repaints the CSS highlights whenever the article's DOM may have been redrawn:
 * a new document, new highlights or a new active one, or the same state again
 * (ProseMirror redraws what its DOM observer saw changed under it). A change of
 * selection alone redraws nothing.
 */
function paintingView(view: EditorView) {
  const paint = () => paintHighlights(view, placementOf(view.state).placed);
  paint();
  return {
    update(view: EditorView, previous: EditorState) {
      const before = highlightsKey.getState(previous);
      const now = highlightsKey.getState(view.state);
      const redrawn = view.state === previous || view.state.doc !== previous.doc;
      if (redrawn || before?.placement !== now?.placement || before?.decorations !== now?.decorations) paint();
    },
    destroy: clearHighlights,
  };
}

function decorate(doc: EditorState['doc'], placement: Placement, activeHighlightId: string | null, painted: boolean): DecorationSet {
  const shown = painted ? placement.placed.filter((p) => p.highlight.id === activeHighlightId) : placement.placed;
  const decorations = shown.map(({ highlight, from, to }) =>
    Decoration.inline(
      from,
      to,
      {
        nodeName: 'mark',
        class: `hl hl-${highlight.color}${highlight.id === activeHighlightId ? ' hl-active' : ''}${painted ? ' hl-painted' : ''}`,
        'data-highlight-id': highlight.id,
      },
      { highlightId: highlight.id },
    ),
  );
  return DecorationSet.create(doc, decorations);
}

/** A transaction that shows these highlights, with one of them active. */
export function showHighlights(
  tr: Transaction,
  highlights: readonly Highlight[],
  activeHighlightId: string | null,
): Transaction {
  return tr.setMeta(highlightsKey, { highlights, activeHighlightId } satisfies ShowHighlights);
}

/** Where the plugin placed the highlights of this state. */
export function placementOf(state: EditorState): Placement {
  return highlightsKey.getState(state)?.placement ?? EMPTY_PLACEMENT;
}
