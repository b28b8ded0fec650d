import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { anchor, describe as describeUtf16 } from '../../shared/anchoring/index.js';
import type { HighlightTarget } from '../../shared/model.js';
import { codePoints, utf16 } from '../../shared/offsets.js';
import { corpus } from '../support/temp.js';

/**
 * The Hypothesis client's own anchoring cases (../shared/corpus/anchoring-cases/hypothesis,
 * see the corpus README), run through our anchor(). Their selectors count offsets in the DOM's
 * textContent, so the text here is that too, from linkedom (the DOM the importer already uses),
 * not our importer's article text, which drops the page's whitespace and markup between blocks.
 */
const HYPOTHESIS = 'anchoring-cases/hypothesis';

interface RangeCase {
  description: string;
  quote: string;
  textPosition: { type: 'TextPositionSelector'; start: number; end: number };
}
const fixture = JSON.parse(readFileSync(corpus(`${HYPOTHESIS}/html-anchoring-cases.json`), 'utf8')) as { containerText: string; cases: RangeCase[] };

/** The fixture as html-test.js sets it up: the page's HTML as the innerHTML of a <section>, and that section's text. */
function containerText(): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const section = document.createElement('section');
  section.innerHTML = readFileSync(corpus(`${HYPOTHESIS}/html-anchoring-fixture.html`), 'utf8');
  document.body.appendChild(section);
  return section.textContent ?? '';
}

const quoteWithPosition = (c: RangeCase): HighlightTarget => ({
  position: { type: 'TextPositionSelector', start: codePoints(c.textPosition.start), end: codePoints(c.textPosition.end) },
  quote: { type: 'TextQuoteSelector', exact: c.quote, prefix: '', suffix: '' },
});

describe('the Hypothesis html-test.js range cases, on the fixture’s text', () => {
  const text = containerText();

  it('reads the fixture as Hypothesis does: the same text its offsets count', () => {
    expect(text).toBe(fixture.containerText);
    expect(fixture.cases).toHaveLength(27);
  });

  it.each(fixture.cases.map((c, i) => [`${i + 1}. ${c.description}`, c] as const))('%s', (_name, c) => {
    const { start, end } = c.textPosition;
    // Their selectors, as they are: found at the position, reading the quote.
    expect(anchor(text, quoteWithPosition(c))).toEqual({ status: 'anchored', start, end, method: 'position', confidence: 1 });
    // Described by us and anchored again (the round trip html-test.js checks).
    const target = describeUtf16(text, utf16(start), utf16(end));
    expect(target.quote.exact).toBe(c.quote);
    expect(anchor(text, target)).toMatchObject({ status: 'anchored', start, end });
    // And in a page with more before it, where no stored position holds: by quote and context alone,
    // which tells apart the three "Lorem sed do eiusmod tempor." of the fixture.
    const preamble = 'A paragraph added at the top of the page.\n\n';
    const found = anchor(preamble + text, target);
    expect(found).toMatchObject({ status: 'anchored', start: start + preamble.length, end: end + preamble.length });
  });
});

interface BaselineAnnotation {
  id: string;
  target: { selector: ({ type: 'TextPositionSelector'; start: number; end: number } | { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string } | { type: string })[] }[];
}

/**
 * A baseline page's body text. linkedom builds a <body> only inside an <html>, so a page written
 * without one (minimal.html) is wrapped in it first. linkedom does not add the newline after
 * </body> to the body as a browser does, and on the Wikipedia page its text differs from the
 * browser's before the footer, where a stored position then no longer holds.
 */
function bodyText(name: string): string {
  const html = readFileSync(corpus(`${HYPOTHESIS}/html-baselines/${name}.html`), 'utf8');
  const { document } = parseHTML(/<html[\s>]/i.test(html) ? html : `<!doctype html><html>${html}</html>`);
  return document.body.textContent ?? '';
}

describe('the Hypothesis html-baselines annotations, on their pages', () => {
  it.each(['minimal', 'wikipedia-regression-testing'])('every annotation of %s anchors on its quote', (name) => {
    const text = bodyText(name);
    const { rows } = JSON.parse(readFileSync(corpus(`${HYPOTHESIS}/html-baselines/${name}.json`), 'utf8')) as { rows: BaselineAnnotation[] };
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const selectors = row.target[0]!.selector;
      const position = selectors.find((s) => s.type === 'TextPositionSelector') as { start: number; end: number };
      const quote = selectors.find((s) => s.type === 'TextQuoteSelector') as { exact: string; prefix: string; suffix: string };
      const target: HighlightTarget = {
        position: { type: 'TextPositionSelector', start: codePoints(position.start), end: codePoints(position.end) },
        quote: { type: 'TextQuoteSelector', ...quote },
      };
      const found = anchor(text, target);
      expect(found.status, `${name} ${row.id}`).toBe('anchored');
      if (found.status !== 'anchored') continue;
      expect(text.slice(found.start, found.end)).toBe(quote.exact);
      // Where our text agrees with theirs at the stored position, that is where it is found.
      if (text.slice(position.start, position.end) === quote.exact) expect([found.start, found.end]).toEqual([position.start, position.end]);
      else expect(found.method).toBe('quote');
    }
  });
});
