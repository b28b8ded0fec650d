/**
 * The two fields of an importFile request that the schema cannot check with
 * a length and a pattern alone: the bytes as canonical base64 in pieces (so
 * every file is sent one way, and a stray string is not read as some bytes)
 * and a file name that names one file, not a place.
 */

/** The base64 alphabet without padding, and nothing else (padding, up to two `=`, is taken off the end first). */
const BASE64_ALPHABET = /^[A-Za-z0-9+/]*$/;
/**
 * Characters per piece of a file's base64. A file crosses the contract as
 * pieces of this size (the last one shorter), each checked and decoded on
 * its own turn: the 65 MB of a 49 MB file as one string held the host's
 * thread over 100 ms just to be read into one string (and 240 ms to check).
 * A multiple of 4, so each piece is whole groups of 3 bytes.
 */
export const BASE64_PIECE_CHARS = 4 * 1024 * 1024;
/** Bytes in one piece of BASE64_PIECE_CHARS characters. */
const PIECE_BYTES = (BASE64_PIECE_CHARS / 4) * 3;
/** Bytes turned into a string at a time by toBase64Pieces (spreading more into String.fromCharCode overflows the stack). */
const CHAR_RUN = 4096;
/** Latin-1 text to base64: a global in every runtime this code runs in (browsers, Node ≥ 16), outside ES2022's lib. */
declare const btoa: (latin1: string) => string;
/** The last character before `==` carries 2 significant bits, before `=` 4: the rest must be zero. */
const BEFORE_TWO_PADS = 'AQgw';
const BEFORE_ONE_PAD = 'AEIMQUYcgkosw048';

/**
 * A file's bytes as an importFile request carries them: canonical base64
 * cut into pieces of BASE64_PIECE_CHARS characters, the last one shorter
 * (an empty file is no pieces). The one way to send a file; pure, for the
 * renderer, the tests and the tools alike.
 */
export function toBase64Pieces(bytes: Uint8Array): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < bytes.length; at += PIECE_BYTES) {
    const piece = bytes.subarray(at, at + PIECE_BYTES);
    const runs: string[] = [];
    for (let run = 0; run < piece.length; run += CHAR_RUN) runs.push(String.fromCharCode(...piece.subarray(run, run + CHAR_RUN)));
    pieces.push(btoa(runs.join('')));
  }
  return pieces;
}

/** Bytes that `pieces` (checked already: see base64PiecesProblemInPieces) decode to. */
export function base64PiecesBytes(pieces: readonly string[]): number {
  if (pieces.length === 0) return 0;
  const last = pieces[pieces.length - 1]!;
  const padding = last.endsWith('==') ? 2 : last.endsWith('=') ? 1 : 0;
  return (pieces.length - 1) * PIECE_BYTES + (last.length / 4) * 3 - padding;
}

/**
 * Why `pieces` are not a file as toBase64Pieces sends it (every piece but
 * the last exactly BASE64_PIECE_CHARS characters, the last one not empty,
 * all of it canonical base64), or null when they are.
 */
export function base64PiecesProblem(pieces: readonly string[]): string | null {
  const steps = base64PiecesProblemInPieces(pieces);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * base64PiecesProblem a piece at a time: the generator yields between
 * pieces (so a host can let other work run), and returns the same answer
 * with the same message. A problem in a file of several pieces says which.
 */
export function* base64PiecesProblemInPieces(pieces: readonly string[]): Generator<void, string | null> {
  const where = (index: number) => (pieces.length > 1 ? `piece ${index + 1} of ${pieces.length}: ` : '');
  for (let index = 0; index < pieces.length; index++) {
    if (index > 0) yield;
    const piece = pieces[index]!;
    const last = index === pieces.length - 1;
    if (!last && piece.length !== BASE64_PIECE_CHARS) {
      return `${where(index)}is ${piece.length} characters; every piece but the last is ${BASE64_PIECE_CHARS} (BASE64_PIECE_CHARS)`;
    }
    if (last && piece.length === 0) return `${where(index)}is empty; an empty file is sent as no pieces`;
    const problem = last ? base64Problem(piece) : BASE64_ALPHABET.test(piece) ? null : NOT_BASE64;
    if (problem) return where(index) + problem;
  }
  return null;
}

const NOT_BASE64 = 'not base64: only A-Z, a-z, 0-9, + and /, with = padding only at the end';

/**
 * Why `text` is not canonical base64 (RFC 4648 §3.5: length a multiple of 4,
 * `=` only as the final padding, unused bits zero), or null when it is.
 */
export function base64Problem(text: string): string | null {
  const end = text.length - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
  if (!BASE64_ALPHABET.test(end === text.length ? text : text.slice(0, end))) return NOT_BASE64;
  if (text.length % 4 !== 0) return `not base64: its length (${text.length}) is not a multiple of 4`;
  const unusedBitsSet = text.endsWith('==')
    ? !BEFORE_TWO_PADS.includes(text.charAt(text.length - 3))
    : text.endsWith('=') && !BEFORE_ONE_PAD.includes(text.charAt(text.length - 2));
  return unusedBitsSet ? 'not canonical base64: the bits after the last byte must be zero' : null;
}

/** C0 controls (NUL included), DEL and C1 controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Names like `.`, `..`, `...` or blanks: not a file's name anywhere. */
const ONLY_DOTS_OR_SPACES = /^[\s.]*$/u;

/**
 * Why `name` is not the name of one file (no folder part, nothing that
 * means "here" or "up"), or null when it is. The name is a label for the
 * import; this keeps it from ever being read as a path.
 */
export function fileNameProblem(name: string): string | null {
  if (name.length === 0) return 'the file name is empty';
  if (CONTROL.test(name)) return 'the file name contains a control character (such as NUL)';
  if (/[/\\]/.test(name)) return 'the file name contains a path separator (/ or \\); send the name of the file only';
  if (ONLY_DOTS_OR_SPACES.test(name)) return `"${name}" is not a file name (only dots or spaces)`;
  return null;
}
