import { stackCards, type CardCount, type StackOptions } from './stack.js';

/** A card that lies under the block its passage is in. */
export interface BelowRequest {
  id: string;
  /** Where the block starts (its key: the same for every card under it). */
  block: number;
  height: number;
}

/** Besides the stacking rules: the space between a block's text and its first card, and after its last card. */
export interface BelowOptions extends StackOptions {
  above: number;
  below: number;
}

/** How cards lie under their blocks: every top measured from the bottom edge of the card's block. */
export interface BelowLayout {
  tops: Map<string, number>;
  /** Each crowded block's count (its `paragraph` is the block), its top from the block's bottom edge. */
  counts: CardCount[];
  /** The room to keep under each block for its cards: what pushes the next block down. */
  rooms: Map<number, number>;
}

/**
 * Lays out cards under their blocks, where the window has no room for a
 * margin: each block's cards in the order of their passages, stacked from
 * just under the block, by the margin's rules (a block with more cards than
 * fit in `maxRoom` folds the rest into a count, the pinned ones always
 * shown). Each block then keeps room for its stack, so no card covers text.
 * `requests` come in document order.
 */
export function stackBelow(requests: readonly BelowRequest[], options: BelowOptions): BelowLayout {
  const byBlock = new Map<number, BelowRequest[]>();
  for (const request of requests) {
    const group = byBlock.get(request.block);
    if (group) group.push(request);
    else byBlock.set(request.block, [request]);
  }
  const tops = new Map<string, number>();
  const counts: CardCount[] = [];
  const rooms = new Map<number, number>();
  for (const [block, group] of byBlock) {
    // Every card of a block wants the same place (the top of its stack): the stack keeps their order.
    const stacked = stackCards(
      group.map(({ id, height }) => ({ id, top: 0, height, paragraph: block })),
      options,
    );
    for (const [id, top] of stacked.tops) tops.set(id, options.above + top);
    for (const count of stacked.counts) counts.push({ ...count, top: options.above + count.top });
    rooms.set(block, options.above + stacked.bottom + options.below);
  }
  return { tops, counts, rooms };
}
