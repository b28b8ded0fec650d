/**
 * The import worker: parses files on a thread of its own, so that a large
 * web page never stalls the process that serves the windows (Electron's
 * main, or the browser-mode host). Built to dist/main/import-worker.cjs.
 */
import { parentPort } from 'node:worker_threads';
import { MarginaliaError, toErrorJSON } from '../../../shared/contract/errors.js';
import { importContent } from './index.js';
import type { WorkerReply, WorkerRequest } from './in-worker.js';

parentPort?.on('message', ({ id, fileName, bytes, options }: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id, ok: true, content: importContent(fileName, bytes, options) };
  } catch (error) {
    if (!(error instanceof MarginaliaError)) console.error(`[marginalia] importing ${fileName}:`, error);
    reply = { id, ok: false, error: toErrorJSON(error) };
  }
  parentPort?.postMessage(reply);
});
