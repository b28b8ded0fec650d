/**
 * Work done a piece at a time on a thread that serves windows, so that one
 * large request (the 65 MB of base64 of a 49 MB file) never holds it for
 * long: between pieces, the thread's other work runs.
 */
import { BASE64_PIECE_CHARS } from '../../shared/contract/import-request.js';

/** One turn of the event loop for everything else waiting. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs `steps` (a generator that yields between pieces of its work) to its answer, a turn between pieces. */
export async function runInPieces<T>(steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await nextTurn();
  }
}

/**
 * The bytes of canonical base64 `text` (checked already: see
 * base64ProblemInPieces), decoded BASE64_PIECE_CHARS at a time into one
 * buffer of their own.
 */
export async function decodeBase64InPieces(text: string): Promise<Uint8Array> {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let written = 0;
  for (let at = 0; at < text.length; at += BASE64_PIECE_CHARS) {
    if (at > 0) await nextTurn();
    // A piece is a whole number of 4-character groups, so it decodes on its own.
    written += Buffer.from(text.slice(at, at + BASE64_PIECE_CHARS), 'base64').copy(bytes, written);
  }
  return bytes;
}
