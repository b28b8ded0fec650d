import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy.js';
import type { AppEvent } from '../../shared/contract/schemas.js';
import { MAX_IMPORT_BYTES } from '../../shared/contract/schemas.js';
import { coreHandlers, dispatch, importInWorker, openLibrary, writeFileDurably } from '../core/index.js';
import { parseJSONBody } from './json-body.js';
import { readRendererFile } from './static-files.js';
import { headerToken, newToken, queryToken, tokensMatch } from './token.js';

/** Where the browser host finds its data and the built renderer. */
export interface BrowserHostOptions {
  dataDir: string;
  rendererDir: string;
  defaultArticlePath?: string;
  version?: string;
  /** The built import worker (dist/main/import-worker.cjs): files are then parsed off the serving thread. */
  importWorker?: string;
}

/** A running browser host. `url` carries the token; open it in a browser. */
export interface BrowserHost {
  url: string;
  token: string;
  port: number;
  /** Sends an event to every open page. */
  broadcast(event: AppEvent): void;
  close(): Promise<void>;
}

/** Largest API request body: a base64 import of the largest file, plus room for the JSON around it. */
const MAX_BODY_BYTES = Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 64 * 1024;

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

/**
 * Serves the reader to a browser, for machines without the Electron binary:
 * 127.0.0.1 only, a random port, and a per-run token. The page is opened
 * with the token in its URL; every API call and the event stream carry it
 * in a header (never a cookie). The API implements the same contract against
 * the same core as the Electron host; no CORS headers are ever sent.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const library = await openLibrary({
    dataDir: options.dataDir,
    defaultArticlePath: options.defaultArticlePath,
    ...(options.importWorker ? { importer: importInWorker(options.importWorker) } : {}),
  });
  const handlers = coreHandlers(library, {
    host: 'browser',
    version: options.version ?? '0.0.0',
    // The page is already in the user's browser: it opens links itself.
    openLink: async () => false,
    // No folder picker here: one folder per layout inside the library's exports folder.
    chooseExportFolder: async (preset) => join(options.dataDir, 'exports', preset),
    // No native dialog here: exports go to the library's exports folder.
    async saveMarkdownExport(articleId) {
      const { fileName, markdown } = await library.exportMarkdown(articleId);
      const path = join(options.dataDir, 'exports', fileName);
      await writeFileDurably(path, markdown, { mode: 0o644 });
      return { status: 'saved', path };
    },
  });
  const token = newToken();
  const streams = new Set<ServerResponse>();

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      console.error('[marginalia] browser host:', error);
      if (!response.headersSent) send(response, 500, 'text/plain', 'Internal error');
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { port } = server.address() as AddressInfo;
    const origin = `http://127.0.0.1:${port}`;
    // DNS rebinding: only our own host name is answered.
    if (request.headers.host !== `127.0.0.1:${port}`) return send(response, 421, 'text/plain', 'Misdirected request');
    const url = new URL(request.url ?? '/', origin);
    // The API and the events need the token in a header, which only our page's
    // scripts add: no cookie, so nothing the browser sends on its own to
    // another port of 127.0.0.1 (cookies ignore ports) can be replayed here.
    const fromOurPage = tokensMatch(token, headerToken(request));

    if (url.pathname.startsWith('/api/')) {
      if (!fromOurPage) return send(response, 403, 'text/plain', 'Forbidden');
      if (request.method !== 'POST') return send(response, 405, 'text/plain', 'Method not allowed');
      // A page of another origin could post a simple request; ours always says where it is from.
      if (request.headers.origin !== origin) return send(response, 403, 'text/plain', 'Forbidden origin');
      if (!request.headers['content-type']?.startsWith('application/json')) {
        return send(response, 415, 'text/plain', 'Expected application/json');
      }
      const body = await readBody(request, MAX_BODY_BYTES);
      let payload: unknown;
      if (body === null) {
        return sendJSON(response, 413, {
          ok: false,
          error: { code: 'too-large', message: `The file is larger than the ${MAX_IMPORT_BYTES / 1024 / 1024} MB import limit.` },
        });
      }
      try {
        payload = await parseJSONBody(body);
      } catch {
        return sendJSON(response, 400, { ok: false, error: { code: 'invalid-request', message: 'The request is not valid JSON.' } });
      }
      const result = await dispatch(handlers, url.pathname.slice('/api/'.length), payload);
      return sendJSON(response, 200, result);
    }

    if (url.pathname === '/events') {
      if (!fromOurPage) return send(response, 403, 'text/plain', 'Forbidden');
      if (request.method !== 'GET') return send(response, 405, 'text/plain', 'Method not allowed');
      response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', connection: 'keep-alive' });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'Method not allowed');
    const file = await readRendererFile(options.rendererDir, url.pathname);
    if (!file) return send(response, 404, 'text/plain', 'Not found');
    // The page is opened with the token in its address (its scripts read it
    // from there). The rest of the folder is the built bundle, the same code
    // as in the repository: no secret, so scripts and styles load without
    // any token, and CORP keeps other origins from embedding them.
    const isPage = file.contentType.startsWith('text/html');
    if (isPage && !fromOurPage && !tokensMatch(token, queryToken(url))) return send(response, 403, 'text/plain', 'Forbidden');
    response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.contentType });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    broadcast(event) {
      for (const stream of streams) stream.write(`data: ${JSON.stringify(event)}\n\n`);
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await library.close();
    },
  };
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': contentType });
  response.end(body);
}

function sendJSON(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/**
 * Reads a request body, or null (and stops reading) past `limit` bytes. Each
 * piece is copied as it arrives into one buffer of the announced length, so
 * the end of a 65 MB body costs no copy of the whole in one turn.
 */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const announced = Number(request.headers['content-length']);
    const known = Number.isSafeInteger(announced) && announced >= 0 && announced <= limit;
    const whole = known ? Buffer.allocUnsafe(announced) : null;
    const chunks: Buffer[] = [];
    let size = 0;
    /** Bytes copied into `whole`, always its start: once a chunk does not fit, the rest go to `chunks`. */
    let filled = 0;
    // Past the limit the rest is drained, not kept, so the client still gets the answer.
    request.on('data', (chunk: Buffer) => {
      if (size + chunk.length <= limit) {
        if (whole && chunks.length === 0 && filled + chunk.length <= whole.length) filled += chunk.copy(whole, filled);
        else chunks.push(chunk);
      }
      size += chunk.length;
    });
    request.on('end', () => {
      if (size > limit) resolve(null);
      // A body of the announced length was read straight into place; any other is put together here.
      else if (whole && filled === whole.length && chunks.length === 0) resolve(whole);
      else resolve(Buffer.concat(whole ? [whole.subarray(0, filled), ...chunks] : chunks));
    });
    request.on('error', reject);
  });
}
