/**
 * The two fields of an importFile request that the schema cannot check with
 * a length and a pattern alone: the bytes as canonical base64 (so every
 * string decodes one way, and a stray string is not read as some bytes) and
 * a file name that names one file, not a place.
 */

/** The base64 alphabet without padding, and nothing else (padding, up to two `=`, is taken off the end first). */
const BASE64_ALPHABET = /^[A-Za-z0-9+/]*$/;
/**
 * Characters checked per piece: 4 MiB take a few ms, where checking the
 * 65 MB of a 49 MB file in one go held its thread 240 ms.
 */
export const BASE64_PIECE_CHARS = 4 * 1024 * 1024;
/** The last character before `==` carries 2 significant bits, before `=` 4: the rest must be zero. */
const BEFORE_TWO_PADS = 'AQgw';
const BEFORE_ONE_PAD = 'AEIMQUYcgkosw048';

/**
 * Why `text` is not canonical base64 (RFC 4648 §3.5: length a multiple of 4,
 * `=` only as the final padding, unused bits zero), or null when it is.
 */
export function base64Problem(text: string): string | null {
  const pieces = base64ProblemInPieces(text);
  for (;;) {
    const step = pieces.next();
    if (step.done) return step.value;
  }
}

/**
 * base64Problem, checked BASE64_PIECE_CHARS at a time: the generator
 * yields between pieces (so a host can let other work run), and returns
 * the same answer with the same message.
 */
export function* base64ProblemInPieces(text: string): Generator<void, string | null> {
  const end = text.length - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
  for (let at = 0; at < end; at += BASE64_PIECE_CHARS) {
    if (at > 0) yield;
    if (!BASE64_ALPHABET.test(text.slice(at, Math.min(end, at + BASE64_PIECE_CHARS)))) {
      return 'not base64: only A-Z, a-z, 0-9, + and /, with = padding only at the end';
    }
  }
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
