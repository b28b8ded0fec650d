import { codePoints, utf16, type CodePointOffset, type Utf16Offset } from '../offsets.js';
import { normaliseTypography, type NormalisedText } from './typography.js';

/**
 * An article text prepared once for anchoring many selectors: W3C
 * TextPositionSelector offsets count code points, JavaScript strings count
 * UTF-16 units; the index converts both ways in O(log n) per offset. It is
 * the only place where one unit becomes the other (see shared/offsets.ts).
 */
export class TextIndex {
  /** UTF-16 index of the second unit of every surrogate pair, ascending. */
  private readonly pairs: number[] = [];
  readonly codePointLength: CodePointOffset;
  private typographyAside: NormalisedText | undefined;

  constructor(readonly text: string) {
    for (let i = 0; i + 1 < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) this.pairs.push(++i);
      }
    }
    this.codePointLength = codePoints(text.length - this.pairs.length);
  }

  /**
   * The text with its typography set aside (see typography.ts), made the
   * first time a passage is not at its stored position: a book whose
   * highlights are all where they were never pays for it.
   */
  get normalised(): NormalisedText {
    return (this.typographyAside ??= normaliseTypography(this.text));
  }

  /** UTF-16 offset → code-point offset (inside a surrogate pair: the end of its character). */
  toCodePoint(offset: Utf16Offset): CodePointOffset {
    return codePoints(offset - this.pairsBelow(offset));
  }

  /** Code-point offset → UTF-16 offset (clamped to the text). */
  toUtf16(offset: CodePointOffset): Utf16Offset {
    const cp = Math.max(0, Math.min(offset, this.codePointLength));
    // The UTF-16 offset is cp plus the pairs that end before it.
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // pair `mid` ends at UTF-16 index pairs[mid], i.e. at code point pairs[mid] - mid
      if (this.pairs[mid]! - mid <= cp) lo = mid + 1;
      else hi = mid;
    }
    return utf16(cp + lo);
  }

  /** How many surrogate pairs have their second unit before `limit`. */
  private pairsBelow(limit: number): number {
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pairs[mid]! < limit) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
