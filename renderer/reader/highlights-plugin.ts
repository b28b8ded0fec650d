import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Highlight } from '../../shared/model.js';
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
 * Paints highlights as inline decorations (the document is never edited).
 * Each highlight gets its own <mark> wrapper, so overlapping highlights nest
 * and stay visible.
 */
export function highlightsPlugin(): Plugin<HighlightsState> {
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
            decorations: paint(tr.doc, placement, show.activeHighlightId),
          };
        }
        if (!tr.docChanged) return value;
        return { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) };
      },
    },
    props: {
      decorations: (state) => highlightsKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
  });
}

function paint(doc: EditorState['doc'], placement: Placement, activeHighlightId: string | null): DecorationSet {
  const decorations = placement.placed.map(({ highlight, from, to }) =>
    Decoration.inline(
      from,
      to,
      {
        nodeName: 'mark',
        class: `hl hl-${highlight.color}${highlight.id === activeHighlightId ? ' hl-active' : ''}`,
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
