import { z } from 'zod';

/** Text sizes the reader may choose, in CSS pixels, and the step of Ctrl/⌘ + and −. */
export const FONT_SIZE = { min: 12, max: 32, step: 1 } as const;

/**
 * How the reader wants the page: text size, the text column's width in
 * characters (never narrower than 45: see the narrow layout), typeface,
 * line height and colours. The one description of them: the contract
 * checks them with it, main's settings.json keeps them with it.
 */
export const ReaderSettingsSchema = z
  .object({
    fontSize: z.number().int().min(FONT_SIZE.min).max(FONT_SIZE.max),
    lineWidth: z.number().int().min(45).max(100),
    typeface: z.enum(['serif', 'sans']),
    lineHeight: z.number().min(1.2).max(2.2),
    theme: z.enum(['system', 'light', 'dark', 'sepia']),
  })
  .strict();
export type ReaderSettings = z.infer<typeof ReaderSettingsSchema>;

export const DEFAULT_SETTINGS: ReaderSettings = { fontSize: 19, lineWidth: 68, typeface: 'serif', lineHeight: 1.65, theme: 'system' };
