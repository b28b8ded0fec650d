import { createHash } from 'node:crypto';

/**
 * The framing of every append-only journal line the library writes (the
 * store's journal, sync records): `<json>\t<8 hex digits of its sha256>\n`.
 * Each line stands on its own checksum, so a damaged line is found and the
 * lines around it are kept.
 */
const checksum = (json: string): string => createHash('sha256').update(json).digest('hex').slice(0, 8);

/** A value as one checked line, with its newline. */
export function checkedLine(value: unknown): string {
  const json = JSON.stringify(value);
  return `${json}\t${checksum(json)}\n`;
}

/** The JSON text of a line (without its newline) whose checksum holds, or null. */
export function checkedJSON(line: string): string | null {
  const tab = line.lastIndexOf('\t');
  if (tab <= 0) return null;
  const json = line.slice(0, tab);
  return checksum(json) === line.slice(tab + 1) ? json : null;
}
