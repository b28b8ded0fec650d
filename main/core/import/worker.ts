/**
 * The import worker: parses files on a thread of its own, so that a large
 * web page never stalls the process that serves the windows (Electron's
 * main, or the browser-mode host), and so that an import that runs too long
 * or needs too much memory can be stopped by ending the thread. It also
 * does what the library would otherwise do with the result on that thread
 * (see prepareImport). Built to dist/main/import-worker.cjs.
 */
import { parentPort } from 'node:worker_threads';
import { MarginaliaError, toErrorJSON } from '../../../shared/contract/errors.js';
import type { DocumentJSON } from '../../../shared/model.js';
import { prepareImport } from './prepared.js';
import type { HostMessage, WorkerMessage } from './worker-messages.js';

/**
 * Blocks sent per message. The host reads each message in one go: 1,000
 * blocks of a book take it a few ms, where War and Peace's text repeated to
 * 49 MB (170,000 blocks) in one message held it for 350 ms.
 */
const BLOCKS_PER_MESSAGE = 1000;
/** Characters of the article text sent per message: copying a million takes the host well under a ms. */
const TEXT_PER_MESSAGE = 1_000_000;

/** What of the last import is not yet sent. */
let unsent: { id: number; blocks: DocumentJSON[]; at: number; text: string; textAt: number } | undefined;

const send = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(message, transfer);

/** Takes the next part of the unsent blocks and text; `more` says whether any are left after it. */
function nextPart(): { blocks: DocumentJSON[]; text: string; more: boolean } {
  const part = unsent!;
  const blocks = part.blocks.slice(part.at, part.at + BLOCKS_PER_MESSAGE);
  const text = part.text.slice(part.textAt, part.textAt + TEXT_PER_MESSAGE);
  part.at += blocks.length;
  part.textAt += text.length;
  const more = part.at < part.blocks.length || part.textAt < part.text.length;
  if (!more) unsent = undefined;
  return { blocks, text, more };
}

parentPort?.on('message', (message: HostMessage) => {
  if (message.kind === 'more') {
    if (unsent?.id === message.id) send({ kind: 'blocks', id: message.id, ...nextPart() });
    return;
  }
  const { id, fileName, bytes, options } = message;
  send({ kind: 'started', id });
  try {
    const { content, text, contentHash, documentJSON } = prepareImport(fileName, bytes, options);
    unsent = { id, blocks: content.document.content ?? [], at: 0, text, textAt: 0 };
    const first = nextPart();
    const head = content.document.content ? { ...content, document: { ...content.document, content: first.blocks } } : content;
    const imported: WorkerMessage = { kind: 'imported', id, content: head, contentHash, documentJSON, text: first.text, more: first.more };
    send(imported, [documentJSON.buffer as ArrayBuffer]);
  } catch (error) {
    unsent = undefined;
    if (!(error instanceof MarginaliaError)) console.error(`[marginalia] importing ${fileName}:`, error);
    send({ kind: 'failed', id, error: toErrorJSON(error) });
  }
});
