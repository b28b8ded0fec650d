import { DamagedSearchIndexError } from './errors.js';
import { decodePostings, postingsLength } from './postings.js';

/**
 * The words of the documents read from JSON: the sorted words and their
 * encoded posting lists, exactly as stored. A list is decoded the first time
 * a query needs it and kept decoded, so opening an index costs no more than
 * reading its JSON, and a query pays only for the words it touches.
 */
export class Segment {
  private readonly decoded = new Map<number, Int32Array>();

  /**
   * `words` sorted by code unit without repeats, `postings[i]` the encoded
   * list of `words[i]`, every document number below `documentCount`.
   */
  constructor(
    readonly words: string[],
    private readonly postings: string[],
    private readonly documentCount: number,
  ) {}

  static empty(): Segment {
    return new Segment([], [], 0);
  }

  /** The documents `word` is in, ascending (decoded once, then kept). Throws on a damaged list. */
  documents(word: string): Int32Array | undefined {
    const i = this.indexOf(word);
    if (i < 0) return undefined;
    let ids = this.decoded.get(i);
    if (!ids) {
      try {
        ids = decodePostings(this.postings[i]!, this.documentCount);
      } catch (error) {
        throw new DamagedSearchIndexError(`the posting list of a word is damaged: ${(error as Error).message}`);
      }
      this.decoded.set(i, ids);
    }
    return ids;
  }

  /** How many documents `word` is in (dead ones too), without decoding its list. */
  documentFrequency(word: string): number {
    const i = this.indexOf(word);
    return i < 0 ? 0 : postingsLength(this.postings[i]!);
  }

  has(word: string): boolean {
    return this.indexOf(word) >= 0;
  }

  private indexOf(word: string): number {
    let lo = 0;
    let hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.words[mid]! < word) lo = mid + 1;
      else hi = mid;
    }
    return this.words[lo] === word ? lo : -1;
  }
}
