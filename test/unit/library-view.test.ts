import { describe, expect, it } from 'vitest';
import type { ArticleSummary } from '../../shared/model.js';
import { ArticleSelection } from '../../renderer/sidebar/library-selection.js';
import { arrangeLibrary, DEFAULT_VIEW, parseView, type LibraryView, type ViewFacts } from '../../renderer/sidebar/library-view.js';
import { tagTree } from '../../renderer/sidebar/tag-tree.js';

/** A summary as the library lists it; `n` orders the import dates (higher: newer). */
function summary(id: string, n: number, fields: Partial<ArticleSummary> = {}): ArticleSummary {
  return {
    id,
    title: id,
    source: { kind: 'file', name: `${id}.md` },
    importedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, n)).toISOString(),
    contentHash: 'x',
    tags: [],
    highlightCount: 0,
    ...fields,
  };
}

const library = [
  summary('a-essay', 1, { title: 'Éloge de la lecture', byline: 'Zoé Martin', highlightCount: 2, notedCount: 1, orphanedCount: 1, highlightColors: { pink: 2 } }),
  summary('a-notes', 2, { title: 'notes on notes', siteName: 'Reading Room', highlightCount: 5, notedCount: 5, orphanedCount: 0, highlightColors: { yellow: 4, pink: 1 } }),
  summary('a-cards', 3, { title: 'Index cards 10', byline: 'Bram Visser' }),
  summary('a-cards2', 4, { title: 'Index cards 9', byline: 'bram visser', highlightCount: 1, notedCount: 0, orphanedCount: 0, highlightColors: { blue: 1 } }),
  summary('a-broken', 5, { title: 'A newer Marginalia wrote this', unavailable: 'written by a newer Marginalia', highlightCount: 9 }),
];

/** Facts where every article's highlight tags are known (none unless given). */
const facts = (tags: Record<string, string[]> = {}, read: Record<string, number> = {}): ViewFacts => ({
  readAt: (id) => read[id],
  highlightTags: (s) => new Set(tags[s.id] ?? []),
});

const arranged = (view: Partial<LibraryView>, given = facts()) => arrangeLibrary(library, { ...DEFAULT_VIEW, ...view }, given).articles.map((s) => s.id);

describe('the library view: order and filters', () => {
  it('lists the newest import first by default, and an article that cannot be opened last whatever the order', () => {
    expect(arranged({})).toEqual(['a-cards2', 'a-cards', 'a-notes', 'a-essay', 'a-broken']);
    expect(arranged({ sort: 'highlights' }).at(-1)).toBe('a-broken');
  });

  it('orders titles as a reader does: case and accents aside, numbers by value', () => {
    expect(arranged({ sort: 'title' })).toEqual(['a-essay', 'a-cards2', 'a-cards', 'a-notes', 'a-broken']);
  });

  it('orders by author, the two spellings of one author together, articles without an author after', () => {
    expect(arranged({ sort: 'author' })).toEqual(['a-cards2', 'a-cards', 'a-essay', 'a-notes', 'a-broken']);
  });

  it('orders by highlights, most first, ties by title', () => {
    expect(arranged({ sort: 'highlights' })).toEqual(['a-notes', 'a-essay', 'a-cards2', 'a-cards', 'a-broken']);
  });

  it('orders by reading, the last read first, the articles never read after them, newest first', () => {
    expect(arranged({ sort: 'read' }, facts({}, { 'a-essay': 20, 'a-cards': 30 }))).toEqual(['a-cards', 'a-essay', 'a-cards2', 'a-notes', 'a-broken']);
  });

  it('keeps the articles whose title, author or site has every word typed, case and accents aside', () => {
    expect(arranged({ text: 'eloge' })).toEqual(['a-essay']);
    expect(arranged({ text: 'ZOE lecture' })).toEqual(['a-essay']);
    expect(arranged({ text: 'reading room' })).toEqual(['a-notes']);
    expect(arranged({ text: 'cards visser' })).toEqual(['a-cards2', 'a-cards']);
    expect(arranged({ text: '   ' })).toHaveLength(library.length);
  });

  it('keeps the articles with a noted highlight, an orphaned one, or one of a colour, from their counts; never one that cannot be opened', () => {
    expect(arranged({ has: 'noted' })).toEqual(['a-notes', 'a-essay']);
    expect(arranged({ has: 'orphaned' })).toEqual(['a-essay']);
    expect(arranged({ has: 'pink' })).toEqual(['a-notes', 'a-essay']);
    expect(arranged({ has: 'blue', text: 'cards' })).toEqual(['a-cards2']);
    expect(arranged({ has: 'purple' })).toEqual([]);
  });

  it('keeps the articles whose highlights carry a tag or one nested under it, never one that only starts the same', () => {
    const tags = facts({ 'a-essay': ['method/cards'], 'a-notes': ['method'], 'a-cards2': ['methodical'] });
    expect(arranged({ tag: 'method' }, tags)).toEqual(['a-notes', 'a-essay']);
    expect(arranged({ tag: 'method/cards' }, tags)).toEqual(['a-essay']);
  });

  it('counts the articles whose highlights’ tags are not known yet, and keeps none of them', () => {
    const unknown: ViewFacts = { readAt: () => undefined, highlightTags: (s) => (s.id === 'a-notes' ? new Set(['x']) : undefined) };
    const result = arrangeLibrary(library, { ...DEFAULT_VIEW, tag: 'x' }, unknown);
    expect(result.articles.map((s) => s.id)).toEqual(['a-notes']);
    // a-essay and a-cards2 have highlights; a-cards has none, a-broken cannot be read.
    expect(result.pending).toBe(2);
  });

  it('reads a stored view back field by field, and anything odd as the default', () => {
    expect(parseView({ sort: 'author', text: 'x', tag: 'a/b', has: 'pink' })).toEqual({ sort: 'author', text: 'x', tag: 'a/b', has: 'pink' });
    expect(parseView({ sort: 'author', text: 'x', tag: 'a/b' })).toEqual({ sort: 'author', text: 'x', tag: 'a/b', has: 'any' });
    expect(parseView({ has: '__proto__' }).has).toBe('any');
    expect(parseView({ sort: 'constructor', text: 3, tag: '' })).toEqual(DEFAULT_VIEW);
    expect(parseView(null)).toEqual(DEFAULT_VIEW);
  });
});

describe('the tag tree', () => {
  it('nests tags under their parent, lists a parent no highlight carries itself, and counts nested tags in its total', () => {
    const rows = tagTree([
      { tag: 'method/cards', highlights: 2, articles: 1 },
      { tag: 'history', highlights: 1, articles: 1 },
      { tag: 'method/cards/paper', highlights: 1, articles: 1 },
      { tag: 'craft/ink', highlights: 3, articles: 2 },
    ]);
    expect(rows.map(({ tag, name, depth, highlights, parent }) => ({ tag, name, depth, highlights, parent }))).toEqual([
      { tag: 'craft', name: 'craft', depth: 0, highlights: 3, parent: true },
      { tag: 'craft/ink', name: 'ink', depth: 1, highlights: 3, parent: false },
      { tag: 'history', name: 'history', depth: 0, highlights: 1, parent: false },
      { tag: 'method', name: 'method', depth: 0, highlights: 3, parent: true },
      { tag: 'method/cards', name: 'cards', depth: 1, highlights: 3, parent: true },
      { tag: 'method/cards/paper', name: 'paper', depth: 2, highlights: 1, parent: false },
    ]);
    expect(rows.find((r) => r.tag === 'craft')?.own).toBeNull();
  });

  it('takes tags named like Object.prototype’s properties as ordinary tags', () => {
    const rows = tagTree([
      { tag: 'constructor', highlights: 1, articles: 1 },
      { tag: '__proto__/toString', highlights: 2, articles: 1 },
    ]);
    expect(rows.map((r) => [r.tag, r.highlights])).toEqual([
      ['__proto__', 2],
      ['__proto__/toString', 2],
      ['constructor', 1],
    ]);
  });

  it('keeps a tag starting with a slash at the top level', () => {
    expect(tagTree([{ tag: '/a', highlights: 1, articles: 1 }]).map((r) => [r.tag, r.depth])).toEqual([['/a', 0]]);
  });
});

describe('choosing articles', () => {
  const listed = ['a', 'b', 'c', 'd', 'e'];

  it('Ctrl/⌘-click toggles one; Shift-click takes the articles from the last one clicked', () => {
    const chosen = new ArticleSelection();
    chosen.toggle('b');
    chosen.extendTo('d', listed);
    expect(chosen.inOrder(listed)).toEqual(['b', 'c', 'd']);
    chosen.toggle('c');
    expect(chosen.inOrder(listed)).toEqual(['b', 'd']);
    // The anchor is now c: a Shift-click upwards takes a to c.
    chosen.extendTo('a', listed);
    expect(chosen.inOrder(listed)).toEqual(['a', 'b', 'c']);
  });

  it('extends from the article opened last when nothing is chosen yet', () => {
    const chosen = new ArticleSelection();
    chosen.clear('d');
    chosen.extendTo('b', listed);
    expect(chosen.inOrder(listed)).toEqual(['b', 'c', 'd']);
  });

  it('drops the articles no longer listed, and says whether any went', () => {
    const chosen = new ArticleSelection();
    chosen.toggle('a');
    chosen.toggle('e');
    expect(chosen.keepListed(new Set(['a', 'b']))).toBe(true);
    expect(chosen.inOrder(listed)).toEqual(['a']);
    expect(chosen.keepListed(new Set(['a']))).toBe(false);
  });
});
