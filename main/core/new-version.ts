import { anchor, describe, reanchorAll, TextIndex } from '../../shared/anchoring/index.js';
import type { Article, ArticleSummary, Highlight } from '../../shared/model.js';

/** What a re-import did to an article's highlights. */
export interface NewVersionReport {
  /** The version number the article now has. */
  version: number;
  /** Highlights found in the new text (moved or not). */
  anchored: number;
  /** Highlights whose passage the new text no longer has; their notes and tags are kept. */
  orphaned: number;
}

/**
 * The article an import is a new version of: the same file path, the same
 * address fetched, the same book (its identifier, whatever the file is
 * called now), the same page address, or the same title and author. Never
 * an embedded article.
 */
export function findSameSource(library: readonly ArticleSummary[], incoming: Pick<Article, 'title' | 'source' | 'metadata'>): ArticleSummary | undefined {
  const candidates = library.filter((a) => a.source.kind === 'file' || a.source.kind === 'address');
  const path = incoming.source.path;
  if (path) {
    const samePath = candidates.find((a) => a.source.path === path);
    if (samePath) return samePath;
  }
  const address = incoming.source.url;
  if (address) {
    const sameAddress = candidates.find((a) => a.source.url === address);
    if (sameAddress) return sameAddress;
  }
  const identifier = incoming.metadata?.identifier;
  if (identifier) {
    const sameBook = candidates.find((a) => a.identifier === identifier);
    if (sameBook) return sameBook;
  }
  const url = incoming.metadata?.url;
  if (url) {
    const sameUrl = candidates.find((a) => a.url === url);
    if (sameUrl) return sameUrl;
  }
  const byline = incoming.metadata?.byline;
  if (byline) return candidates.find((a) => a.byline === byline && a.title === incoming.title);
  return undefined;
}

/**
 * Moves highlights from an article's old text to its new one: through the
 * diff of the two texts first, checked against each quote (see reanchorAll).
 * A highlight that cannot be placed with confidence is marked orphaned, never
 * put somewhere else; one orphaned by an earlier version gets one more chance
 * by its quote and context, with the same floors as the reader's anchoring.
 */
export function moveHighlights(oldText: string, newText: string, highlights: readonly Highlight[], at: string): { highlights: Highlight[]; anchored: number; orphaned: number } {
  const newIndex = new TextIndex(newText);
  const anchors = reanchorAll(oldText, newText, highlights.filter((h) => !h.orphaned));
  let anchored = 0;
  const moved = highlights.map((highlight): Highlight => {
    const found = anchors.get(highlight) ?? anchor(newIndex, highlight.target);
    if (found.status === 'orphaned') return highlight.orphaned ? highlight : { ...highlight, orphaned: true, updatedAt: at };
    anchored++;
    const target = describe(newIndex, found.start, found.end);
    const { orphaned: _, ...rest } = highlight;
    const same = !highlight.orphaned && JSON.stringify(target) === JSON.stringify(highlight.target);
    return same ? highlight : { ...rest, target, updatedAt: at };
  });
  return { highlights: moved, anchored, orphaned: highlights.length - anchored };
}
