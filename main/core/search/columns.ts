/**
 * A growable typed array: what the catalog keeps per document and per
 * highlight, so that 200,000 documents are a few arrays, not 200,000 objects.
 * Hot loops read `values` directly (valid up to `length`).
 */
export class IntColumn {
  values: Int32Array;
  length: number;

  /** A column holding the first `length` values of `initial` (kept, not copied: the rest is room to grow), or empty. */
  constructor(initial?: Int32Array, length = initial?.length ?? 0) {
    this.values = initial ?? new Int32Array(64);
    this.length = length;
  }

  push(value: number): number {
    if (this.length === this.values.length) {
      const grown = new Int32Array(Math.max(64, this.values.length * 2));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length] = value;
    return this.length++;
  }

  get(i: number): number {
    return this.values[i]!;
  }

  set(i: number, value: number): void {
    this.values[i] = value;
  }
}

/**
 * A typed array for `length` values with room for a quarter more: a column
 * read from JSON grows in place for a while, instead of copying itself
 * whole on the first change after opening.
 */
export const withRoom = (length: number): Int32Array => new Int32Array(length + Math.max(1024, length >> 2));
