import { anchor, describe, TextIndex } from '../../../shared/anchoring/index.js';
import type { Article, ArticleSummary, Highlight } from '../../../shared/model.js';
import { newHighlightId } from '../ids.js';
import { orphanTarget } from './book-plan.js';
import type { ClippingsLibrary } from './library-side.js';
import { noteLabel, spanOfOrigin } from './origin.js';
import { placePassages } from './placement.js';
import { sameBook } from './same-book.js';

/** What moving a book's clippings onto the book did: highlights moved, those of them orphaned, and the articles trashed. */
export interface MovedClippings {
  moved: number;
  orphaned: number;
  from: ArticleSummary[];
}

/** What the reader is told when a book took over its clippings. */
export function movedClippingsNote(moved: MovedClippings): string {
  const orphaned = moved.orphaned === 0 ? '' : ` (${moved.orphaned} not found in its text: see Orphaned)`;
  return `${moved.moved} Kindle ${moved.moved === 1 ? 'highlight' : 'highlights'} moved onto it from its clippings${orphaned}; the quotes-only article is in the Trash.`;
}

/**
 * When a book is imported whose quotes-only article the library has (from
 * an earlier import of clippings), its highlights move onto the book:
 * placed in its text as clippings are (see placePassages), orphaned where
 * not found, their notes, tags, colours and origins kept. The quotes-only
 * article then goes to the trash, from where it can be restored.
 */
export async function moveOntoBook(library: ClippingsLibrary, book: Article, text: string): Promise<MovedClippings> {
  const authors = book.metadata?.byline ? [book.metadata.byline] : (book.metadata?.creators ?? []);
  const quotesOnly = (await library.listArticles()).filter(
    (a) => a.source.kind === 'clippings' && a.unavailable === undefined && sameBook({ title: a.title, creators: a.byline ? [a.byline] : [] }, { title: book.title, authors }),
  );
  const done: MovedClippings = { moved: 0, orphaned: 0, from: [] };
  if (quotesOnly.length === 0) return done;
  const index = new TextIndex(text);
  const at = library.now().toISOString();
  for (const quotes of quotesOnly) {
    const { highlights } = await library.store.readHighlights(quotes.id);
    const moved = moveHighlights(index, highlights, book.id, at);
    await library.store.changeHighlights(book.id, (file) => {
      file.highlights = [...file.highlights, ...moved];
    });
    await library.trash(quotes.id);
    done.moved += moved.length;
    done.orphaned += moved.filter((h) => h.orphaned).length;
    done.from.push(quotes);
  }
  return done;
}

/** A quotes-only article's highlights on the book's text: Kindle passages by their words and locations, the reader's own by their selectors. */
function moveHighlights(index: TextIndex, highlights: readonly Highlight[], articleId: string, at: string): Highlight[] {
  const passageText = (h: Highlight) => (h.origin && h.target.quote.exact !== noteLabel(h.origin) ? h.target.quote.exact : '');
  const placements = placePassages(
    index,
    highlights.map((h) => ({ text: h.origin ? passageText(h) : '', ...(h.origin && spanOfOrigin(h.origin) && { place: spanOfOrigin(h.origin)! }) })),
  );
  return highlights.map((highlight, i) => {
    const placed = placements[i]!;
    const found = highlight.origin ? placed : anchor(index, highlight.target);
    const { orphaned: _, ...kept } = highlight;
    const target =
      found.status === 'placed' || found.status === 'anchored' ? describe(index, found.start, found.end) : undefined;
    return {
      ...kept,
      id: newHighlightId(),
      articleId,
      target: target ?? orphanTarget(highlight.target.quote.exact),
      ...(!target && { orphaned: true as const }),
      updatedAt: at,
    };
  });
}
