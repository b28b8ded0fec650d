import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import type { Highlight } from '../../shared/model.js';
import { canPaint, HighlightPainter, type Span } from './highlight-paint.js';
import { changeBetween, EMPTY_PLACEMENT, placeHighlights, type Placement, type PlacementChange } from './placement.js';

/** The highlights plugin's state: the highlights, their anchors and the decorations painting them. */
export interface HighlightsState {
  /**
   * The whole article. The view's document is this article, or the first
   * parts of it while the rest is still being added (see loading.ts); its
   * positions are the article's.
   */
  article: PMNode | null;
  placement: Placement;
  /** What the last change of highlights changed. */
  change: PlacementChange;
  activeHighlightId: string | null;
  decorations: DecorationSet;
}

type Meta =
  | { kind: 'open'; article: PMNode; highlights: readonly Highlight[]; activeHighlightId: string | null }
  | { kind: 'show'; highlights: readonly Highlight[]; activeHighlightId: string | null };

export const highlightsKey = new PluginKey<HighlightsState>('highlights');

/**
 * Shows highlights without ever editing the article. Where the browser has
 * the CSS Custom Highlight API (every Electron we ship, and Chromium), the
 * plugin view paints all highlights through it from the placement's positions
 * (see highlight-paint.ts), and the only decoration is a <mark> around the
 * active highlight, which carries its outline and toolbar. Elsewhere every
 * highlight is an inline <mark> decoration, nested where highlights overlap.
 *
 * A change costs what it changes: highlights whose passage is the same keep
 * their anchors, and a new active highlight redraws two passages.
 */
export function highlightsPlugin(): Plugin<HighlightsState> {
  const painted = canPaint();
  return new Plugin<HighlightsState>({
    key: highlightsKey,
    state: {
      init: () => ({ article: null, placement: EMPTY_PLACEMENT, change: { all: true }, activeHighlightId: null, decorations: DecorationSet.empty }),
      apply(tr, value) {
        const meta = tr.getMeta(highlightsKey) as Meta | undefined;
        if (meta?.kind === 'open') {
          const placement = placeHighlights(meta.article, meta.highlights);
          return {
            article: meta.article,
            placement,
            change: { all: true },
            activeHighlightId: meta.activeHighlightId,
            decorations: decorate(tr.doc, placement, meta.activeHighlightId, painted),
          };
        }
        if (meta?.kind === 'show' && value.article) {
          const placement = placeHighlights(value.article, meta.highlights, value.placement);
          const change = changeBetween(value.placement, placement);
          const active = meta.activeHighlightId;
          const before = value.placement.byId.get(value.activeHighlightId ?? '');
          const after = placement.byId.get(active ?? '');
          const sameMark = active === value.activeHighlightId && before?.from === after?.from && before?.to === after?.to && before?.highlight.color === after?.highlight.color;
          const redecorate = !painted ? change.all || change.ids.size > 0 || active !== value.activeHighlightId : !sameMark;
          return {
            article: value.article,
            placement,
            change,
            activeHighlightId: active,
            decorations: redecorate ? decorate(tr.doc, placement, active, painted) : value.decorations.map(tr.mapping, tr.doc),
          };
        }
        if (!tr.docChanged) return value;
        // More of the article arrived (loading.ts): in the <mark> fallback its highlights need decorations.
        const decorations = painted ? value.decorations.map(tr.mapping, tr.doc) : decorate(tr.doc, value.placement, value.activeHighlightId, painted);
        return { ...value, change: { all: false, ids: new Set() }, decorations };
      },
    },
    props: {
      decorations: (state) => highlightsKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
    view: painted ? paintingView : undefined,
  });
}

/**
 * Paints the CSS highlights after every update that may have changed them:
 * new highlights, a new active one (whose <mark> makes ProseMirror draw its
 * passage's text anew), another plugin's new decorations (the find bar's
 * matches: their text is drawn anew too), more of the article, or the same
 * state again (ProseMirror redraws what its DOM observer saw changed under
 * it). A change of selection alone paints nothing.
 */
function paintingView(view: EditorView) {
  const painter = new HighlightPainter();
  const paint = (redrawn: readonly Span[] | 'all') => painter.sync(view, placementOf(view.state).placed, view.state.doc.content.size, redrawn);
  paint('all');
  return {
    update(view: EditorView, previous: EditorState) {
      const before = highlightsKey.getState(previous);
      const now = highlightsKey.getState(view.state);
      if (!before || !now) return;
      if (now.article !== before.article) painter.clear();
      if (now.article !== before.article || view.state === previous) return paint('all');
      const decorationsChanged = now.decorations !== before.decorations;
      const others = redrawnByOthers(previous, view.state);
      if (!decorationsChanged && others.length === 0 && now.placement === before.placement && view.state.doc === previous.doc) return;
      paint([...(decorationsChanged ? redrawnBy(previous, before, view.state, now) : []), ...others]);
    },
    destroy: () => painter.destroy(),
  };
}

/** Where a change of decorations made ProseMirror draw text anew: the textblocks of the old and the new marks. */
function redrawnBy(previousState: EditorState, before: HighlightsState, state: EditorState, now: HighlightsState): Span[] {
  const spans: Span[] = [];
  for (const [doc, decorations] of [
    [previousState.doc, before.decorations],
    [state.doc, now.decorations],
  ] as const) {
    for (const decoration of decorations.find()) spans.push(textblocksAround(doc, decoration.from, decoration.to));
  }
  return spans;
}

/**
 * Where other plugins' decorations changed (the matches of a find): ProseMirror
 * drew that text anew, so highlights painted there need new ranges. One span
 * per changed set, from its first decoration's textblock to its last one's:
 * the sets are kept to about a screen, and a highlight painted again costs a range.
 */
function redrawnByOthers(previousState: EditorState, state: EditorState): Span[] {
  const spans: Span[] = [];
  for (const plugin of state.plugins) {
    const decorations = plugin.props.decorations;
    if (plugin.spec.key === highlightsKey || !decorations) continue;
    const before = decorations.call(plugin, previousState);
    const after = decorations.call(plugin, state);
    if (before === after) continue;
    for (const [doc, source] of [
      [previousState.doc, before],
      [state.doc, after],
    ] as const) {
      source?.forEachSet((set) => {
        let from = Infinity;
        let to = -Infinity;
        for (const decoration of set.find()) {
          from = Math.min(from, decoration.from);
          to = Math.max(to, decoration.to);
        }
        if (from <= to) spans.push(textblocksAround(doc, from, to));
      });
    }
  }
  return spans;
}

/** The span from the start of the textblock holding `from` to the end of the one holding `to`. */
function textblocksAround(doc: PMNode, from: number, to: number): Span {
  const start = doc.resolve(Math.min(from, doc.content.size));
  const end = doc.resolve(Math.min(to, doc.content.size));
  return { from: start.parent.isTextblock ? start.start() : from, to: end.parent.isTextblock ? end.end() : to };
}

function decorate(doc: PMNode, placement: Placement, activeHighlightId: string | null, painted: boolean): DecorationSet {
  const shown = painted
    ? [placement.byId.get(activeHighlightId ?? '')].filter((p) => p !== undefined)
    : placement.placed;
  const size = doc.content.size;
  const decorations = shown
    .filter(({ to }) => to <= size)
    .map(({ highlight, from, to }) =>
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

/** A transaction that shows a newly opened article's highlights, with one of them active. */
export function openArticle(tr: Transaction, article: PMNode, highlights: readonly Highlight[], activeHighlightId: string | null): Transaction {
  return tr.setMeta(highlightsKey, { kind: 'open', article, highlights, activeHighlightId } satisfies Meta);
}

/** A transaction that shows these highlights of the open article, with one of them active. */
export function showHighlights(tr: Transaction, highlights: readonly Highlight[], activeHighlightId: string | null): Transaction {
  return tr.setMeta(highlightsKey, { kind: 'show', highlights, activeHighlightId } satisfies Meta);
}

/** Where the plugin placed the highlights of this state. */
export function placementOf(state: EditorState): Placement {
  return highlightsKey.getState(state)?.placement ?? EMPTY_PLACEMENT;
}

/** The whole article of this state (the view may show only its first parts yet), or null before one opens. */
export function articleOf(state: EditorState): PMNode | null {
  return highlightsKey.getState(state)?.article ?? null;
}

/** What the last change of highlights changed. */
export function changeOf(state: EditorState): PlacementChange {
  return highlightsKey.getState(state)?.change ?? { all: true };
}
