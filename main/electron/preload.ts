/**
 * The bridge the sandboxed page sees as `window.marginalia`: one function per
 * contract operation and `onEvent`. Only plain JSON crosses it, and the page
 * never gets `ipcRenderer` itself.
 *
 * Each function resolves to the raw `Result` ({ ok, value } | { ok: false,
 * error }) rather than throwing: an Error thrown across contextBridge keeps
 * only its message, so the error `code` the UI acts on would be lost. The
 * renderer unwraps the Result into a value or a MarginaliaError.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// Values come only from operations.ts: the sandboxed preload must not bundle zod.
import { channelOf, EVENT_CHANNEL, OPERATIONS, type OperationName } from '../../shared/contract/operations.js';
import type { Result } from '../../shared/contract/errors.js';
import type { AppEvent, Request, Response } from '../../shared/contract/schemas.js';

/** What `window.marginalia` holds in the Electron host. */
export type BridgeApi = {
  [Op in OperationName]: (request: Request<Op>) => Promise<Result<Response<Op>>>;
} & {
  /** Subscribes to main → renderer events; returns the function that unsubscribes. */
  onEvent(listener: (event: AppEvent) => void): () => void;
};

const operations = Object.fromEntries(
  OPERATIONS.map((op) => [op, (request: unknown) => ipcRenderer.invoke(channelOf(op), request ?? {})]),
);

const api = {
  ...operations,
  onEvent(listener: (event: AppEvent) => void): () => void {
    // The IPC event object is not passed on: it carries a reference to ipcRenderer.
    const forward = (_event: IpcRendererEvent, appEvent: AppEvent) => listener(appEvent);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
} as BridgeApi;

contextBridge.exposeInMainWorld('marginalia', api);
