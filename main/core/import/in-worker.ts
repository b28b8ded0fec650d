import { Worker } from 'node:worker_threads';
import { MarginaliaError, type ErrorJSON } from '../../../shared/contract/errors.js';
import type { ImportedContent, ImportOptions } from './imported-content.js';
import { importContent } from './index.js';

/** Reads a file's bytes into an article's content: in this thread, or in a worker. */
export interface Importer {
  import(fileName: string, bytes: Uint8Array, options: ImportOptions): Promise<ImportedContent>;
  /** Stops the worker, if there is one. */
  close(): Promise<void>;
}

/** A message to the import worker. */
export interface WorkerRequest {
  id: number;
  fileName: string;
  bytes: Uint8Array;
  options: ImportOptions;
}

/** The worker's answer to one request. */
export type WorkerReply = { id: number; ok: true; content: ImportedContent } | { id: number; ok: false; error: ErrorJSON };

/** Imports in the calling thread (tests, the CLI: nothing else waits on it). */
export const importInThisThread: Importer = {
  import: async (fileName, bytes, options) => importContent(fileName, bytes, options),
  close: async () => {},
};

/**
 * Imports on a worker thread started from `workerFile` (the built
 * import-worker.cjs) on first use, so parsing a large page leaves this
 * thread free. Errors come back as the same MarginaliaErrors; a worker that
 * dies fails the imports in flight and is started again for the next one.
 */
export function importInWorker(workerFile: string): Importer {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve(content: ImportedContent): void; reject(error: Error): void }>();

  const start = (): Worker => {
    const started = new Worker(workerFile);
    started.unref();
    started.on('message', (reply: WorkerReply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (pending.size === 0) started.unref();
      if (!waiting) return;
      if (reply.ok) waiting.resolve(reply.content);
      else waiting.reject(new MarginaliaError(reply.error.code, reply.error.message));
    });
    const fail = (error: Error) => {
      if (worker === started) worker = undefined;
      for (const waiting of pending.values()) waiting.reject(new MarginaliaError('internal', `The import stopped: ${error.message}`));
      pending.clear();
    };
    started.on('error', fail);
    started.on('exit', (code) => fail(new Error(`the import worker exited (${code})`)));
    return started;
  };

  return {
    import(fileName, bytes, options) {
      worker ??= start();
      worker.ref(); // an import in flight keeps the process alive until it answers
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker!.postMessage({ id, fileName, bytes, options } satisfies WorkerRequest);
      });
    },
    async close() {
      const running = worker;
      worker = undefined;
      await running?.terminate();
    },
  };
}
