/**
 * Work done a piece at a time on a thread that serves windows, so that one
 * large request (the 65 MB of base64 of a 49 MB file, in pieces) never holds it for
 * long: between pieces, the thread's other work runs.
 */
import { base64PiecesBytes } from '../../shared/contract/import-request.js';

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
 * The bytes of a file sent as base64 pieces (checked already: see
 * base64PiecesProblemInPieces), decoded one piece a turn into one buffer.
 */
export async function decodeBase64InPieces(pieces: readonly string[]): Promise<Uint8Array> {
  const bytes = new Uint8Array(base64PiecesBytes(pieces));
  let written = 0;
  for (const [index, piece] of pieces.entries()) {
    if (index > 0) await nextTurn();
    written += Buffer.from(piece, 'base64').copy(bytes, written);
  }
  return bytes;
}
