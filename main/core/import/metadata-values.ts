import { truncate } from './clean-text.js';

/** A publication date as ISO 8601 when the text reads as one; the text as given (cut to 200 characters) otherwise. */
export function publishedDate(text: string): string {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return trimmed; // a day without a time stays a day
  const time = Date.parse(trimmed);
  return Number.isNaN(time) ? truncate(trimmed, 200) : new Date(time).toISOString();
}

/** A language tag (`en`, `pt-BR`, `zh_Hant`), or undefined when the text is not one. */
export function languageTag(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed && /^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8}){0,6}$/.test(trimmed) ? trimmed : undefined;
}
