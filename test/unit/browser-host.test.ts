import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { parseJSONBody } from '../../main/browser-host/json-body.js';
import { toBase64Pieces } from '../../shared/contract/import-request.js';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/server.js';
import { corpus, SAMPLE_ARTICLE, tempDir } from '../support/temp.js';

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

  it('imports a book sent as base64 pieces, and refuses one with a stray character or a raw newline deep in it, writing nothing', async () => {
    const book = readFileSync(corpus('books/war-and-peace.txt'));
    const [first, second] = toBase64Pieces(book);
    const body = (dataBase64: string[]) => JSON.stringify({ fileName: 'war-and-peace.txt', dataBase64 });
    const stray = await api('importFile', body([first!, `${second!.slice(0, 1001)}-${second!.slice(1002)}`]));
    expect(JSON.parse(stray.body)).toEqual({
      ok: false,
      error: {
        code: 'invalid-request',
        message: 'Invalid importFile request (dataBase64): piece 2 of 2: not base64: only A-Z, a-z, 0-9, + and /, with = padding only at the end.',
      },
    });
    const base64 = [first!, second!];
    const newline = await api('importFile', body(base64).replace(first!.slice(0, 100), `${first!.slice(0, 99)}\n`));
    expect(newline.status).toBe(400);
    expect(JSON.parse(newline.body)).toEqual({ ok: false, error: { code: 'invalid-request', message: 'The request is not valid JSON.' } });
    expect(JSON.parse((await api('listArticles', '{}')).body).value).toHaveLength(1);
    const imported = JSON.parse((await api('importFile', body(base64))).body);
    expect(imported).toMatchObject({ ok: true, value: { summary: { title: expect.stringContaining('War and Peace') } } });
    expect(JSON.parse((await api('listArticles', '{}')).body).value).toHaveLength(2);
  });

  it('imports a body sent in pieces with no length announced (chunked) as one sent with its length', async () => {
    const body = Buffer.from(JSON.stringify({ fileName: 'war-and-peace.txt', dataBase64: toBase64Pieces(readFileSync(corpus('books/war-and-peace.txt'))) }));
    const answer = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/importFile',
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${host.port}`, 'x-marginalia-token': host.token, 'transfer-encoding': 'chunked' },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      for (let at = 0; at < body.length; at += 1_000_000) req.write(body.subarray(at, at + 1_000_000));
      req.end();
    });
    expect(JSON.parse(answer)).toMatchObject({ ok: true, value: { summary: { title: expect.stringContaining('War and Peace') } } });
  });

  it('refuses an import body over the limit with a clear message', async () => {
    const huge = JSON.stringify({ fileName: 'big.txt', dataBase64: Array<string>(18).fill('A'.repeat(4 * 1024 * 1024)) });
    const res = await api('importFile', huge);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'too-large', message: /50 MB/ } });
  });
});

describe('a request body', () => {
  const long = (char: string) => char.repeat(100_000);
  const bodies = [
    JSON.stringify({ fileName: 'a.txt', dataBase64: long('QUJD') }),
    `{ "fileName" : "a.txt" , "dataBase64" :"${long('A')}" , "more": ["${long('B')}", {"x": "${long('C')}"}] }`,
    `{"dataBase64":"${long('A')}\\", "escaped": "${long('\\"')}", "unicode": "${long('\\u00e9')}é"}`,
    `{"__proto__":"${long('A')}", "constructor": {"prototype": "${long('B')}"}}`,
    `{"${long('k')}": "${long('v')}"}`,
    `"${long('A')}"`,
    `["${long('A')}\n"]`,
    `{"dataBase64":"${long('A')}\t${long('A')}"}`,
    `{"dataBase64":"${long('A')}\q"}`,
    `{"dataBase64":"${long('A')}`,
    `{"dataBase64":"${long('A')}"`,
    `{"dataBase64":"${long('A')}",}`,
    `{"a":"x"}{"dataBase64":"${long('A')}"}`,
    '',
    '{"articleId":',
    // Longer than a piece (4 MiB): read a piece at a time, plain ASCII or not, a bad character in a later piece.
    `{"dataBase64":"${'QUJD'.repeat(2_500_000)}"}`,
    `{"dataBase64":"${'A'.repeat(5_000_000)}é${'B'.repeat(5_000_000)}"}`,
    `{"dataBase64":"${'A'.repeat(4 * 1024 * 1024 - 1)}é${'B'.repeat(100)}"}`,
    `{"dataBase64":"${'A'.repeat(9_000_000)}\t${'B'.repeat(100)}"}`,
    `{"dataBase64":"${'A'.repeat(5_000_000)}é${'B'.repeat(5_000_000)}\n"}`,
    // A file as it is sent: many long strings, each read on a turn of its own.
    JSON.stringify({ fileName: 'a.txt', dataBase64: ['QUJD'.repeat(1024 * 1024), 'QUJD'.repeat(1024 * 1024), 'QUJD'.repeat(1024 * 1024), 'QQ=='] }),
    `{"dataBase64":["${'A'.repeat(4 * 1024 * 1024)}","${'A'.repeat(100_000)}\t"]}`,
  ];

  it.each(bodies.map((b, i) => [i, b] as const))('%i is read as JSON.parse reads it, or refused where it refuses it', async (_, text) => {
    const body = Buffer.from(text.replaceAll('\\t', '\t').replaceAll('\\n', '\n'));
    let expected: { value?: unknown; refused?: boolean };
    try {
      expected = { value: JSON.parse(body.toString('utf8')) };
    } catch {
      expected = { refused: true };
    }
    const actual = await parseJSONBody(body).then(
      (value) => ({ value }),
      (error: unknown) => ({ refused: error instanceof SyntaxError }),
    );
    expect(actual).toEqual(expected);
    if ('value' in actual && actual.value && typeof actual.value === 'object') {
      expect(Object.getPrototypeOf(actual.value)).toBe(Object.getPrototypeOf(expected.value));
    }
  });

  it('with bytes that are not UTF-8 inside a long string reads them as JSON.parse of the decoded text does', async () => {
    const body = Buffer.concat([Buffer.from(`{"dataBase64":"${long('A')}`), Buffer.from([0xff, 0xc3]), Buffer.from('"}')]);
    expect(await parseJSONBody(body)).toEqual(JSON.parse(body.toString('utf8')));
  });
});
