import { importAddressProblem } from '../../../shared/contract/import-address.js';
import { MarginaliaError } from '../../../shared/contract/errors.js';
import { MAX_IMPORT_BYTES } from '../../../shared/contract/limits.js';
import { readBody } from './body.js';
import { badStatus, cutOff, tooSlow, unreachable } from './failures.js';
import { declaredType, extensionOfBytes, extensionOfType, fileNameFor } from './page-kind.js';

/** Limits of one fetch; the defaults are the app's, tests pass shorter ones. */
export interface FetchOptions {
  /** How long the whole fetch may take, answer and body together, in ms. */
  timeoutMs?: number;
  /** The largest body accepted, in bytes. */
  maxBytes?: number;
}

/** The whole fetch, redirects and body: a page that takes longer is not coming (or is not a page). */
export const FETCH_TIMEOUT_MS = 20_000;
/** Redirects followed before giving up: more than a site moving a page and adding https needs. */
export const MAX_REDIRECTS = 5;
/** The statuses that redirect: the request is made again, as a GET, to the Location. */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Who is asking: a plain name, nothing about the reader or their machine. */
const USER_AGENT = 'Marginalia (offline reader; fetches a page only when its reader asks)';
const ACCEPT = 'text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.8,application/epub+zip;q=0.8';

/** A page fetched for import: its bytes, what they are, and where they came from. */
export interface FetchedPage {
  /** The address asked for (as the URL parser writes it): the article's source. */
  url: string;
  /** Where the redirects ended: relative links resolve against it. */
  finalUrl: string;
  /** Each address a redirect led to, in order; empty when there was none. */
  redirects: string[];
  /** The name to import the bytes as (its extension says how: .html, .xhtml, .txt, .md, .epub). */
  fileName: string;
  bytes: Uint8Array;
  /** The charset the Content-Type header named, if any. */
  charset?: string;
}

/**
 * Fetches the page at `address` for import, and only that page: http(s)
 * only, without cookies, credentials or a referrer; redirects followed by
 * hand (at most MAX_REDIRECTS, each checked as the address was, a loop
 * refused) and recorded; the whole fetch within the time limit and the body
 * within the size limit; the content type checked before the body is read.
 * Nothing is written: every failure is a one-line MarginaliaError.
 */
export async function fetchForImport(address: string, options: FetchOptions = {}): Promise<FetchedPage> {
  const problem = importAddressProblem(address);
  if (problem) throw new MarginaliaError('invalid-request', problem);
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  const url = new URL(address).href;

  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  let host = new URL(url).host;
  try {
    const redirects: string[] = [];
    let current = url;
    for (;;) {
      host = new URL(current).host;
      const response = await fetch(current, {
        redirect: 'manual',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        headers: { 'user-agent': USER_AGENT, accept: ACCEPT },
        signal: deadline.signal,
      }).catch((error: unknown) => {
        throw deadline.signal.aborted ? tooSlow(host, timeoutMs) : unreachable(host, error);
      });
      if (REDIRECTS.has(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        const next = redirectTarget(current, response.headers.get('location'), [url, ...redirects]);
        if (redirects.length === MAX_REDIRECTS) {
          throw new MarginaliaError('not-found', `The address redirects more than ${MAX_REDIRECTS} times (${[url, ...redirects, next].join(' → ')}); Marginalia stops there. Nothing was imported.`);
        }
        redirects.push(next);
        current = next;
        continue;
      }
      if (response.status !== 200 && response.status !== 203) {
        await response.body?.cancel().catch(() => undefined);
        throw badStatus(host, response.status);
      }
      const type = declaredType(response.headers.get('content-type'));
      let named: string | undefined;
      try {
        named = extensionOfType(type);
      } catch (error) {
        // Refused by its type: none of its body is read.
        await response.body?.cancel().catch(() => undefined);
        throw error;
      }
      const bytes = await readBody(response, host, maxBytes).catch((error: unknown) => {
        if (error instanceof MarginaliaError) throw error;
        throw deadline.signal.aborted ? tooSlow(host, timeoutMs) : cutOff(host, error);
      });
      const extension = named ?? extensionOfBytes(bytes, type);
      const charset = extension === 'epub' ? undefined : type.charset;
      return { url, finalUrl: current, redirects, fileName: fileNameFor(current, extension), bytes, ...(charset ? { charset } : {}) };
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Where a redirect leads, checked as the address was; a redirect to an address already visited is a loop. */
function redirectTarget(from: string, location: string | null, visited: readonly string[]): string {
  const fromHost = new URL(from).host;
  if (!location) throw new MarginaliaError('not-found', `${fromHost} answered with a redirect that goes nowhere (no Location). Nothing was imported.`);
  let next: string;
  try {
    next = new URL(location, from).href;
  } catch {
    throw new MarginaliaError('not-found', `${fromHost} redirected to "${location}", which is not an address. Nothing was imported.`);
  }
  const problem = importAddressProblem(next);
  if (problem) throw new MarginaliaError('forbidden', `${fromHost} redirected to ${next}, which Marginalia does not follow: ${problem} Nothing was imported.`);
  if (visited.includes(next)) {
    throw new MarginaliaError('not-found', `The address redirects in a loop (${[...visited.slice(visited.indexOf(next)), next].join(' → ')}). Nothing was imported.`);
  }
  return next;
}
