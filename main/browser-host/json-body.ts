import { isAscii } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { nextTurn } from '../core/in-pieces.js';

/** Strings longer than this (in bytes) are cut out of the body before it is parsed, and read on their own. */
const LONG_STRING_BYTES = 64 * 1024;
/** Characters of a long string checked per turn of the event loop. */
const PIECE_CHARS = 4 * 1024 * 1024;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const CONTROL = /[\u0000-\u001f]/;

/**
 * Parses a request body as JSON, as JSON.parse(body.toString('utf8'))
 * would (the same value, and a SyntaxError for the same bodies), without
 * holding the thread for long: parsing the 65 MB body of a 49 MB import in
 * one go took the browser host ~90 ms. Long strings (the pieces of a file's
 * base64) are cut out and the rest, now small, is parsed; each long string
 * is read from its bytes, on a turn of its own, and checked for what JSON
 * forbids in a string a piece at a time.
 */
export async function parseJSONBody(body: Buffer): Promise<unknown> {
  const nonce = randomBytes(16).toString('hex');
  const long = new Map<string, string>();
  const skeleton: Buffer[] = [];
  let copied = 0;
  for (let open = body.indexOf(QUOTE); open >= 0; ) {
    const close = closingQuote(body, open);
    if (close < 0) break; // unterminated: the parse below refuses it
    if (close - open - 1 > LONG_STRING_BYTES && !isKey(body, close)) {
      const stand = `${nonce}:${long.size}`;
      if (long.size > 0) await nextTurn(); // a file's base64 is many long strings: one a turn
      long.set(stand, await longString(body, open, close));
      skeleton.push(body.subarray(copied, open), Buffer.from(`"${stand}"`));
      copied = close + 1;
    }
    open = body.indexOf(QUOTE, close + 1);
  }
  skeleton.push(body.subarray(copied));
  const text = Buffer.concat(skeleton).toString('utf8');
  if (long.size === 0) return JSON.parse(text);
  // A reviver puts values back as JSON.parse does (own properties, even one named __proto__).
  return JSON.parse(text, (_key, value: unknown) => (typeof value === 'string' && long.has(value) ? long.get(value) : value));
}

/** Whether the string ending at `close` is an object's key (a colon follows it): keys are left to JSON.parse. */
function isKey(body: Buffer, close: number): boolean {
  let at = close + 1;
  while (body[at] === 0x20 || body[at] === 0x09 || body[at] === 0x0a || body[at] === 0x0d) at++;
  return body[at] === 0x3a;
}

/** The quote that ends the string opened at `open` (one not escaped by an odd number of backslashes), or -1. */
function closingQuote(body: Buffer, open: number): number {
  for (let at = body.indexOf(QUOTE, open + 1); at >= 0; at = body.indexOf(QUOTE, at + 1)) {
    let backslashes = 0;
    while (body[at - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return -1;
}

/** The string literal body[open..close] as JSON reads it; a SyntaxError where JSON would refuse it. */
async function longString(body: Buffer, open: number, close: number): Promise<string> {
  const inner = body.subarray(open + 1, close);
  // Escapes are rare in a long string (base64 has none): those are read by JSON itself.
  if (inner.includes(BACKSLASH)) return JSON.parse(body.toString('utf8', open, close + 1)) as string;
  // Read a piece at a time: decoding the 65 MB of a large import's base64 at once held the thread ~40 ms.
  // A piece of plain ASCII (all of base64) is read as such; a string with other characters is read whole,
  // since a piece boundary could fall inside one of them.
  const pieces: string[] = [];
  for (let at = 0; at < inner.length; at += PIECE_CHARS) {
    if (at > 0) await nextTurn();
    const bytes = inner.subarray(at, at + PIECE_CHARS);
    if (!isAscii(bytes)) return checked(inner.toString('utf8'));
    const piece = bytes.toString('latin1');
    if (CONTROL.test(piece)) throw new SyntaxError('Bad control character in string literal');
    pieces.push(piece);
  }
  return pieces.join('');
}

/** `text`, when JSON allows it in a string (no raw control character). */
function checked(text: string): string {
  if (CONTROL.test(text)) throw new SyntaxError('Bad control character in string literal');
  return text;
}
