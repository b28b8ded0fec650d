import { tooLarge } from './failures.js';

/**
 * Reads an answer's body whole, refusing it as soon as it is known to be
 * larger than `maxBytes`: by its Content-Length before a byte is read (a
 * server may lie, so the bytes are counted too), then by the bytes as they
 * come. A refused body is cancelled, so the connection stops at once.
 * Errors from the stream (the fetch aborted, the connection cut) are
 * thrown as they are, for the caller to name.
 */
export async function readBody(response: Response, host: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(host, maxBytes, declared);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(host, maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
