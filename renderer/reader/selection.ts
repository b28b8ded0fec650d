import type { EditorView } from 'prosemirror-view';
import { describe } from '../../shared/anchoring/index.js';
import type { HighlightTarget } from '../../shared/model.js';
import { utf16, type CodePointOffset } from '../../shared/offsets.js';
import { articleOf } from './highlights-plugin.js';
import { indexOf, textOf } from './placement.js';

/** A passage the reader selected, trimmed of surrounding whitespace. */
export interface SelectedPassage {
  /** Code-point offsets over the article text, as the contract wants them. */
  start: CodePointOffset;
  end: CodePointOffset;
  /** The DOM range of the selection, for placing the toolbar. */
  range: Range;
  /** Its selectors, as main will describe it (the same text, the same rules). */
  target: HighlightTarget;
}

/** The DOM selection when it lies inside the article and covers some text. */
export function selectionRangeIn(view: EditorView): Range | null {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!view.dom.contains(range.startContainer) || !view.dom.contains(range.endContainer)) return null;
  return range;
}

/** The selected passage in article-text code points, or null when nothing but whitespace is selected. */
export function selectedPassage(view: EditorView): SelectedPassage | null {
  const range = selectionRangeIn(view);
  if (!range) return null;
  let from: number;
  let to: number;
  try {
    from = view.posAtDOM(range.startContainer, range.startOffset, -1);
    to = view.posAtDOM(range.endContainer, range.endOffset, 1);
  } catch {
    return null;
  }
  if (to < from) [from, to] = [to, from];
  // The whole article's text: the page may still be adding its last parts, with the same positions.
  const article = articleOf(view.state) ?? view.state.doc;
  const { text, offsetAt } = textOf(article);
  // ProseMirror positions and the article text's offsets both count UTF-16 units.
  let start = offsetAt(from);
  let end = offsetAt(to);
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  if (end <= start) return null;
  const index = indexOf(article);
  const [from16, to16] = [utf16(start), utf16(end)];
  return { start: index.toCodePoint(from16), end: index.toCodePoint(to16), range, target: describe(index, from16, to16) };
}

/** Drops the reader's text selection. */
export function clearTextSelection(): void {
  document.getSelection()?.removeAllRanges();
}
