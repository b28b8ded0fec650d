import { foldedWords } from './fold.js';
import { LivePostings } from './live-postings.js';
import { Segment } from './segment.js';
import { Vocabulary } from './vocabulary.js';

/**
 * The index's words and the documents each is in: the stored segment (read
 * from JSON, decoded lazily) and the live postings (FlexSearch: everything
 * added since), with the vocabulary over both for prefixes and typos.
 */
export class IndexedWords {
  private readonly live = new LivePostings();
  readonly vocabulary: Vocabulary;

  constructor(private readonly segment: Segment = Segment.empty()) {
    this.vocabulary = new Vocabulary(segment.words);
  }

  /** Adds a document's distinct folded words. Its number must be higher than any added before. */
  add(doc: number, words: readonly string[]): void {
    for (const word of words) if (!this.live.has(word)) this.vocabulary.add(word);
    this.live.add(doc, words);
  }

  /** A tag's words join the vocabulary (not any document), so prefixes and typos reach them too. */
  addTag(foldedTag: string): void {
    for (const word of foldedWords(foldedTag)) this.vocabulary.add(word);
  }

  /** How many documents hold the word (removed ones too, until the index is next written). */
  documentFrequency(word: string): number {
    return this.segment.documentFrequency(word) + this.live.documents(word).length;
  }

  /** The lists of documents a word is in, stored then live, each ascending; a document is in one list only. */
  lists(word: string): ArrayLike<number>[] {
    const stored = this.segment.documents(word);
    const live = this.live.documents(word);
    return stored ? (live.length > 0 ? [stored, live] : [stored]) : [live];
  }
}
