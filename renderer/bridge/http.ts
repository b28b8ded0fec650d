import { OPERATIONS } from '../../shared/contract/operations.js';
import { MarginaliaError, type Result } from '../../shared/contract/errors.js';
import type { AppEvent, MarginaliaApi } from '../../shared/contract/schemas.js';
import { unwrap } from './result.js';

/**
 * The API over the browser-mode host: each operation is a POST to /api/<op>
 * carrying the session token, and events arrive as server-sent events.
 */
export function httpApi(token: string): MarginaliaApi {
  const api: Record<string, unknown> = {};
  for (const op of OPERATIONS) {
    api[op] = async (request: unknown) => {
      let response: globalThis.Response;
      try {
        response = await fetch(`/api/${op}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-marginalia-token': token },
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
  api.onEvent = (listener: (event: AppEvent) => void) => subscribe(token, listener);
  return api as MarginaliaApi;
}

function subscribe(token: string, listener: (event: AppEvent) => void): () => void {
  const source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
  source.onmessage = (message: MessageEvent<string>) => {
    let event: AppEvent;
    try {
      event = JSON.parse(message.data) as AppEvent;
    } catch {
      return; // Not an event we understand; ignore it rather than break the page.
    }
    if (event && typeof event === 'object' && typeof event.type === 'string') listener(event);
  };
  return () => source.close();
}
