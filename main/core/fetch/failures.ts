import { STATUS_CODES } from 'node:http';
import { MarginaliaError } from '../../../shared/contract/errors.js';

/**
 * The one-line errors a fetch ends with, in the reader's words. Every one
 * says that nothing was imported, so the reader knows the library is as it
 * was. A page that cannot be got (unreachable, or answered with an error
 * status) is 'not-found': there is no code closer to "not there for us".
 */

/** What the network layer says went wrong (Node's socket and DNS codes, undici's own, TLS's), in words. */
const REASONS = new Map<string, string>([
  ['ECONNREFUSED', 'the connection was refused (nothing answers at that address)'],
  ['ENOTFOUND', 'no server has that name, or this computer is offline'],
  ['EAI_AGAIN', 'its name could not be looked up; is this computer offline?'],
  ['EAI_NONAME', 'no server has that name, or this computer is offline'],
  ['ENETUNREACH', 'the network cannot reach it; is this computer offline?'],
  ['EHOSTUNREACH', 'the network cannot reach it; is this computer offline?'],
  ['ENETDOWN', 'the network is down'],
  ['ECONNRESET', 'the connection was cut'],
  ['EPIPE', 'the connection was cut'],
  ['ETIMEDOUT', 'the connection timed out'],
  ['UND_ERR_CONNECT_TIMEOUT', 'the connection timed out'],
  ['UND_ERR_SOCKET', 'the connection was closed'],
  ['UND_ERR_HEADERS_OVERFLOW', 'it answered with headers too large to read'],
  ['HPE_INVALID_CONSTANT', 'it did not answer in HTTP'],
  ['DEPTH_ZERO_SELF_SIGNED_CERT', 'its certificate could not be verified (it is self-signed)'],
  ['SELF_SIGNED_CERT_IN_CHAIN', 'its certificate could not be verified (a self-signed certificate in the chain)'],
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'its certificate could not be verified'],
  ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'its certificate could not be verified'],
  ['CERT_HAS_EXPIRED', 'its certificate has expired'],
  ['ERR_TLS_CERT_ALTNAME_INVALID', 'its certificate is for another name'],
]);

/** The innermost cause of a failed fetch, as Node and undici nest them. */
function rootCause(error: unknown): { code?: string; message?: string } {
  let cause = error as { code?: string; message?: string; cause?: unknown };
  while (cause && typeof cause === 'object' && cause.cause && typeof cause.cause === 'object') cause = cause.cause as typeof cause;
  return cause ?? {};
}

/** A fetch that never got an answer from `host`. */
export function unreachable(host: string, error: unknown): MarginaliaError {
  const { code, message } = rootCause(error);
  const reason =
    (code && REASONS.get(code)) ??
    // The fetch standard's blocked ports (SMTP, SSH, …): other services, never a page.
    (message === 'bad port' ? 'that port belongs to another kind of service, which is never fetched from' : undefined) ??
    (code ? `${message ?? 'no answer'} (${code})` : (message ?? 'no answer'));
  return new MarginaliaError('not-found', `Could not reach ${host}: ${reason}. Nothing was imported.`);
}

/** An answer whose body stopped coming before its end. */
export function cutOff(host: string, error: unknown): MarginaliaError {
  const { code, message } = rootCause(error);
  const reason = (code && REASONS.get(code)) ?? message ?? 'the connection was closed';
  return new MarginaliaError('not-found', `The page from ${host} stopped before its end: ${reason}. Nothing was imported.`);
}

/** An answer with an error status (4xx, 5xx) or another status that is not a page. */
export function badStatus(host: string, status: number): MarginaliaError {
  const name = STATUS_CODES[status];
  return new MarginaliaError('not-found', `${host} answered ${status}${name ? ` ${name}` : ''}: no page to import. Nothing was imported.`);
}

/** The whole fetch (answer and body) took longer than it may. */
export function tooSlow(host: string, timeoutMs: number): MarginaliaError {
  return new MarginaliaError('timed-out', `${host} did not send the whole page within ${seconds(timeoutMs)}. Nothing was imported.`);
}

/** A body larger than the import limit, said before (Content-Length) or found while it came. */
export function tooLarge(host: string, maxBytes: number, declaredBytes?: number): MarginaliaError {
  const size = declaredBytes === undefined ? 'more than' : `${megabytes(declaredBytes)}, more than`;
  return new MarginaliaError('too-large', `The page from ${host} is ${size} the ${megabytes(maxBytes)} import limit. Nothing was imported.`);
}

const seconds = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);
const megabytes = (bytes: number): string => {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
};
