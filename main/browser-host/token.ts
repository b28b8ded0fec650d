import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The header the page's own scripts send the token in (API calls and the
 * event stream). A header, unlike a cookie, is never added by the browser on
 * its own: cookies are scoped by host, not port, so a cookie set here would
 * also go to every other server on 127.0.0.1.
 */
export const TOKEN_HEADER = 'x-marginalia-token';

/** A fresh random token for one run of the browser host. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** The token in the request's header, if any. */
export function headerToken(request: IncomingMessage): string | null {
  const header = request.headers[TOKEN_HEADER];
  return typeof header === 'string' ? header : null;
}

/** The token in the `?token=` query: only the reader page itself is opened that way. */
export const queryToken = (url: URL): string | null => url.searchParams.get('token');

/** Compares tokens in constant time. */
export function tokensMatch(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
