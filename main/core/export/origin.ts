import type { Highlight } from '../../../shared/model.js';

const APP_NAMES = { kindle: 'Kindle' } as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Where a highlight imported from another app was made, in one line:
 * `Kindle, location 1234–1240, 23 Feb 2020` ('' for a highlight made here).
 */
export function originText(origin: Highlight['origin']): string {
  if (!origin) return '';
  return [
    APP_NAMES[origin.app],
    ...(origin.page ? [`page ${dashed(origin.page)}`] : []),
    ...(origin.location ? [`location ${dashed(origin.location)}`] : []),
    ...(origin.addedAt ? [readableDate(origin.addedAt)] : []),
  ].join(', ');
}

/** `23 Feb 2020` for an ISO date; a date kept as the other app wrote it stays as written. */
export function readableDate(addedAt: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T/.exec(addedAt);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : addedAt;
}

/** A range as a reader writes it: `1234–1240`. */
const dashed = (range: string) => range.replace(/(\d)-(\d)/, '$1–$2');
