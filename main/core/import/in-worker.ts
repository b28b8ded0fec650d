import { MarginaliaError } from '../../../shared/contract/errors.js';
import { nextTurn } from '../in-pieces.js';
import type { ImportOptions } from './imported-content.js';
import { ImportThread } from './import-thread.js';
import { prepareImport, type PreparedImport } from './prepared.js';

/** Reads a file's bytes into an article's content, ready to store (see prepareImport): in this thread, or in a worker. */
export interface Importer {
  import(fileName: string, bytes: Uint8Array, options: ImportOptions): Promise<PreparedImport>;
  /** Stops the worker, if there is one. */
  close(): Promise<void>;
}

/** What one import on the worker may use before it is stopped. */
export interface ImportLimits {
  /** How long one import may run, in ms, counted from when the worker begins it. */
  timeLimitMs: number;
  /** How much heap (V8's old generation, in MB) the worker may use. */
  memoryLimitMb: number;
}

/**
 * The app's limits. The largest file accepted (50 MB of HTML) took 8–15 s
 * and about 500 MB of heap to import on a loaded 2-core machine (it fails
 * below 512 MB and crawls at 512); four times that time and three times that
 * memory mean an import that is stuck or running away, not a slow machine.
 */
export const IMPORT_LIMITS: ImportLimits = { timeLimitMs: 60_000, memoryLimitMb: 1536 };

/** Bytes copied per turn of the event loop when handing a file to the worker (a few ms each). */
const COPY_SLICE_BYTES = 4 * 1024 * 1024;

/** Imports in the calling thread (tests, the CLI: nothing else waits on it). No limits apply. */
export const importInThisThread: Importer = {
  import: async (fileName, bytes, options) => prepareImport(fileName, bytes, options),
  close: async () => {},
};

/**
 * Imports on a worker thread started from `workerFile` (the built
 * import-worker.cjs) on first use, so parsing a large page leaves this
 * thread free. One import runs at a time; the others wait their turn. An
 * import that goes past `limits` (IMPORT_LIMITS unless given) is stopped
 * with a clear MarginaliaError ('timed-out' for time, 'too-large' for
 * memory), as is one whose worker dies; the worker is replaced for the next
 * import. Other errors come back as the same MarginaliaErrors as in-thread.
 */
export function importInWorker(workerFile: string, limits: Partial<ImportLimits> = {}): Importer {
  const { timeLimitMs, memoryLimitMb } = { ...IMPORT_LIMITS, ...limits };
  let thread: ImportThread | undefined;
  let turn: Promise<unknown> = Promise.resolve();
  let closed = false;
  const refuseWhenClosed = (fileName: string) => {
    if (closed) throw new MarginaliaError('cancelled', `Importing ${fileName} was stopped: Marginalia is closing.`);
  };

  return {
    import(fileName, bytes, options) {
      const imported = turn.then(async () => {
        // An import still waiting its turn when the importer closed starts no worker.
        refuseWhenClosed(fileName);
        const own = await copyForTransfer(bytes);
        refuseWhenClosed(fileName);
        if (!thread || thread.stopped) thread = new ImportThread(workerFile, memoryLimitMb);
        return thread.run({ fileName, bytes: own, options }, timeLimitMs);
      });
      turn = imported.catch(() => undefined);
      return imported;
    },
    async close() {
      closed = true;
      const running = thread;
      thread = undefined;
      await running?.close();
    },
  };
}

/**
 * A copy of `bytes` in a buffer of its own, to hand over to the worker
 * without copying it again, made a slice at a time: cloning a 50 MB file
 * into a message held this thread for 90 ms.
 */
async function copyForTransfer(bytes: Uint8Array): Promise<Uint8Array> {
  const copy = new Uint8Array(bytes.length);
  for (let at = 0; at < bytes.length; at += COPY_SLICE_BYTES) {
    if (at > 0) await nextTurn();
    copy.set(bytes.subarray(at, at + COPY_SLICE_BYTES), at);
  }
  return copy;
}
