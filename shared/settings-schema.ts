import { z } from 'zod';
import { COLORS } from './colors.js';
import { COLOR_NAME_LENGTH, FONT_SIZE, LINE_HEIGHT, LINE_WIDTH, type ReaderSettings } from './settings.js';

/** The reader's settings, checked: what the contract accepts and main's settings.json keeps (see settings.ts). */
export const ReaderSettingsSchema = z
  .object({
    fontSize: z.number().int().min(FONT_SIZE.min).max(FONT_SIZE.max),
    lineWidth: z.number().int().min(LINE_WIDTH.min).max(LINE_WIDTH.max),
    typeface: z.enum(['serif', 'sans']),
    lineHeight: z.number().min(LINE_HEIGHT.min).max(LINE_HEIGHT.max),
    theme: z.enum(['system', 'light', 'dark', 'sepia']),
    colorNames: z.partialRecord(z.enum(COLORS), z.string().max(COLOR_NAME_LENGTH)),
  })
  .strict() satisfies z.ZodType<ReaderSettings>;
