import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReader, type ReaderSession } from './harness.js';

/**
 * Another server on the same machine, as any local developer tool would be:
 * cookies are not scoped by port, so whatever the browser keeps for
 * 127.0.0.1 it also sends here. It records every request it gets.
 */
interface LoopbackNeighbour {
  origin: string;
  received: { url: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

async function startNeighbour(): Promise<LoopbackNeighbour> {
  const received: LoopbackNeighbour['received'] = [];
  const server: Server = createServer((request, response) => {
    received.push({ url: request.url ?? '', headers: request.headers });
    if (request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>Neighbour</title><img src="/pixel.png" alt=""><p>another local server</p>');
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a request to the host from outside any browser, so it may claim any Origin and Host. */
function forged(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the browser-mode token beside another loopback server', () => {
  let session: ReaderSession;
  let neighbour: LoopbackNeighbour;

  beforeAll(async () => {
    [session, neighbour] = await Promise.all([startReader(), startNeighbour()]);
    // The reader is opened and used (its page, scripts, styles, API and events load) ...
    await session.page.goto(session.url);
    await session.page.locator('.article-title').waitFor();
    // ... and then the same browser visits the other server.
    await session.page.goto(`${neighbour.origin}/`);
    await session.page.locator('p').waitFor();
  });
  afterAll(async () => {
    await session?.close();
    await neighbour?.close();
  });

  it('sends the other server no marginalia token in any header, and the browser keeps no cookie of ours', async () => {
    expect(neighbour.received.map((r) => r.url)).toEqual(expect.arrayContaining(['/', '/pixel.png']));
    for (const { url, headers } of neighbour.received) {
      for (const [name, value] of Object.entries(headers)) {
        const text = Array.isArray(value) ? value.join('\n') : (value ?? '');
        expect(text, `${url} header ${name}`).not.toContain(session.token);
        expect(`${name}: ${text}`, `${url} header ${name}`).not.toMatch(/marginalia/i);
      }
    }
    const cookies = await session.context.cookies();
    expect(cookies.filter((c) => c.value.includes(session.token) || /marginalia/i.test(c.name))).toEqual([]);
  });

  it('refuses a replay of everything the other server received, even with our Origin and Host forged', async () => {
    const api = `${session.origin}/api/listArticles`;
    const host = new URL(session.origin).host;
    expect(neighbour.received.length).toBeGreaterThan(0);
    for (const { url, headers } of neighbour.received) {
      const replayed: Record<string, string> = {};
      for (const [name, value] of Object.entries(headers)) if (typeof value === 'string') replayed[name] = value;
      Object.assign(replayed, { host, origin: session.origin, 'content-type': 'application/json', 'content-length': '2' });
      const answer = await forged(api, replayed, '{}');
      expect(answer.status, `replay of the headers of ${url}`).toBe(403);
      expect(answer.body).not.toContain('Putin');
    }
  });

  it('answers a page of the other origin nothing, whatever credentials the browser adds, and changes nothing', async () => {
    const [article] = await session.call<{ id: string; highlightCount: number }[]>('listArticles');
    const attempts = await session.page.evaluate(
      async ({ origin, articleId }) => {
        const create = JSON.stringify({ articleId, start: 0, end: 5, color: 'yellow' });
        const outcome = async (init: RequestInit, path = '/api/createHighlight') => {
          try {
            const response = await fetch(`${origin}${path}`, { credentials: 'include', ...init });
            return response.type === 'opaque' ? 'opaque' : `${response.status} ${await response.text()}`;
          } catch {
            return 'refused';
          }
        };
        return {
          json: await outcome({ method: 'POST', headers: { 'content-type': 'application/json' }, body: create }),
          simple: await outcome({ method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: create }),
          events: await outcome({ method: 'GET' }, '/events'),
        };
      },
      { origin: session.origin, articleId: article!.id },
    );
    // CORS: no answer is readable from another origin (and the host sends no CORS headers).
    expect(attempts.json).toBe('refused');
    expect(attempts.events).toBe('refused');
    expect(['opaque', 'refused']).toContain(attempts.simple);
    const [after] = await session.call<{ highlightCount: number }[]>('listArticles');
    expect(after!.highlightCount).toBe(article!.highlightCount);
  });
});
