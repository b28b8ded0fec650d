import type { EditorView } from 'prosemirror-view';
import { utf16, type CodePointOffset } from '../../shared/offsets.js';
import { articleOf } from './highlights-plugin.js';
import { indexOf, textOf } from './placement.js';

/** Characters of text taken as the passage at the top of the reading area (a line's worth). */
const PLACE_LENGTH = 64;

/**
 * The document position at the top of the reading area (`scroller`), at the
 * text column's left edge: null for an empty article, undefined while the
 * top is past the parts of a long book in the page so far (not known yet).
 */
export function positionAtTopOf(view: EditorView, scroller: HTMLElement): number | null | undefined {
  const area = scroller.getBoundingClientRect();
  const column = view.dom.getBoundingClientRect();
  let y = Math.max(area.top, column.top) + 6;
  if (y >= column.bottom) {
    // Below the parts in the page: not known yet while a long book comes in; past the end, its last line.
    const whole = articleOf(view.state);
    if (whole && whole.childCount > view.state.doc.childCount) return undefined;
    y = column.bottom - 4;
  }
  const found = view.posAtCoords({ left: column.left + 2, top: y });
  return found ? Math.min(found.pos, view.state.doc.content.size) : null;
}

/**
 * The passage at the top of the reading area, in code points of the article
 * text: a line's worth of words from the first character there (see
 * Reader.passageAtTop).
 */
export function passageAtTopOf(view: EditorView, scroller: HTMLElement): { start: CodePointOffset; end: CodePointOffset } | null | undefined {
  const pos = positionAtTopOf(view, scroller);
  if (pos == null) return pos;
  const whole = articleOf(view.state) ?? view.state.doc;
  const { text, offsetAt } = textOf(whole);
  let start = offsetAt(pos);
  // A point in the space between two blocks may fall on the end of the one above, out of sight: the next one then.
  if (view.coordsAtPos(pos, 1).bottom <= scroller.getBoundingClientRect().top + 2) {
    const next = text.indexOf('\n', start);
    if (next >= 0) start = next + 1;
  }
  while (start < text.length && /\s/u.test(text[start]!)) start++;
  if (start >= text.length) return null;
  // To the end of the block or a line's worth of words, whichever comes first.
  const blockEnd = text.indexOf('\n', start);
  let end = Math.min(text.length, start + PLACE_LENGTH, blockEnd < 0 ? text.length : blockEnd);
  const lastSpace = text.lastIndexOf(' ', end);
  if (end < text.length && /[\p{L}\p{N}]/u.test(text[end]!) && lastSpace > start + 8) end = lastSpace;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  if (end <= start) return null;
  const index = indexOf(whole);
  return { start: index.toCodePoint(utf16(start)), end: index.toCodePoint(utf16(end)) };
}
