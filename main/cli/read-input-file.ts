import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { MarginaliaError } from '../../shared/contract/errors.js';
import { MAX_IMPORT_BYTES } from '../../shared/contract/limits.js';

const MB = 1024 * 1024;
/** Read at a time: a file is read in pieces so that one growing while read is stopped at the limit. */
const CHUNK = 1 * MB;
/** Opening never waits: a FIFO swapped in after the check would otherwise block until a writer came. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a file the CLI was given (to import, or to anchor annotations in).
 * What it cannot take is refused before a byte is read, with a one-line
 * reason (`shown` names the file as the user gave it): a folder; anything but a regular file (a FIFO would wait for a writer, a
 * device such as /dev/zero never ends); a file over MAX_IMPORT_BYTES. The
 * file is checked by its path first (opening a FIFO could block), then again
 * on the opened handle (the path may have changed in between).
 */
export async function readInputFile(path: string, shown: string): Promise<Buffer> {
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (error) {
    throw cannotRead(shown, error);
  }
  refuseUnlessImportable(stats, shown);
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    throw cannotRead(shown, error);
  }
  try {
    refuseUnlessImportable(await handle.stat(), shown);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > MAX_IMPORT_BYTES) throw tooLarge(shown, total);
      chunks.push(bytesRead === CHUNK ? chunk : chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    throw error instanceof MarginaliaError ? error : cannotRead(shown, error);
  } finally {
    await handle.close();
  }
}

function refuseUnlessImportable(stats: Stats, shown: string): void {
  if (stats.isDirectory()) throw new MarginaliaError('unsupported-file', `${shown} is a folder, not a file.`);
  if (stats.isFIFO()) throw new MarginaliaError('unsupported-file', `${shown} is a named pipe (FIFO), not a file.`);
  if (stats.isCharacterDevice() || stats.isBlockDevice()) throw new MarginaliaError('unsupported-file', `${shown} is a device, not a file.`);
  if (stats.isSocket()) throw new MarginaliaError('unsupported-file', `${shown} is a socket, not a file.`);
  if (!stats.isFile()) throw new MarginaliaError('unsupported-file', `${shown} is not a file.`);
  if (stats.size > MAX_IMPORT_BYTES) throw tooLarge(shown, stats.size);
}

/** Worded as the importer words it (main/core/import/decode.ts). */
const tooLarge = (shown: string, bytes: number): MarginaliaError =>
  new MarginaliaError('too-large', `${shown} is ${(bytes / MB).toFixed(1)} MB; Marginalia imports files up to ${MAX_IMPORT_BYTES / MB} MB.`);

function cannotRead(shown: string, error: unknown): MarginaliaError {
  const code = (error as NodeJS.ErrnoException).code;
  return new MarginaliaError('not-found', `Cannot read ${shown}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'error')}.`);
}
