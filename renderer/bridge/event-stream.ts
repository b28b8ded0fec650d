import type { AppEvent } from '../../shared/contract/schemas.js';

/** How long to wait before reconnecting a dropped event stream (the host restarting, a sleep). */
const RECONNECT_DELAY_MS = 1000;

/**
 * Follows the browser-mode host's server-sent events at `/events`. Read with
 * fetch rather than EventSource because EventSource cannot send headers:
 * the token then goes in a header, as for every API call, and never in a
 * URL or a cookie. Returns the function that stops listening.
 */
export function followEvents(tokenHeaders: Record<string, string>, listener: (event: AppEvent) => void): () => void {
  const stop = new AbortController();
  const connect = async (): Promise<void> => {
    while (!stop.signal.aborted) {
      try {
        const response = await fetch('/events', { headers: tokenHeaders, signal: stop.signal, cache: 'no-store' });
        if (response.ok && response.body) await readEvents(response.body, listener);
      } catch {
        // Dropped or refused: tried again below, unless we were stopped.
      }
      if (!stop.signal.aborted) await new Promise((resolve) => setTimeout(resolve, RECONNECT_DELAY_MS));
    }
  };
  void connect();
  return () => stop.abort();
}

/** Reads `text/event-stream` messages until the stream ends, passing on each event's data. */
async function readEvents(body: ReadableStream<Uint8Array>, listener: (event: AppEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    pending += decoder.decode(value, { stream: true });
    const messages = pending.split(/\r?\n\r?\n/);
    pending = messages.pop() ?? '';
    for (const message of messages) {
      const data = message
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice('data:'.length).replace(/^ /, ''))
        .join('\n');
      if (data) deliver(data, listener);
    }
  }
}

function deliver(data: string, listener: (event: AppEvent) => void): void {
  let event: AppEvent;
  try {
    event = JSON.parse(data) as AppEvent;
  } catch {
    return; // Not an event we understand; ignore it rather than break the page.
  }
  if (event && typeof event === 'object' && typeof event.type === 'string') listener(event);
}
