import { OPERATIONS, type OperationName } from '../../shared/contract/operations.js';
import type { Result } from '../../shared/contract/errors.js';
import type { AppEvent, MarginaliaApi, Request, Response } from '../../shared/contract/schemas.js';
import { unwrap } from './result.js';

/**
 * What the preload exposes as `window.marginalia`: one function per operation
 * returning a raw Result (errors thrown across contextBridge lose their
 * properties), and an event subscription that returns its disposer.
 */
export type PreloadBridge = {
  [Op in OperationName]: (request: Request<Op>) => Promise<Result<Response<Op>>>;
} & {
  onEvent(listener: (event: AppEvent) => void): () => void;
};

/** The preload's bridge, when the page runs inside Electron. */
export function preloadBridge(): PreloadBridge | undefined {
  return (window as unknown as { marginalia?: PreloadBridge }).marginalia;
}

/** The API over the Electron preload bridge. */
export function electronApi(bridge: PreloadBridge): MarginaliaApi {
  const api: Record<string, unknown> = {};
  for (const op of OPERATIONS) {
    const call = bridge[op] as (request: unknown) => Promise<Result<unknown>>;
    api[op] = async (request: unknown) => unwrap(await call(request));
  }
  api.onEvent = (listener: (event: AppEvent) => void) => bridge.onEvent(listener);
  return api as MarginaliaApi;
}
