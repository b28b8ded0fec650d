/**
 * The import worker: parses files on a thread of its own, so that a large
 * web page never stalls the process that serves the windows (Electron's
 * main, or the browser-mode host), and so that an import that runs too long
 * or needs too much memory can be stopped by ending the thread.
 * Built to dist/main/import-worker.cjs.
 */
import { parentPort } from 'node:worker_threads';
import { MarginaliaError, toErrorJSON } from '../../../shared/contract/errors.js';
import type { DocumentJSON } from '../../../shared/model.js';
import { importContent } from './index.js';
import type { HostMessage, WorkerMessage } from './worker-messages.js';

/**
 * Blocks sent per message. The host reads each message in one go: 1,000
 * blocks of a book take it a few ms, where War and Peace's text repeated to
 * 49 MB (170,000 blocks) in one message held it for 350 ms.
 */
const BLOCKS_PER_MESSAGE = 1000;

/** The blocks of the last import not yet sent. */
let unsent: { id: number; blocks: DocumentJSON[]; at: number } | undefined;

const send = (message: WorkerMessage) => parentPort?.postMessage(message);

function sendMore(id: number): void {
  if (!unsent || unsent.id !== id) return;
  const blocks = unsent.blocks.slice(unsent.at, unsent.at + BLOCKS_PER_MESSAGE);
  unsent.at += blocks.length;
  const more = unsent.at < unsent.blocks.length;
  if (!more) unsent = undefined;
  send({ kind: 'blocks', id, blocks, more });
}

parentPort?.on('message', (message: HostMessage) => {
  if (message.kind === 'more') return sendMore(message.id);
  const { id, fileName, bytes, options } = message;
  send({ kind: 'started', id });
  try {
    const content = importContent(fileName, bytes, options);
    const blocks = content.document.content;
    if (!blocks || blocks.length <= BLOCKS_PER_MESSAGE) return send({ kind: 'imported', id, content, more: false });
    unsent = { id, blocks, at: BLOCKS_PER_MESSAGE };
    const first = { ...content, document: { ...content.document, content: blocks.slice(0, BLOCKS_PER_MESSAGE) } };
    send({ kind: 'imported', id, content: first, more: true });
  } catch (error) {
    if (!(error instanceof MarginaliaError)) console.error(`[marginalia] importing ${fileName}:`, error);
    send({ kind: 'failed', id, error: toErrorJSON(error) });
  }
});
