import type { Color } from './colors.js';

/**
 * How the reader wants the page: text size, the text column's width in
 * characters (never narrower than 45: see the narrow layout), typeface,
 * line height and colours. Plain values here (the page imports them); the
 * contract's check of them is ReaderSettingsSchema in settings-schema.ts.
 */
export interface ReaderSettings {
  fontSize: number;
  lineWidth: number;
  typeface: 'serif' | 'sans';
  lineHeight: number;
  theme: 'system' | 'light' | 'dark' | 'sepia';
  /** What each colour means to the reader ("key idea", "disagree"): shown in the toolbar, lists, filters and exports. */
  colorNames: ColorNames;
}

/** Names the reader gave the colours; a colour without one is left out. */
export type ColorNames = Partial<Record<Color, string>>;
/** The longest colour name. */
export const COLOR_NAME_LENGTH = 40;

/** A colour as the reader sees it: its name and what they gave it to mean, "Yellow (key idea)". */
export function colorLabel(color: Color, names: ColorNames | undefined): string {
  const plain = color[0]!.toUpperCase() + color.slice(1);
  const name = names?.[color]?.trim();
  return name ? `${plain} (${name})` : plain;
}

/** Text sizes the reader may choose, in CSS pixels, and the step of Ctrl/⌘ + and −. */
export const FONT_SIZE = { min: 12, max: 32, step: 1 } as const;
/** Line widths the reader may choose, in characters. */
export const LINE_WIDTH = { min: 45, max: 100 } as const;
/** Line heights the reader may choose, in lines of the text's size. */
export const LINE_HEIGHT = { min: 1.2, max: 2.2 } as const;

export const DEFAULT_SETTINGS: ReaderSettings = { fontSize: 19, lineWidth: 56, typeface: 'serif', lineHeight: 1.65, theme: 'system', colorNames: {} };
