import { describe, expect, it } from 'vitest';
import { anchor, describe as describeUtf16, TextIndex } from '../../shared/anchoring/index.js';
import { normaliseTypography, normalisedString } from '../../shared/anchoring/typography.js';
import { utf16 } from '../../shared/offsets.js';

/** Where normalised [start, end) lies in the original, and what it reads there. */
function original(text: string, start: number, end: number) {
  const n = normaliseTypography(text);
  const from = n.toOriginalStart(start);
  const to = n.toOriginalEnd(end);
  return text.slice(from, to);
}

describe('typography set aside before comparing', () => {
  it('makes quotes, apostrophes, dashes, ellipses, spaces and ligatures plain, and removes soft hyphens', () => {
    expect(normalisedString('“It’s ‘so’,” she said — the ﬁnal… word\u00a0here\u2009and\u202fthere; of\u00adfice')).toBe(
      `"It's 'so'," she said - the final... word here and there; office`,
    );
    expect(normalisedString('a--b — c---d – e')).toBe('a-b - c-d - e');
    expect(normalisedString('two  spaces,\ta tab, and a line\nbreak kept')).toBe('two spaces, a tab, and a line\nbreak kept');
    // NFKC: full-width letters, and a letter with its combining accent composed.
    expect(normalisedString('ＡＢＣ café cafe\u0301')).toBe('ABC café café');
    // Letters, case and accents are the words themselves.
    expect(normalisedString('Ahab ÉTÉ été')).toBe('Ahab ÉTÉ été');
  });

  it('leaves a plain text as it is, with offsets that map to themselves', () => {
    const n = normaliseTypography('Call me Ishmael. Some years ago - never mind how long.');
    expect(n.text).toBe('Call me Ishmael. Some years ago - never mind how long.');
    expect([n.toOriginalStart(8), n.toOriginalEnd(15), n.fromOriginal(8)]).toEqual([8, 15, 8]);
  });

  it('maps offsets back across pieces that changed length: an ellipsis became three dots, two hyphens one', () => {
    const text = 'Wait… then--go.';
    const n = normaliseTypography(text);
    expect(n.text).toBe('Wait... then-go.');
    expect(original(text, n.text.indexOf('then'), n.text.indexOf('.', 7) + 1)).toBe('then--go.');
    // A range ending inside the three dots takes the whole ellipsis; one starting inside it, too.
    expect(original(text, 0, 5)).toBe('Wait…');
    expect(original(text, 5, n.text.length)).toBe('… then--go.');
    expect(n.fromOriginal(text.indexOf('then'))).toBe(n.text.indexOf('then'));
    expect(n.fromOriginal(text.indexOf('go'))).toBe(n.text.indexOf('go'));
  });

  it('maps offsets across a removed soft hyphen, leaving it outside a range that ends or starts at it', () => {
    const text = 'an of\u00adfice, an\u00ad other';
    const n = normaliseTypography(text);
    expect(n.text).toBe('an office, an other');
    expect(original(text, 3, 9)).toBe('of\u00adfice');
    expect(original(text, 11, 13)).toBe('an');
    expect(original(text, 14, 19)).toBe('other');
  });

  it('maps whole characters back: an emoji, and a letter with its accent, before the changed typography', () => {
    const text = '👨‍👩‍👧 e\u0301t’e\u0301 — ok';
    const n = normaliseTypography(text);
    expect(n.text).toBe("👨‍👩‍👧 ét'é - ok");
    expect(original(text, n.text.indexOf('ét'), n.text.indexOf(' -'))).toBe('e\u0301t’e\u0301');
    expect(original(text, n.text.indexOf('ok'), n.text.length)).toBe('ok');
  });
});

describe('anchoring through re-typeset text, in the real text’s UTF-16 offsets', () => {
  const before = 'Preface.\n“I’ll sail,” said he — and so… he did. The of­fice of the ﬁrst mate.';
  const target = (words: string) => describeUtf16(before, utf16(before.indexOf(words)), utf16(before.indexOf(words) + words.length));
  const reading = (text: string, words: string) => {
    const found = anchor(new TextIndex(text), target(words));
    return found.status === 'anchored' ? text.slice(found.start, found.end) : 'orphaned';
  };

  it('finds each passage in a version with straight quotes, hyphens, dots, no soft hyphen and no ligature', () => {
    const after = 'A new first line.\n"I\'ll sail," said he -- and so... he did. The office of the first mate.';
    expect(reading(after, '“I’ll sail,” said he — and')).toBe('"I\'ll sail," said he -- and');
    expect(reading(after, 'so… he did.')).toBe('so... he did.');
    expect(reading(after, 'The of­fice of the ﬁrst mate.')).toBe('The office of the first mate.');
  });

  it('finds them the other way too: typed plainly first, typeset later', () => {
    const plain = 'Preface.\n"I\'ll sail," said he -- and so... he did.';
    const typeset = 'Preface, longer now.\n“I’ll sail,” said he — and so… he did.';
    const t = describeUtf16(plain, utf16(plain.indexOf('"I')), utf16(plain.indexOf(' he did')));
    const found = anchor(typeset, t);
    expect(found.status === 'anchored' ? typeset.slice(found.start, found.end) : 'orphaned').toBe('“I’ll sail,” said he — and so…');
  });
});
