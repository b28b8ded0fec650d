import { describe, expect, it } from 'vitest';
import { stackCards, type CardRequest, type StackOptions } from '../../renderer/margin/stack.js';

/*
 * How the margin lays out cards: beside their passages, never overlapping,
 * and where one paragraph has more than fit before the next paragraph's
 * cards, the rest folded into a count that the reader can open.
 */

const options = (extra: Partial<StackOptions> = {}): StackOptions => ({
  gap: 10,
  countHeight: 26,
  maxRoom: 400,
  expanded: new Set(),
  pinned: new Set(),
  ...extra,
});

/** `n` cards 60 px tall on one paragraph (key `paragraph`), their passages from `top` down, 5 px apart. */
const crowd = (n: number, paragraph: number, top: number): CardRequest[] =>
  Array.from({ length: n }, (_, i) => ({ id: `p${paragraph}-${i + 1}`, top: top + i * 5, height: 60, paragraph }));

describe('margin cards', () => {
  it('sit level with their passages, or just below the card above, never overlapping', () => {
    const layout = stackCards([{ id: 'b', top: 30, height: 50, paragraph: 1 }, { id: 'a', top: 0, height: 50, paragraph: 1 }, { id: 'c', top: 400, height: 50, paragraph: 2 }], options());
    expect([...layout.tops]).toEqual([['a', 0], ['b', 60], ['c', 400]]);
    expect(layout.counts).toEqual([]);
    expect(layout.bottom).toBe(450);
  });

  it('fold the cards of a crowded paragraph that do not fit before the next paragraph\'s cards into one count', () => {
    const layout = stackCards([...crowd(7, 1, 100), ...crowd(1, 2, 300)], options());
    // Room from 100 to 300: two cards (to 230), the count (to 266).
    expect([...layout.tops.keys()]).toEqual(['p1-1', 'p1-2', 'p2-1']);
    expect(layout.counts).toEqual([{ paragraph: 1, top: 240, hidden: ['p1-3', 'p1-4', 'p1-5', 'p1-6', 'p1-7'], expanded: false }]);
    expect(layout.tops.get('p2-1')).toBe(300);
  });

  it('fold a paragraph\'s cards past maxRoom even when no other paragraph has cards', () => {
    const layout = stackCards(crowd(7, 1, 100), options({ maxRoom: 300 }));
    expect(layout.tops.size).toBe(3);
    expect(layout.counts[0]!.hidden).toHaveLength(4);
    expect(layout.bottom).toBeLessThanOrEqual(100 + 300);
  });

  it('show every card of a paragraph the reader opened, the count below them to fold them again', () => {
    const layout = stackCards([...crowd(7, 1, 100), ...crowd(1, 2, 300)], options({ expanded: new Set([1]) }));
    expect(layout.tops.size).toBe(8);
    expect(layout.tops.get('p1-7')).toBe(100 + 6 * 70);
    expect(layout.counts).toEqual([{ paragraph: 1, top: 100 + 7 * 70, hidden: ['p1-3', 'p1-4', 'p1-5', 'p1-6', 'p1-7'], expanded: true }]);
    // The next paragraph's card is pushed below the count.
    expect(layout.tops.get('p2-1')).toBe(100 + 7 * 70 + 26 + 10);
  });

  it('always show the pinned (active) card, in its order, the last unpinned ones making way', () => {
    const layout = stackCards([...crowd(7, 1, 100), ...crowd(1, 2, 300)], options({ pinned: new Set(['p1-6']) }));
    expect([...layout.tops.keys()]).toEqual(['p1-1', 'p1-6', 'p2-1']);
    expect(layout.counts[0]!.hidden).toEqual(['p1-2', 'p1-3', 'p1-4', 'p1-5', 'p1-7']);
  });

  it('never fold a single card behind a count, and always show at least one', () => {
    const two = stackCards([...crowd(2, 1, 100), ...crowd(1, 2, 150)], options());
    expect(two.tops.size).toBe(3);
    expect(two.counts).toEqual([]);
    const squeezed = stackCards([...crowd(4, 1, 100), ...crowd(1, 2, 110)], options());
    expect([...squeezed.tops.keys()]).toEqual(['p1-1', 'p2-1']);
    expect(squeezed.counts[0]!.hidden).toEqual(['p1-2', 'p1-3', 'p1-4']);
  });
});
