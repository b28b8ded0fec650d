/**
 * Imports a file from disk (menu, "Open with", a second launch) and tells the
 * renderer what happened. Errors become notices, never crashes.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { MarginaliaError, MAX_IMPORT_BYTES, toErrorJSON } from '../../shared/contract/index.js';
import type { Library } from '../core/index.js';
import { importMessage } from '../../shared/import-message.js';
import { sendEvent } from './ipc.js';

/** Reads `filePath`, imports it, and opens the new article in `win`. */
export async function importFromDisk(library: Library, win: BrowserWindow | undefined, filePath: string): Promise<void> {
  const fileName = path.basename(filePath);
  try {
    // Checked before reading so a huge file is never loaded into memory.
    const { size } = await fs.stat(filePath);
    if (size > MAX_IMPORT_BYTES) {
      throw new MarginaliaError('too-large', `${fileName} is larger than ${MAX_IMPORT_BYTES / (1024 * 1024)} MB.`);
    }
    const bytes = await readBytes(filePath, fileName);
    const result = await library.importFile({ fileName, bytes, path: filePath });
    sendEvent(win, { type: 'library-changed', openArticleId: result.summary.id });
    sendEvent(win, { type: 'notice', level: 'info', message: [importMessage(result), ...result.warnings].join(' ') });
  } catch (error) {
    sendEvent(win, { type: 'notice', level: 'error', message: `Could not import ${fileName}: ${toErrorJSON(error).message}` });
  }
}

async function readBytes(filePath: string, fileName: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await fs.readFile(filePath));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file no longer exists' : 'it cannot be read';
    throw new MarginaliaError('not-found', `${fileName} could not be opened: ${reason}.`);
  }
}
