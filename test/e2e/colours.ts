/**
 * What "looks right" means in numbers: WCAG contrast and luminance of
 * computed colours, and the colours a screenshot really shows.
 */
import { PNG } from 'pngjs';

/** An sRGB colour, channels 0–255, alpha 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** A box in CSS pixels of the viewport (the screenshot is taken at one device pixel per CSS pixel). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Reads a computed colour (`rgb(…)` or `rgba(…)`, as getComputedStyle gives it). */
export function parseColour(css: string): Rgba {
  const parts = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(css.trim());
  if (!parts) throw new Error(`not a computed rgb() colour: ${css}`);
  return { r: Number(parts[1]), g: Number(parts[2]), b: Number(parts[3]), a: parts[4] === undefined ? 1 : Number(parts[4]) };
}

/** A translucent colour painted over an opaque one, as the browser blends them (in sRGB). */
export function over(top: Rgba, below: Rgba): Rgba {
  const mix = (a: number, b: number) => a * top.a + b * (1 - top.a);
  return { r: mix(top.r, below.r), g: mix(top.g, below.g), b: mix(top.b, below.b), a: 1 };
}

/** WCAG 2 relative luminance, 0 (black) to 1 (white). */
export function luminance({ r, g, b }: Rgba): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrast(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** How far apart two opaque colours are: the largest difference of one channel. */
export function channelDistance(a: Rgba, b: Rgba): number {
  return Math.max(Math.abs(a.r - b.r), Math.abs(a.g - b.g), Math.abs(a.b - b.b));
}

/** A decoded screenshot. */
export class Screenshot {
  private readonly png: PNG;

  constructor(bytes: Buffer) {
    this.png = PNG.sync.read(bytes);
  }

  /**
   * The colour most pixels inside a box have (the box shrunk by a pixel on
   * each side): over a line of text, the background between the letters.
   */
  commonestColour(box: Box): Rgba {
    const counts = new Map<number, number>();
    const { width, height, data } = this.png;
    const left = Math.max(0, Math.ceil(box.x) + 1);
    const top = Math.max(0, Math.ceil(box.y) + 1);
    const right = Math.min(width, Math.floor(box.x + box.width) - 1);
    const bottom = Math.min(height, Math.floor(box.y + box.height) - 1);
    if (right <= left || bottom <= top) throw new Error(`box outside the screenshot: ${JSON.stringify(box)}`);
    for (let y = top; y < bottom; y++) {
      for (let x = left; x < right; x++) {
        const at = (y * width + x) * 4;
        const key = (data[at]! << 16) | (data[at + 1]! << 8) | data[at + 2]!;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const [key] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    return { r: (key >> 16) & 255, g: (key >> 8) & 255, b: key & 255, a: 1 };
  }
}
