import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { highlightName, LAYERS, layersOf, segmentsOf, underlineName } from '../../renderer/reader/highlight-paint.js';
import { COLORS, type Color } from '../../shared/colors.js';

const at = (color: Color, from: number, to: number) => ({ highlight: { color }, from, to }) as Parameters<typeof layersOf>[0][number];

describe('layers of painted highlights (CSS Custom Highlight API)', () => {
  it('puts passages that do not overlap in the first layer, touching ones included', () => {
    expect(layersOf([at('yellow', 1, 5), at('yellow', 5, 9), at('yellow', 20, 30)])).toEqual([0, 0, 0]);
  });

  it('puts a same-colour overlap in the next layer, so the shared words are painted twice', () => {
    expect(layersOf([at('yellow', 1, 10), at('yellow', 5, 15), at('yellow', 12, 20)])).toEqual([0, 1, 0]);
  });

  it('keeps colours apart: a highlight of another colour never pushes one to a deeper layer', () => {
    expect(layersOf([at('yellow', 1, 10), at('blue', 2, 8), at('yellow', 3, 4), at('blue', 5, 6)])).toEqual([0, 0, 1, 1]);
  });

  it('shares the last layer among deeper overlaps, and frees a layer when its passage ends', () => {
    const nested = [at('pink', 0, 100), at('pink', 10, 90), at('pink', 20, 80), at('pink', 30, 70), at('pink', 95, 99)];
    expect(layersOf(nested)).toEqual([0, 1, 2, LAYERS - 1, 1]);
  });

  it('names layers as the style sheet does, and the style sheet paints every colour and layer', () => {
    expect([0, 1, 2].map((layer) => highlightName('green', layer))).toEqual(['hl-green', 'hl-green-1', 'hl-green-2']);
    const css = readFileSync(new URL('../../renderer/styles/highlights.css', import.meta.url), 'utf8');
    for (const color of COLORS) {
      for (let layer = 0; layer < LAYERS; layer++) expect(css).toContain(`::highlight(${highlightName(color, layer)})`);
      expect(css).toMatch(new RegExp(`::highlight\\(hl-${color}-${LAYERS - 1}\\) \\{\\s*background-color: var\\(--hl-${color}\\);`));
    }
  });
});

describe('overlapping highlights of two colours', () => {
  it('keep the inner one’s fill; the outer shows there as an underline, and as its fill elsewhere', () => {
    const segments = segmentsOf([at('green', 0, 100), at('pink', 40, 60), at('blue', 90, 120)]);
    expect(segments[0]).toEqual([
      { name: 'hl-green', from: 0, to: 40 },
      { name: 'hl-green-under', from: 40, to: 60 },
      { name: 'hl-green', from: 60, to: 90 },
      { name: 'hl-green-under', from: 90, to: 100 },
    ]);
    expect(segments[1]).toEqual([{ name: 'hl-pink', from: 40, to: 60 }]);
    expect(segments[2]).toEqual([{ name: 'hl-blue', from: 90, to: 120 }]);
  });

  it('leave same-colour overlaps to the layers, and every underline has its style', () => {
    expect(segmentsOf([at('yellow', 0, 50), at('yellow', 10, 20)])).toEqual([[{ name: 'hl-yellow', from: 0, to: 50 }], [{ name: 'hl-yellow-1', from: 10, to: 20 }]]);
    const css = readFileSync(new URL('../../renderer/styles/highlights.css', import.meta.url), 'utf8');
    for (const color of COLORS) expect(css).toContain(`::highlight(${underlineName(color)})`);
  });
});
