import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/server.js';
import { SAMPLE_ARTICLE, tempDir } from '../support/temp.js';

/** A raw HTTP request, so tests can send what a browser never would (bad Host headers, no token). */
function raw(port: number, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('the browser-mode host', () => {
  let host: BrowserHost;
  let api: (op: string, body: string, headers?: Record<string, string>) => ReturnType<typeof raw>;

  beforeEach(async () => {
    const rendererDir = await tempDir();
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Marginalia</title>');
    await mkdir(join(rendererDir, 'assets'));
    await writeFile(join(rendererDir, 'assets', 'app.js'), 'export {};');
    host = await startBrowserHost({ dataDir: await tempDir(), rendererDir, defaultArticlePath: SAMPLE_ARTICLE });
    api = (op, body, headers = {}) =>
      raw(host.port, `/api/${op}`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          origin: `http://127.0.0.1:${host.port}`,
          'x-marginalia-token': host.token,
          ...headers,
        },
      });
  });
  afterEach(() => host.close());

  it('listens on 127.0.0.1 at a random port, with a long random token in its URL', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    expect(host.port).toBeGreaterThan(0);
  });

  it('serves the page only with the token in its address, with the strict CSP and no cookie', async () => {
    const page = await raw(host.port, `/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'/);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect((await raw(host.port, '/')).status).toBe(403);
    expect((await raw(host.port, '/index.html')).status).toBe(403);
    expect((await raw(host.port, '/?token=wrong')).status).toBe(403);
  });

  it("serves the built bundle's scripts and styles without a token, same-origin only", async () => {
    const script = await raw(host.port, '/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.body).toBe('export {};');
    expect(script.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(script.headers['x-content-type-options']).toBe('nosniff');
    expect(script.headers['set-cookie']).toBeUndefined();
  });

  it('answers the API and the events only to the token in the header: not in a cookie or the query', async () => {
    const cookie = { cookie: `marginalia_token=${host.token}`, 'x-marginalia-token': '' };
    expect((await api('listArticles', '{}', cookie)).status).toBe(403);
    const query = await raw(host.port, `/api/listArticles?token=${host.token}`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${host.port}` },
    });
    expect(query.status).toBe(403);
    expect((await raw(host.port, `/events?token=${host.token}`)).status).toBe(403);
    expect((await raw(host.port, '/events', { headers: { cookie: `marginalia_token=${host.token}` } })).status).toBe(403);
  });

  it('streams events to the token in the header', async () => {
    const events = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/events', headers: { 'x-marginalia-token': host.token } },
        (res) => {
          expect(res.statusCode).toBe(200);
          let text = '';
          res.on('data', (d: Buffer) => {
            text += d.toString();
            if (text.includes(': connected')) host.broadcast({ type: 'notice', level: 'info', message: 'hello' });
            if (text.includes('hello')) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(events).toContain('data: {"type":"notice","level":"info","message":"hello"}');
  });

  it('answers the contract with the real core, and requires the token, its origin and JSON', async () => {
    const ok = await api('listArticles', '{}');
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: [{ title: 'Putin Says He And Obama Took Step Forward On Syria' }] });
    expect((await api('listArticles', '{}', { 'x-marginalia-token': 'nope' })).status).toBe(403);
    expect((await api('listArticles', '{}', { origin: 'http://evil.invalid' })).status).toBe(403);
    expect((await api('listArticles', '{}', { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('refuses another Host header (DNS rebinding)', async () => {
    const res = await raw(host.port, `/?token=${host.token}`, { headers: { host: 'evil.invalid' } });
    expect(res.status).toBe(421);
  });

  it('answers malformed messages with a clear error and changes nothing', async () => {
    const notJson = await api('createHighlight', '{"articleId":');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const bad = await api('createHighlight', JSON.stringify({ articleId: 'x', start: 'a' }));
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const list = JSON.parse((await api('listArticles', '{}')).body);
    expect(list.value[0].highlightCount).toBe(0);
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fpackage.json', '/%00']) {
      const res = await raw(host.port, path, { headers: { 'x-marginalia-token': host.token } });
      expect(res.status, path).toBe(404);
    }
  });

  it('refuses an import body over the limit with a clear message', async () => {
    const huge = JSON.stringify({ fileName: 'big.txt', dataBase64: 'A'.repeat(72 * 1024 * 1024) });
    const res = await api('importFile', huge);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'too-large', message: /50 MB/ } });
  });
});
