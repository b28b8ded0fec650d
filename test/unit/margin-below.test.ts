import { describe, expect, it } from 'vitest';
import { documentFromJSON } from '../../shared/article-schema.js';
import type { DocumentJSON } from '../../shared/model.js';
import { stackBelow, type BelowOptions, type BelowRequest } from '../../renderer/margin/below.js';
import { notesBlockStart, paragraphStart } from '../../renderer/reader/placement.js';

/*
 * Where the window has no room for a margin, the cards lie under the block
 * their passage is in: stacked by the margin's rules, each block keeping
 * room for its cards so that none covers the text below.
 */

const options = (extra: Partial<BelowOptions> = {}): BelowOptions => ({
  gap: 10,
  countHeight: 26,
  maxRoom: 400,
  expanded: new Set(),
  pinned: new Set(),
  above: 8,
  below: 20,
  ...extra,
});

/** `n` cards 60 px tall under block `block`. */
const crowd = (n: number, block: number): BelowRequest[] => Array.from({ length: n }, (_, i) => ({ id: `b${block}-${i + 1}`, block, height: 60 }));

describe('cards under their blocks', () => {
  it('stack under their block in the order given, from just under its text, and the block keeps room for them', () => {
    const layout = stackBelow([{ id: 'a', block: 5, height: 40 }, { id: 'b', block: 5, height: 50 }], options());
    expect([...layout.tops]).toEqual([['a', 8], ['b', 8 + 40 + 10]]);
    // Under the text, the two cards and the space after them.
    expect([...layout.rooms]).toEqual([[5, 8 + 40 + 10 + 50 + 20]]);
    expect(layout.counts).toEqual([]);
  });

  it("lie under each block on their own: one block's cards never push another's", () => {
    const layout = stackBelow([...crowd(2, 1), ...crowd(1, 90)], options());
    expect(layout.tops.get('b1-1')).toBe(8);
    expect(layout.tops.get('b90-1')).toBe(8);
    expect([...layout.rooms]).toEqual([[1, 8 + 130 + 20], [90, 8 + 60 + 20]]);
  });

  it('fold the cards of a crowded block past maxRoom into a count under the ones shown, and keep room for the count', () => {
    const layout = stackBelow(crowd(7, 1), options({ maxRoom: 300 }));
    // 300 px: three cards (to 200), the count (to 236); four cards and the count would not fit.
    expect([...layout.tops.keys()]).toEqual(['b1-1', 'b1-2', 'b1-3']);
    expect(layout.counts).toEqual([{ paragraph: 1, top: 8 + 210, hidden: ['b1-4', 'b1-5', 'b1-6', 'b1-7'], expanded: false }]);
    expect(layout.rooms.get(1)).toBe(8 + 210 + 26 + 20);
  });

  it('show every card of a block the reader opened, with room for them all', () => {
    const layout = stackBelow(crowd(7, 1), options({ maxRoom: 300, expanded: new Set([1]) }));
    expect(layout.tops.size).toBe(7);
    expect(layout.tops.get('b1-7')).toBe(8 + 6 * 70);
    expect(layout.rooms.get(1)).toBe(8 + 7 * 70 + 26 + 20);
  });

  it('always show the pinned (active) card', () => {
    const layout = stackBelow(crowd(7, 1), options({ maxRoom: 300, pinned: new Set(['b1-6']) }));
    expect([...layout.tops.keys()]).toContain('b1-6');
    expect(layout.counts[0]!.hidden).not.toContain('b1-6');
  });
});

describe('the block a passage\'s notes go under', () => {
  const json: DocumentJSON = {
    type: 'doc',
    content: [
      { type: 'title', content: [{ type: 'text', text: 'T' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'First paragraph.' }] },
      {
        type: 'bullet_list',
        content: [{ type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'An item.' }] }] }],
      },
      {
        type: 'table',
        content: [
          {
            type: 'table_row',
            content: [
              { type: 'table_cell', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Left cell.' }] }] },
              { type: 'table_cell', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Right cell.' }] }] },
            ],
          },
        ],
      },
    ],
  } as DocumentJSON;
  const doc = documentFromJSON(json);
  const posOf = (text: string) => {
    let found = -1;
    doc.descendants((node, pos) => {
      if (found < 0 && node.isText && node.text!.includes(text)) found = pos + node.text!.indexOf(text);
    });
    return found;
  };

  it('is its paragraph, in a list item too, as the margin counts paragraphs', () => {
    for (const text of ['paragraph.', 'item.']) expect(notesBlockStart(doc, posOf(text))).toBe(paragraphStart(doc, posOf(text)));
  });

  it('is the whole table for a passage in a cell, the same for every cell', () => {
    const left = notesBlockStart(doc, posOf('Left'));
    expect(left).toBe(notesBlockStart(doc, posOf('Right')));
    expect(doc.nodeAt(left - 1)?.type.name).toBe('table');
  });
});
