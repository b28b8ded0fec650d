import type { $brand } from 'zod';

/**
 * Offsets into a text, typed by what they count. JavaScript strings (and
 * ProseMirror, and the DOM) count UTF-16 code units; W3C
 * TextPositionSelectors, and so the contract and the store, count Unicode
 * code points. The two agree until the first character beyond U+FFFF (an
 * emoji, a CJK Extension B ideograph), then differ by one for each such
 * character before the offset. Each unit has its own type, so the compiler
 * refuses one where the other is meant; `TextIndex`
 * (shared/anchoring/text-index.ts) is the only place that turns one into the
 * other. Both are zod brands, so schemas can produce them (see model.ts).
 */

/** An offset in UTF-16 code units: what `slice`, `indexOf` and `length` count. */
export type Utf16Offset = number & $brand<'Utf16Offset'>;

/** An offset in Unicode code points: what a W3C TextPositionSelector counts. */
export type CodePointOffset = number & $brand<'CodePointOffset'>;

/**
 * Names a number that already counts UTF-16 units (a string index from
 * `indexOf` or `length`, arithmetic on such) as one. Never a conversion.
 */
export const utf16 = (units: number): Utf16Offset => units as Utf16Offset;

/**
 * Names a number that already counts code points (`Array.from(text).length`,
 * arithmetic on code-point offsets) as one. Never a conversion.
 */
export const codePoints = (count: number): CodePointOffset => count as CodePointOffset;
