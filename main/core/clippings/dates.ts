/**
 * The date a Kindle wrote on a clipping, as ISO 8601 local time
 * (`2020-02-23T14:58:27`: the Kindle records no time zone), or the text as
 * written when it is not in a form read here. English:
 * `Sunday, February 23, 2020 2:58:27 PM`; French: `dimanche 23 février 2020 14:58:27`.
 */
export function kindleDate(written: string): string {
  const text = written.trim();
  return englishDate(text) ?? frenchDate(text) ?? text;
}

const ENGLISH_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const FRENCH_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

function englishDate(text: string): string | undefined {
  const m = /^(?:[a-z]+,?\s+)?([a-z]+)\s+(\d{1,2}),?\s+(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?$/i.exec(text);
  if (!m) return undefined;
  let hour = Number(m[4]);
  const meridiem = m[7]?.toLowerCase().replace(/\./g, '');
  if (meridiem && (hour < 1 || hour > 12)) return undefined;
  if (meridiem === 'pm' && hour !== 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  return isoDate(Number(m[3]), ENGLISH_MONTHS.indexOf(m[1]!.toLowerCase()), Number(m[2]), hour, Number(m[5]), Number(m[6] ?? 0));
}

function frenchDate(text: string): string | undefined {
  const m = /^(?:[a-zé]+\s+)?(\d{1,2})(?:er)?\s+([a-zéû]+)\s+(\d{4})(?:\s+(?:à\s+)?(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$/i.exec(text);
  if (!m) return undefined;
  const month = FRENCH_MONTHS.indexOf(m[2]!.toLowerCase().normalize('NFC'));
  return isoDate(Number(m[3]), month, Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
}

/** `YYYY-MM-DDTHH:MM:SS`, or undefined when a part is out of range (February 30 is not a date). */
function isoDate(year: number, monthIndex: number, day: number, hour: number, minute: number, second: number): string | undefined {
  if (monthIndex < 0 || hour > 23 || minute > 59 || second > 59) return undefined;
  const check = new Date(Date.UTC(year, monthIndex, day));
  if (check.getUTCMonth() !== monthIndex || check.getUTCDate() !== day) return undefined;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${two(monthIndex + 1)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}`;
}
