import { DESCRIPTION, SEPARATOR } from './entries.js';

/** How much of the start of a file is read to tell whether it is a clippings file. */
const HEAD_BYTES = 64 * 1024;

/**
 * Whether a file is a Kindle's `My Clippings.txt`, by what it holds rather
 * than its name: an entry (a title line, then a `- Your …` or `- Votre …`
 * line) at its start or right after a `==========` line near its start,
 * and a `==========` line somewhere. Only the start is decoded, so a large
 * file that is not clippings costs nothing here.
 */
export function isClippingsFile(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, HEAD_BYTES)).replace(/\uFEFF/g, '');
  const lines = head.split(/\r\n|\r|\n/);
  const firstEntry = lines.findIndex((line) => line.trim() !== '');
  const startsEntry = (at: number) => at >= 0 && lines[at]!.trim() !== '' && !SEPARATOR.test(lines[at]!) && DESCRIPTION.test(lines[at + 1] ?? '');
  let found = startsEntry(firstEntry);
  for (let i = 0; !found && i < lines.length - 2; i++) found = SEPARATOR.test(lines[i]!) && startsEntry(i + 1);
  return found && hasSeparator(bytes);
}

function hasSeparator(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = text.indexOf('=========='); at !== -1; at = text.indexOf('==========', at + 1)) {
    const lineStart = at === 0 || text[at - 1] === 0x0a || text[at - 1] === 0x0d || (at >= 3 && text[at - 1] === 0xbf && text[at - 2] === 0xbb && text[at - 3] === 0xef);
    if (lineStart) return true;
  }
  return false;
}
