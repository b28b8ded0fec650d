/**
 * The lines of a header or footer that carry the export date (`exported: …`).
 * They are Marginalia's bookkeeping: whatever date a file has there (one an
 * earlier export wrote, maybe one whose sync state was lost), the new export's
 * date replaces it, so a changed date is never taken for an edit or a conflict.
 */
export interface Stamp {
  /** What comes before and after the date on the line. */
  prefix: string;
  suffix: string;
  /** The line as the new export writes it. */
  line: string;
}

const MEANINGFUL = /[\p{L}\p{N}]/u;
const LONGEST_DATE = 40;

/**
 * The date lines of `ours`, found by comparing it with the same page rendered
 * with another export date (`probe`): the lines that differ, each kept only
 * when a word before the date says what the line is.
 */
export function stampsOf(ours: readonly string[], probe: readonly string[]): Stamp[] {
  if (ours.length !== probe.length) return [];
  const stamps: Stamp[] = [];
  for (const [i, line] of ours.entries()) {
    const other = probe[i]!;
    if (line === other) continue;
    let head = 0;
    while (head < line.length && head < other.length && line[head] === other[head]) head++;
    let tail = 0;
    while (tail < line.length - head && tail < other.length - head && line[line.length - 1 - tail] === other[other.length - 1 - tail]) tail++;
    const prefix = line.slice(0, head);
    if (MEANINGFUL.test(prefix)) stamps.push({ prefix, suffix: line.slice(line.length - tail), line });
  }
  return stamps;
}

/** `lines` with every date line written as the new export writes it. */
export function restamp(lines: readonly string[], stamps: readonly Stamp[]): string[] {
  if (stamps.length === 0) return [...lines];
  return lines.map((line) => stamps.find((s) => isStamp(line, s))?.line ?? line);
}

function isStamp(line: string, { prefix, suffix }: Stamp): boolean {
  if (!line.startsWith(prefix) || !line.endsWith(suffix)) return false;
  const date = line.slice(prefix.length, line.length - suffix.length);
  return line.length >= prefix.length + suffix.length && date.length <= LONGEST_DATE && /\d/.test(date);
}
