import type { EditorView } from 'prosemirror-view';
import { notesBlockStart } from '../reader/placement.js';
import { stackBelow, type BelowRequest } from './below.js';
import type { BlockRoom } from './block-room.js';
import type { CardCount, MarginLayout, StackOptions } from './stack.js';

/** Under a paragraph: space between its text and its first card, and after its last card, in pixels. */
const TEXT_TO_CARDS = 8;
const CARDS_TO_TEXT = 20;

/** Where the cards go: in the margin beside the text, or under their paragraphs when the reading area has no room for a margin. */
export type NotesPlace = 'beside' | 'below';

/**
 * Where the cards go at the reading area's width: beside the text while the
 * margin and a column of about 45 characters fit (layout.css works out the
 * width they need from the reader's text size and width).
 */
export function notesPlaceFor(scroller: HTMLElement): NotesPlace {
  const needs = Number.parseFloat(getComputedStyle(scroller).getPropertyValue('--notes-beside-needs'));
  return scroller.clientWidth < needs ? 'below' : 'beside';
}

/** A card to lay out, with where its passage starts in the document. */
export interface CardUnder {
  id: string;
  element: HTMLElement;
  from: number;
}

/**
 * Lays out cards under their paragraphs: each paragraph's cards stacked
 * under it by the margin's rules, the room they take kept under it (the
 * text below moves down), then each card placed where its paragraph ends.
 * `cards` come in document order; tops are from the margin's top edge.
 * `within` is the part of the article the cards were chosen from: rooms
 * there without cards now are dropped.
 */
export function layoutUnderParagraphs(
  view: EditorView,
  margin: HTMLElement,
  cards: readonly CardUnder[],
  stacking: StackOptions,
  rooms: BlockRoom,
  within: { from: number; to: number },
): MarginLayout {
  const doc = view.state.doc;
  const requests: BelowRequest[] = cards.map(({ id, element, from }) => ({ id, block: notesBlockStart(doc, from), height: element.offsetHeight }));
  const below = stackBelow(requests, { ...stacking, above: TEXT_TO_CARDS, below: CARDS_TO_TEXT });
  rooms.update(below.rooms, within);
  // Where each paragraph ends, with the rooms made: read once, after the rooms were written.
  const origin = margin.getBoundingClientRect().top;
  const ends = new Map<number, number>();
  for (const block of below.rooms.keys()) {
    const element = view.nodeDOM(block - 1);
    if (element instanceof HTMLElement) ends.set(block, element.getBoundingClientRect().bottom - origin);
  }
  const tops = new Map<string, number>();
  for (const { id, block } of requests) {
    const end = ends.get(block);
    const top = below.tops.get(id);
    if (end !== undefined && top !== undefined) tops.set(id, end + top);
  }
  const counts: CardCount[] = [];
  for (const count of below.counts) {
    const end = ends.get(count.paragraph);
    if (end !== undefined) counts.push({ ...count, top: end + count.top });
  }
  return { tops, counts, bottom: 0 };
}
