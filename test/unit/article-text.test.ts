import { describe, expect, it } from 'vitest';
import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';

const p = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const doc = documentFromJSON({
  type: 'doc',
  content: [
    { type: 'title', content: [{ type: 'text', text: 'Title' }] },
    p('First paragraph.'),
    { type: 'blockquote', content: [p('Quoted 😃 words.')] },
    { type: 'bullet_list', content: [{ type: 'list_item', content: [p('Item one')] }, { type: 'list_item', content: [p('Item two')] }] },
    {
      type: 'paragraph',
      content: [{ type: 'text', text: 'Line' }, { type: 'hard_break' }, { type: 'text', text: 'break', marks: [{ type: 'em' }] }],
    },
  ],
});

describe('the article text', () => {
  const at = articleText(doc);

  it('joins textblocks with a newline, through quotes and lists, reading a hard break as a newline', () => {
    expect(at.text).toBe('Title\nFirst paragraph.\nQuoted 😃 words.\nItem one\nItem two\nLine\nbreak');
  });

  it('maps every text offset to a document position and back', () => {
    for (let offset = 0; offset <= at.text.length; offset++) {
      const pos = at.posAt(offset);
      expect(at.offsetAt(pos)).toBe(offset);
      if (offset < at.text.length && at.text[offset] !== '\n') {
        expect(doc.textBetween(pos, pos + 1)).toBe(at.text[offset]);
      }
    }
  });

  it('puts a range ending at a block boundary at the end of that block, not the start of the next', () => {
    const end = at.text.indexOf('\n');
    const pos = at.posAt(end, 'end');
    expect(doc.resolve(pos).parent.type.name).toBe('title');
    expect(doc.resolve(at.posAt(end + 1, 'start')).parent.textContent).toBe('First paragraph.');
  });
});
