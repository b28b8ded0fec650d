import { describe, expect, it } from 'vitest';
import { withOutsideChanges } from '../../renderer/app/outside-highlights.js';
import { codePoints } from '../../shared/offsets.js';
import type { Highlight } from '../../shared/model.js';

/** A highlight of the sample article's opening words, as main answers it (a fresh object each time). */
const highlight = (id: string, note: string, updatedAt = '2026-12-05T09:00:00.000Z'): Highlight => ({
  id,
  articleId: 'a-sample',
  target: {
    position: { type: 'TextPositionSelector', start: codePoints(0), end: codePoints(5) },
    quote: { type: 'TextQuoteSelector', exact: 'Putin', prefix: '', suffix: ' and' },
  },
  color: 'yellow',
  note,
  tags: [],
  createdAt: '2026-12-05T08:00:00.000Z',
  updatedAt,
});
const none = { shown: new Set<string>(), gone: new Set<string>() };

describe("the open article's highlights after another device changed them", () => {
  it('takes what main has now: a new highlight, a changed note, a deleted highlight gone', () => {
    const shown = [highlight('h-kept', 'same'), highlight('h-edited', 'old note'), highlight('h-deleted', '')];
    const onDisk = [highlight('h-kept', 'same'), highlight('h-edited', 'new note', '2026-12-05T10:00:00.000Z'), highlight('h-new', 'from the desktop')];
    const next = withOutsideChanges(shown, onDisk, none);
    expect(next.map((h) => [h.id, h.note])).toEqual([
      ['h-kept', 'same'],
      ['h-edited', 'new note'],
      ['h-new', 'from the desktop'],
    ]);
    // Unchanged: the very object shown, so the reader repaints nothing for it.
    expect(next[0]).toBe(shown[0]);
  });

  it('keeps a note being typed, and a save not yet answered, as the reader left them', () => {
    const shown = [highlight('h-typing', 'half a thought'), highlight('h-saving', 'my colour')];
    const onDisk = [highlight('h-typing', 'the desktop wrote this', '2026-12-05T10:00:00.000Z'), highlight('h-saving', 'older', '2026-12-05T10:00:00.000Z')];
    const next = withOutsideChanges(shown, onDisk, { shown: new Set(['h-typing', 'h-saving']), gone: new Set() });
    expect(next).toEqual(shown);
  });

  it('keeps a highlight created here and not saved yet, and keeps one being deleted here gone', () => {
    const shown = [highlight('h-old', ''), highlight('h-creating', '')];
    const onDisk = [highlight('h-old', ''), highlight('h-being-deleted', '')];
    const next = withOutsideChanges(shown, onDisk, { shown: new Set(['h-creating']), gone: new Set(['h-being-deleted']) });
    expect(next.map((h) => h.id)).toEqual(['h-old', 'h-creating']);
  });

  it('keeps the note being typed even when another device deleted its highlight meanwhile', () => {
    const shown = [highlight('h-typing', 'do not lose me')];
    const next = withOutsideChanges(shown, [], { shown: new Set(['h-typing']), gone: new Set() });
    expect(next.map((h) => h.note)).toEqual(['do not lose me']);
  });
});
