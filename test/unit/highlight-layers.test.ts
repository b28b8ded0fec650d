import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { highlightName, LAYERS, layersOf } from '../../renderer/reader/highlight-paint.js';
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
