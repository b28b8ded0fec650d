import { OPERATIONS } from '../../shared/contract/operations.js';
import { MarginaliaError, type Result } from '../../shared/contract/errors.js';
import type { AppEvent, MarginaliaApi } from '../../shared/contract/schemas.js';
import { followEvents } from './event-stream.js';
import { unwrap } from './result.js';

/**
 * The API over the browser-mode host: each operation is a POST to /api/<op>
 * carrying the session token in a header, and events arrive as server-sent
 * events read with the same header. The token never goes into a cookie
 * (which the browser would also send to other ports of 127.0.0.1).
 */
export function httpApi(token: string): MarginaliaApi {
  const tokenHeaders = { 'x-marginalia-token': token };
  const api: Record<string, unknown> = {};
  for (const op of OPERATIONS) {
    api[op] = async (request: unknown) => {
      let response: globalThis.Response;
      try {
        response = await fetch(`/api/${op}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...tokenHeaders },
          body: JSON.stringify(request ?? {}),
        });
      } catch {
        throw new MarginaliaError('internal', 'Marginalia could not reach its local host. Is it still running?');
      }
      let result: Result<unknown>;
      try {
        result = (await response.json()) as Result<unknown>;
      } catch {
        throw new MarginaliaError('internal', `The local host answered ${response.status} without a result.`);
      }
      return unwrap(result);
    };
  }
  api.onEvent = (listener: (event: AppEvent) => void) => followEvents(tokenHeaders, listener);
  return api as MarginaliaApi;
}
