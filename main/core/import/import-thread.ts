import { Worker } from 'node:worker_threads';
import { MarginaliaError } from '../../../shared/contract/errors.js';
import type { DocumentJSON } from '../../../shared/model.js';
import type { ImportOptions } from './imported-content.js';
import type { PreparedImport } from './prepared.js';
import type { HostMessage, WorkerMessage } from './worker-messages.js';

/** The import a thread is doing, and how to answer whoever waits for it. */
interface Running {
  id: number;
  fileName: string;
  timeLimitMs: number;
  timer?: NodeJS.Timeout;
  /** The prepared import, while its blocks and text are still arriving. */
  prepared?: PreparedImport;
  blocks?: DocumentJSON[];
  resolve(prepared: PreparedImport): void;
  reject(error: Error): void;
}

/**
 * One import worker thread, doing one import at a time. Its heap is capped
 * at `memoryLimitMb`; each import may take `timeLimitMs` from when the
 * worker begins it. A thread that goes past either limit, crashes or exits
 * is ended and marked `stopped`, and its import fails with a clear
 * MarginaliaError: start another thread for the next import.
 */
export class ImportThread {
  private readonly worker: Worker;
  private running: Running | undefined;
  private nextId = 1;
  /** True once the thread has ended; it does no more imports. */
  stopped = false;

  constructor(workerFile: string, memoryLimitMb: number) {
    this.worker = new Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb } });
    this.worker.unref(); // an idle worker never keeps the process alive
    this.worker.on('message', (message: WorkerMessage) => this.receive(message));
    this.worker.on('error', (error: Error & { code?: string }) => {
      const running = this.running;
      const why =
        running && error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new MarginaliaError('too-large', `${running.fileName} needs more than ${memoryLimitMb} MB of memory to import, so the import was stopped.`)
          : new MarginaliaError('internal', `The import stopped: ${error.message}`);
      this.stop(why);
    });
    this.worker.on('exit', (code) => this.stop(new MarginaliaError('internal', `The import stopped: the import worker exited (${code}).`)));
  }

  /** Imports `request.bytes`, whose buffer is handed over to the worker (the caller must not use it again). */
  run(request: { fileName: string; bytes: Uint8Array; options: ImportOptions }, timeLimitMs: number): Promise<PreparedImport> {
    if (this.stopped) return Promise.reject(new MarginaliaError('internal', 'The import worker has stopped.'));
    if (this.running) return Promise.reject(new MarginaliaError('internal', 'The import worker is busy.'));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.running = { id, fileName: request.fileName, timeLimitMs, resolve, reject };
      this.worker.ref(); // an import in flight keeps the process alive until it answers
      this.send({ kind: 'import', id, ...request }, [request.bytes.buffer as ArrayBuffer]);
    });
  }

  /** Ends the thread; an import in flight fails as cancelled. */
  async close(): Promise<void> {
    const running = this.running;
    if (running) this.stop(new MarginaliaError('cancelled', `Importing ${running.fileName} was stopped: Marginalia is closing.`));
    this.stopped = true;
    await this.worker.terminate();
  }

  private receive(message: WorkerMessage): void {
    const running = this.running;
    if (!running || message.id !== running.id) return;
    switch (message.kind) {
      case 'started':
        running.timer = setTimeout(() => this.tooSlow(running), running.timeLimitMs);
        return;
      case 'failed':
        this.settle();
        running.reject(new MarginaliaError(message.error.code, message.error.message));
        return;
      case 'imported': {
        clearTimeout(running.timer); // imported in time; what is left is reading its blocks and text
        const { content, contentHash, documentJSON, text } = message;
        running.prepared = { content, contentHash, documentJSON, text };
        running.blocks = [...(content.document.content ?? [])];
        break;
      }
      case 'blocks':
        running.blocks!.push(...message.blocks);
        // Joined as a rope: no copying here; the text is flattened when first read.
        running.prepared!.text += message.text;
        break;
    }
    if (message.more) {
      // Ask for the next part once this thread has had a turn at its other work.
      setImmediate(() => this.running === running && this.send({ kind: 'more', id: running.id }));
      return;
    }
    this.settle();
    const prepared = running.prepared!;
    const { content } = prepared;
    running.resolve(message.kind === 'imported' ? prepared : { ...prepared, content: { ...content, document: { ...content.document, content: running.blocks! } } });
  }

  private send(message: HostMessage, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  /** The import went past its time limit: the only way to stop it is to end the thread. */
  private tooSlow(running: Running): void {
    this.stop(new MarginaliaError('timed-out', `${running.fileName} took longer than ${seconds(running.timeLimitMs)} to import, so the import was stopped.`));
    void this.worker.terminate();
  }

  /** Marks the thread ended and fails the import in flight, if any, with `why`. */
  private stop(why: MarginaliaError): void {
    this.stopped = true;
    const running = this.running;
    if (!running) return;
    this.settle();
    running.reject(why);
  }

  private settle(): void {
    clearTimeout(this.running?.timer);
    this.running = undefined;
    this.worker.unref();
  }
}

/** 60000 → "60 seconds", 500 → "0.5 seconds". */
function seconds(ms: number): string {
  const s = ms / 1000;
  return `${s.toLocaleString('en')} second${s === 1 ? '' : 's'}`;
}
