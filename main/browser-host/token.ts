import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-marginalia-token';
export const TOKEN_COOKIE = 'marginalia_token';

/** A fresh random token for one run of the browser host. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** The token a request carries: header, cookie or `?token=` query, in that order. */
export function tokenOf(request: IncomingMessage, url: URL): string | null {
  const header = request.headers[TOKEN_HEADER];
  if (typeof header === 'string') return header;
  const cookie = request.headers.cookie
    ?.split(';')
    .map((c) => c.trim().split('='))
    .find(([name]) => name === TOKEN_COOKIE)?.[1];
  if (cookie) return cookie;
  return url.searchParams.get('token');
}

/** Compares tokens in constant time. */
export function tokensMatch(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
