import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { anchor, describe as describeRange } from '../../shared/anchoring.js';
import { codePointIndex, toCodePointOffset, toUtf16Offset } from '../../shared/code-points.js';
import { corpus } from '../support/temp.js';

interface PositionCase {
  id: string;
  documentText: string;
  scope: unknown;
  selector: { start: number; end: number };
  expected: { start: number; end: number; startCodePoint: number; endCodePoint: number; text: string }[];
}

const positionCases = (
  JSON.parse(readFileSync(corpus('anchoring-cases/annotator-text-position-match.json'), 'utf8')) as { cases: PositionCase[] }
).cases.filter((c) => c.scope === null);

describe('code points and UTF-16 offsets', () => {
  it.each(positionCases.map((c) => [c.id, c] as const))('%s: W3C positions (code points) map to string indices', (_id, c) => {
    const [expected] = c.expected;
    expect(toUtf16Offset(c.documentText, c.selector.start)).toBe(expected!.start);
    expect(toUtf16Offset(c.documentText, c.selector.end)).toBe(expected!.end);
    expect(toCodePointOffset(c.documentText, expected!.start)).toBe(c.selector.start);
    const index = codePointIndex(c.documentText);
    expect(index.toCodePoint(expected!.end)).toBe(c.selector.end);
    expect(c.documentText.slice(expected!.start, expected!.end)).toBe(expected!.text);
  });
});

describe('describing and anchoring a passage', () => {
  const text = 'l😃rem ipsum dolor amet. Lorem ipsum dolor amet, again: ipsum dolor.';

  it('describes a passage with its quote, 32 characters of context, and code-point positions', () => {
    const start = text.indexOf('ipsum');
    const target = describeRange(text, start, start + 'ipsum dolor'.length);
    expect(target.quote).toEqual({ type: 'TextQuoteSelector', exact: 'ipsum dolor', prefix: 'l😃rem ', suffix: ' amet. Lorem ipsum dolor amet, a' });
    expect(target.position).toEqual({ type: 'TextPositionSelector', start: 6, end: 17 });
  });

  it('finds a passage at its stored position first', () => {
    const start = text.indexOf('ipsum', 30);
    const target = describeRange(text, start, start + 11);
    expect(anchor(text, target)).toEqual({ status: 'anchored', start, end: start + 11, method: 'position' });
  });

  it('finds a moved passage by its quote, choosing the occurrence whose context matches', () => {
    const start = text.lastIndexOf('ipsum dolor');
    const target = describeRange(text, start, start + 11);
    const edited = `Preface added. ${text}`;
    expect(anchor(edited, target)).toEqual({ status: 'anchored', start: start + 15, end: start + 26, method: 'quote' });
  });

  it('orphans a passage whose words are gone, rather than placing it elsewhere', () => {
    const target = describeRange(text, 0, 6);
    expect(anchor(text.replace('l😃rem', 'Lorem'), target)).toEqual({ status: 'orphaned' });
  });
});
