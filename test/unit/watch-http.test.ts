import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/server.js';
import { WAIT_MS } from '../../main/core/watch/index.js';
import { runCli } from '../support/cli.js';
import { SAMPLE_ARTICLE, tempDir } from '../support/temp.js';

/** A POST to the host's API as the page makes it; the parsed result and how long it took. */
function post(host: BrowserHost, op: string, payload: unknown) {
  const started = Date.now();
  return new Promise<{ status: number; result: { ok: boolean; value?: { version: number; articleIds: string[] } }; ms: number }>((resolve, reject) => {
    const body = JSON.stringify(payload);
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: `/api/${op}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${host.port}`, 'x-marginalia-token': host.token },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, result: JSON.parse(text), ms: Date.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('waiting for changes over the browser-mode host (a long poll over HTTP)', () => {
  let host: BrowserHost;
  let dataDir: string;
  beforeEach(async () => {
    const rendererDir = await tempDir();
    await mkdir(rendererDir, { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Marginalia</title>');
    dataDir = await tempDir();
    host = await startBrowserHost({ dataDir, rendererDir, defaultArticlePath: SAMPLE_ARTICLE });
  });
  afterEach(() => host.close());

  it('a wait with nothing changing is answered by the library after its 25 s, not cut by a timeout', async () => {
    const first = await post(host, 'waitForChanges', {});
    expect(first.result).toEqual({ ok: true, value: { version: 0, articleIds: [] } });
    const waited = await post(host, 'waitForChanges', { since: 0 });
    expect(waited.status).toBe(200);
    expect(waited.result).toEqual({ ok: true, value: { version: 0, articleIds: [] } });
    expect(waited.ms).toBeGreaterThanOrEqual(WAIT_MS - 100);
    expect(waited.ms).toBeLessThan(WAIT_MS + 5000);
  }, 40_000);

  it('a wait is answered soon after the CLI, as another device, highlights the sample article', async () => {
    await post(host, 'waitForChanges', {});
    const waiting = post(host, 'waitForChanges', { since: 0 });
    const env = { MARGINALIA_DEVICE_FILE: join(await tempDir(), 'device.json') };
    const [sample] = JSON.parse((await runCli(['--data-dir', dataDir, 'list', '--json'], { env })).stdout) as { id: string }[];
    const made = await runCli(['--data-dir', dataDir, 'highlight', sample!.id, '--quote', 'Obama', '--note', 'seen from the CLI'], { env, hangAfterMs: 60_000 });
    expect(made.code, made.stderr).toBe(0);
    const answer = await waiting;
    expect(answer.result).toEqual({ ok: true, value: { version: 1, articleIds: [sample!.id] } });
  });

  it('a wait under way when the host closes ends with the connection, at once (the page asks again later)', async () => {
    await post(host, 'waitForChanges', {});
    const waiting = post(host, 'waitForChanges', { since: 0 }).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await host.close();
    expect(Date.now() - started).toBeLessThan(5000);
    const outcome = await waiting;
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toBe('socket hang up');
  });
});
