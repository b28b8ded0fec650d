import { Index } from 'flexsearch';

/**
 * The words of documents added since the index was last opened from JSON
 * (all of them, for an index built from nothing), in FlexSearch: adding a
 * document costs microseconds, and looking up a word's documents is a map
 * read. FlexSearch keeps no term frequencies and its own ranking is by word
 * position, so it is asked only "which documents have this word"; ranking is
 * ours (ranking.ts). Documents are never removed from it (FlexSearch's
 * remove scans its whole map, 40–110 ms here): a removed document is marked
 * dead in the document table and skipped, and is dropped for good when the
 * index is next written to JSON.
 */
export class LivePostings {
  private readonly index = new Index({
    tokenize: 'strict',
    // One score slot: every document of a word in one list, in the order added (ascending numbers).
    resolution: 1,
    // The words arrive folded and split (fold.ts); FlexSearch only splits them again.
    encode: (words: string) => words.split(' '),
  });
  private readonly known = new Set<string>();

  /** Adds a document's distinct folded words. Its number must be higher than any added before. */
  add(doc: number, words: readonly string[]): void {
    if (words.length === 0) return;
    this.index.add(doc, words.join(' '));
    for (const word of words) this.known.add(word);
  }

  /** The documents a word is in, ascending; empty when none. Read-only: it is FlexSearch's own list. */
  documents(word: string): readonly number[] {
    if (!this.known.has(word)) return EMPTY;
    return this.index.search(word, { limit: Number.MAX_SAFE_INTEGER }) as number[];
  }

  /** Every word added. */
  words(): IterableIterator<string> {
    return this.known.values();
  }

  has(word: string): boolean {
    return this.known.has(word);
  }
}

const EMPTY: readonly number[] = Object.freeze([]);
