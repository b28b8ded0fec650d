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
}

/** Text sizes the reader may choose, in CSS pixels, and the step of Ctrl/⌘ + and −. */
export const FONT_SIZE = { min: 12, max: 32, step: 1 } as const;
/** Line widths the reader may choose, in characters. */
export const LINE_WIDTH = { min: 45, max: 100 } as const;
/** Line heights the reader may choose, in lines of the text's size. */
export const LINE_HEIGHT = { min: 1.2, max: 2.2 } as const;

export const DEFAULT_SETTINGS: ReaderSettings = { fontSize: 19, lineWidth: 68, typeface: 'serif', lineHeight: 1.65, theme: 'system' };
