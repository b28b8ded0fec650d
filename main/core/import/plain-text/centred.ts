import type { TextBlock } from './blocks.js';

/** How far (in characters) a line's middle may be from the text's middle and still be centred: centring by hand rounds. */
const CENTRE_TOLERANCE = 2;
/** A centred line is indented at least this much; less is a paragraph's or a quotation's indent. */
export const MIN_CENTRED_INDENT = 6;
/** A centred heading is short: at most this share of the text's width. */
const MAX_CENTRED_SHARE = 0.6;

/** True when every line of the block is short and centred in a text whose wrapped lines reach `width`. */
export function isCentred(block: TextBlock, width: number): boolean {
  return block.lines.every((line) => {
    const indent = line.length - line.trimStart().length;
    const length = line.trim().length;
    return (
      indent >= MIN_CENTRED_INDENT &&
      length <= width * MAX_CENTRED_SHARE &&
      Math.abs(indent + length / 2 - width / 2) <= CENTRE_TOLERANCE
    );
  });
}
