import { bitCount, letterMask, typoDistance } from './edit-distance.js';

/**
 * Every word the index holds, kept sorted for prefix look-ups and scanned
 * (after a cheap letter test) for words a typo away. New words wait in a
 * small unsorted list and are merged in at the next look-up, so adding a
 * highlight never re-sorts the vocabulary.
 */
export class Vocabulary {
  private sorted: string[];
  /** `letterMask` of each word of `sorted`, computed at the first typo look-up. */
  private masks: Int32Array | null = null;
  private readonly pending = new Set<string>();

  /** `sorted` must be sorted (by code unit) and have no repeats; it is kept, not copied. */
  constructor(sorted: string[] = []) {
    this.sorted = sorted;
  }

  get size(): number {
    return this.sorted.length + this.pending.size;
  }

  has(word: string): boolean {
    return this.pending.has(word) || this.indexOf(word) >= 0;
  }

  /** Adds a word (nothing when it is already there). */
  add(word: string): void {
    if (!this.pending.has(word) && this.indexOf(word) < 0) this.pending.add(word);
  }

  /** Every word, sorted. */
  words(): readonly string[] {
    this.settle();
    return this.sorted;
  }

  /** The words that start with `prefix` (itself included), in sorted order. */
  withPrefix(prefix: string): string[] {
    this.settle();
    const found: string[] = [];
    for (let i = this.lowerBound(prefix); i < this.sorted.length && this.sorted[i]!.startsWith(prefix); i++) found.push(this.sorted[i]!);
    return found;
  }

  /** The words at most `max` typos from `word` (itself excluded), each with its distance. */
  near(word: string, max: number): { word: string; distance: number }[] {
    this.settle();
    if (!this.masks) this.masks = Int32Array.from(this.sorted, letterMask);
    const mask = letterMask(word);
    const found: { word: string; distance: number }[] = [];
    for (let i = 0; i < this.sorted.length; i++) {
      if (bitCount(this.masks[i]! ^ mask) > 2 * max) continue;
      const candidate = this.sorted[i]!;
      if (Math.abs(candidate.length - word.length) > max || candidate === word) continue;
      const distance = typoDistance(word, candidate, max);
      if (distance <= max) found.push({ word: candidate, distance });
    }
    return found;
  }

  private indexOf(word: string): number {
    const i = this.lowerBound(word);
    return this.sorted[i] === word ? i : -1;
  }

  private lowerBound(word: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]! < word) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Merges the pending words into the sorted list (and their masks, when masks are kept). */
  private settle(): void {
    if (this.pending.size === 0) return;
    const incoming = [...this.pending].sort(byCodeUnit);
    this.pending.clear();
    const merged = new Array<string>(this.sorted.length + incoming.length);
    const masks = this.masks ? new Int32Array(merged.length) : null;
    let i = 0;
    let j = 0;
    for (let k = 0; k < merged.length; k++) {
      if (j >= incoming.length || (i < this.sorted.length && this.sorted[i]! < incoming[j]!)) {
        if (masks) masks[k] = this.masks![i]!;
        merged[k] = this.sorted[i++]!;
      } else {
        if (masks) masks[k] = letterMask(incoming[j]!);
        merged[k] = incoming[j++]!;
      }
    }
    this.sorted = merged;
    this.masks = masks;
  }
}

/** Sorts strings by UTF-16 code unit, as `<` compares them (not by locale). */
export const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
