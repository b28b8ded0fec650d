import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onCleanup } from './temp.js';

/** One request the server got: its path (with query) and headers, as they arrived. */
export interface SeenRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A web server on 127.0.0.1 (a random port) that answers only the routes a
 * test gives it (anything else is 404) and keeps every request it got, to
 * check what a fetch asked for and what it never asked for.
 */
export interface PageServer {
  origin: string;
  /** The address of `path` on this server. */
  url(path: string): string;
  /** Answers `path` (exactly, query included) with `route`. */
  route(path: string, route: Route): void;
  /** Every request, in the order they came. */
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** Starts a page server, closed (its connections cut, endless answers too) after the test. */
export async function startPageServer(): Promise<PageServer> {
  const routes = new Map<string, Route>();
  const requests: SeenRequest[] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ path, headers: request.headers });
    const route = routes.get(path);
    if (route) route(request, response);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
  });
  const port = await listen(server);
  const origin = `http://127.0.0.1:${port}`;
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  onCleanup(close);
  return { origin, url: (path) => `${origin}${path}`, route: (path, route) => void routes.set(path, route), requests, close };
}

/** A port on 127.0.0.1 that nothing listens on: one the system just gave out, closed again. */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Answers with these bytes (or text) and this Content-Type. */
export const page =
  (body: string | Uint8Array, contentType: string, headers: Record<string, string> = {}): Route =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers }).end(body);
  };

/** Redirects with this status to `location`. */
export const redirect =
  (status: number, location: string, headers: Record<string, string> = {}): Route =>
  (_request, response) => {
    response.writeHead(status, { location, ...headers }).end();
  };

/** Answers with a status and a short text. */
export const status =
  (code: number): Route =>
  (_request, response) => {
    response.writeHead(code, { 'content-type': 'text/plain' }).end(`status ${code}`);
  };

/**
 * An HTML page whose body comes a byte every `everyMs` (the head at once):
 * `bytes` of them, or without end when not given. The drip stops when the
 * client goes away.
 */
export const drip =
  (everyMs: number, bytes = Number.POSITIVE_INFINITY): Route =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.write('<!doctype html><title>Slow</title><p>');
    let sent = 0;
    const timer = setInterval(() => {
      if (response.destroyed || sent >= bytes) {
        clearInterval(timer);
        if (!response.destroyed) response.end('</p>');
        return;
      }
      response.write('.');
      sent++;
    }, everyMs);
    response.on('close', () => clearInterval(timer));
  };

/**
 * An HTML body of `bytes` bytes written as fast as the client takes it, with
 * `contentLength` as its Content-Length header (a lie, when it differs) or
 * none (chunked). Stops writing when the client goes away.
 */
export const flood =
  (bytes: number, contentLength?: number): Route =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', ...(contentLength !== undefined && { 'content-length': String(contentLength) }) });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const more = () => {
      while (sent < bytes && !response.destroyed) {
        const size = Math.min(chunk.length, bytes - sent);
        sent += size;
        if (!response.write(size === chunk.length ? chunk : chunk.subarray(0, size))) return void response.once('drain', more);
      }
      if (!response.destroyed) response.end();
    };
    response.on('error', () => undefined);
    more();
  };
