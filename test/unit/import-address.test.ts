import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MarginaliaError } from '../../shared/contract/errors.js';
import { fetchForImport, type FetchOptions } from '../../main/core/fetch/index.js';
import { drip, flood, page, redirect, startPageServer, status, unusedPort, type PageServer } from '../support/page-server.js';
import { corpus } from '../support/temp.js';

const MOBY_DICK_HTML = corpus('books/moby-dick.html');

/** What a fetch was refused with: its error's code and message. */
async function refusal(address: string, options?: FetchOptions): Promise<{ code: string; message: string }> {
  const error: unknown = await fetchForImport(address, options).then(
    () => new Error('the fetch was not refused'),
    (e: unknown) => e,
  );
  if (!(error instanceof MarginaliaError)) throw error;
  return { code: error.code, message: error.message };
}

/** A chain of `length` redirects from /chain/1, each of the given statuses in turn, ending at /page. */
function chain(server: PageServer, length: number, statuses: number[]): string[] {
  const hops: string[] = [];
  for (let i = 1; i <= length; i++) {
    const next = i === length ? '/page' : `/chain/${i + 1}`;
    server.route(`/chain/${i}`, redirect(statuses[(i - 1) % statuses.length]!, next));
    hops.push(server.url(next));
  }
  return hops;
}

describe('fetching a page to import', () => {
  it('fetches a plain page as its bytes, named from its address and its type, with the charset its header names', async () => {
    const server = await startPageServer();
    const html = await readFile(MOBY_DICK_HTML);
    server.route('/books/moby-dick.htm', page(html, 'text/html; charset=UTF-8'));
    const fetched = await fetchForImport(server.url('/books/moby-dick.htm'));
    expect(fetched).toMatchObject({ url: server.url('/books/moby-dick.htm'), finalUrl: server.url('/books/moby-dick.htm'), redirects: [], fileName: 'moby-dick.html', charset: 'UTF-8' });
    expect(Buffer.from(fetched.bytes).equals(html)).toBe(true);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers['user-agent']).toMatch(/^Marginalia\b/);
  });

  it.each([
    ['/', 'text/plain', '127.0.0.1.txt'],
    ['/notes/reading.php?id=3', 'text/markdown', 'reading.md'],
    ['/files/2701.txt.utf-8', 'text/plain; charset=utf-8', '2701.txt'],
    ['/a/b/caf%C3%A9%20menu', 'application/xhtml+xml', 'café menu.xhtml'],
  ])('names the page at %s served as %s "%s"', async (path, type, name) => {
    const server = await startPageServer();
    server.route(path, page('Some words.', type));
    expect((await fetchForImport(server.url(path))).fileName).toBe(name);
  });

  describe('redirects', () => {
    it.each([1, 2, 3, 4, 5])('follows a chain of %i (301, 302, 303, 307, 308 in turn) and returns each hop in order', async (length) => {
      const server = await startPageServer();
      const hops = chain(server, length, [301, 302, 303, 307, 308]);
      server.route('/page', page('<title>Arrived</title><p>The page at the end of the redirects.</p>', 'text/html'));
      const fetched = await fetchForImport(server.url('/chain/1'));
      expect(fetched.redirects).toEqual(hops);
      expect(fetched.url).toBe(server.url('/chain/1'));
      expect(fetched.finalUrl).toBe(server.url('/page'));
      expect(server.requests.map((r) => r.path)).toEqual([...Array.from({ length }, (_, i) => `/chain/${i + 1}`), '/page']);
    });

    it.each([301, 302, 303, 307, 308])('follows a %i to another path', async (code) => {
      const server = await startPageServer();
      server.route('/old', redirect(code, '/new'));
      server.route('/new', page('Moved here.', 'text/plain'));
      expect((await fetchForImport(server.url('/old'))).redirects).toEqual([server.url('/new')]);
    });

    it('refuses a sixth redirect and never fetches where it leads', async () => {
      const server = await startPageServer();
      chain(server, 6, [302]);
      server.route('/page', page('Too far.', 'text/plain'));
      const { code, message } = await refusal(server.url('/chain/1'));
      expect(code).toBe('not-found');
      expect(message).toMatch(/^The address redirects more than 5 times \(.*chain\/1 → .*chain\/2 → .* → .*\/page\); Marginalia stops there\. Nothing was imported\.$/);
      expect(server.requests.map((r) => r.path)).not.toContain('/page');
    });

    it('refuses a loop, naming it', async () => {
      const server = await startPageServer();
      server.route('/a', redirect(301, '/b'));
      server.route('/b', redirect(302, '/a'));
      const { message } = await refusal(server.url('/a'));
      expect(message).toBe(`The address redirects in a loop (${server.url('/a')} → ${server.url('/b')} → ${server.url('/a')}). Nothing was imported.`);
      expect(server.requests).toHaveLength(2);
    });

    it.each(['file:///etc/passwd', 'ftp://127.0.0.1/page.txt', 'javascript:alert(1)', 'http://reader:secret@127.0.0.1/'])('refuses a redirect to %s', async (target) => {
      const server = await startPageServer();
      server.route('/go', redirect(302, target));
      const { code, message } = await refusal(server.url('/go'));
      expect(code).toBe('forbidden');
      expect(message).toMatch(/^127\.0\.0\.1:\d+ redirected to .*, which Marginalia does not follow: /);
      expect(server.requests).toHaveLength(1);
    });
  });

  it.each([
    [404, 'Not Found'],
    [410, 'Gone'],
    [500, 'Internal Server Error'],
    [503, 'Service Unavailable'],
  ])('refuses a %i answer in one line with the status', async (code, name) => {
    const server = await startPageServer();
    server.route('/page', status(code));
    expect(await refusal(server.url('/page'))).toEqual({ code: 'not-found', message: `127.0.0.1:${new URL(server.origin).port} answered ${code} ${name}: no page to import. Nothing was imported.` });
  });

  describe('time', () => {
    it('stops a body that drips a byte every 100 ms once the time limit (1 s here) has passed', async () => {
      const server = await startPageServer();
      server.route('/slow', drip(100, 40));
      const started = performance.now();
      const { code, message } = await refusal(server.url('/slow'), { timeoutMs: 1000 });
      expect({ code, message }).toEqual({ code: 'timed-out', message: `127.0.0.1:${new URL(server.origin).port} did not send the whole page within 1 s. Nothing was imported.` });
      // Not a timing test: only that it ended near its limit, not after the 4 s the whole drip takes.
      expect(performance.now() - started).toBeLessThan(3000);
    });

    it('stops an endless body, and an answer that never comes', async () => {
      const server = await startPageServer();
      server.route('/endless', drip(10));
      server.route('/silent', () => undefined);
      expect((await refusal(server.url('/endless'), { timeoutMs: 500 })).code).toBe('timed-out');
      expect((await refusal(server.url('/silent'), { timeoutMs: 500 })).code).toBe('timed-out');
    });

    it('takes a slow page that ends in time', async () => {
      const server = await startPageServer();
      server.route('/slow', drip(20, 10));
      const fetched = await fetchForImport(server.url('/slow'), { timeoutMs: 5000 });
      expect(new TextDecoder().decode(fetched.bytes)).toBe('<!doctype html><title>Slow</title><p>..........</p>');
    });
  });

  describe('size', () => {
    const MB = 1024 * 1024;

    it('refuses a body whose Content-Length is over the limit before reading it', async () => {
      const server = await startPageServer();
      server.route('/big', flood(10 * MB, 10 * MB));
      expect(await refusal(server.url('/big'), { maxBytes: MB })).toEqual({ code: 'too-large', message: `The page from ${new URL(server.origin).host} is 10 MB, more than the 1 MB import limit. Nothing was imported.` });
    });

    it('refuses a body over the limit that gives no Content-Length by counting it as it comes', async () => {
      const server = await startPageServer();
      server.route('/chunked', flood(3 * MB));
      expect(await refusal(server.url('/chunked'), { maxBytes: MB })).toMatchObject({ code: 'too-large', message: expect.stringMatching(/is more than the 1 MB import limit/) });
    });

    it('counts a compressed body as it inflates: 3 MB of zeros gzipped to a few KB is over a 1 MB limit', async () => {
      const server = await startPageServer();
      const zipped = gzipSync(Buffer.alloc(3 * MB, '0'));
      expect(zipped.length).toBeLessThan(10_000);
      server.route('/bomb', page(zipped, 'text/html', { 'content-encoding': 'gzip' }));
      expect(await refusal(server.url('/bomb'), { maxBytes: MB })).toMatchObject({ code: 'too-large', message: expect.stringMatching(/is more than the 1 MB import limit/) });
    });

    it('refuses an endless body at the real 50 MB limit', async () => {
      const server = await startPageServer();
      server.route('/endless', flood(Number.POSITIVE_INFINITY));
      expect(await refusal(server.url('/endless'))).toMatchObject({ code: 'too-large', message: expect.stringMatching(/more than the 50 MB import limit/) });
    });
  });

  describe('content types', () => {
    it.each(['image/png', 'application/pdf', 'application/json', 'video/mp4', 'text/css'])('refuses %s, naming it', async (type) => {
      const server = await startPageServer();
      server.route('/thing', page('{"not": "a page"}', type));
      expect(await refusal(server.url('/thing'))).toEqual({
        code: 'unsupported-file',
        message: `The address gives ${type}, not a page Marginalia can import (HTML, XHTML, plain text, Markdown or EPUB).`,
      });
    });

    it('takes an EPUB served as application/octet-stream by its first bytes, and refuses other octet-streams', async () => {
      const server = await startPageServer();
      const epub = await readFile(corpus('epub/trees.epub'));
      server.route('/download?id=7', page(epub, 'application/octet-stream'));
      server.route('/blob', page(await readFile(new URL('../fixtures/import/pictures/dot.png', import.meta.url)), 'application/octet-stream'));
      expect((await fetchForImport(server.url('/download?id=7'))).fileName).toBe('download.epub');
      expect((await refusal(server.url('/blob'))).message).toMatch(/^The address gives application\/octet-stream that is not an EPUB book/);
    });
  });

  describe('what is sent', () => {
    it('sends no cookie back on a redirect that set one, and no Authorization', async () => {
      const server = await startPageServer();
      server.route('/login', redirect(302, '/page', { 'set-cookie': 'session=secret; Path=/' }));
      server.route('/page', page('Hello.', 'text/plain'));
      await fetchForImport(server.url('/login'));
      expect(server.requests).toHaveLength(2);
      for (const { headers } of server.requests) {
        expect(headers.cookie).toBeUndefined();
        expect(headers.authorization).toBeUndefined();
        expect(headers.referer).toBeUndefined();
      }
    });

    it.each(['file:///etc/passwd', 'ftp://127.0.0.1/', 'javascript:alert(1)', 'data:text/html,<p>hi', 'https:example.com', 'not an address'])('refuses %s before any fetch', async (address) => {
      const { code, message } = await refusal(address);
      expect(code).toBe('invalid-request');
      expect(message.split('\n')).toHaveLength(1);
    });

    it('refuses an address with credentials in it before any fetch', async () => {
      const server = await startPageServer();
      server.route('/', page('Hello.', 'text/plain'));
      const withCredentials = server.url('/').replace('://', '://reader:secret@');
      expect(await refusal(withCredentials)).toEqual({
        code: 'invalid-request',
        message: 'The address carries a user name or password (user:pass@); Marginalia never sends credentials.',
      });
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('offline', () => {
    it('says in one line that a port nobody listens on could not be reached', async () => {
      const port = await unusedPort();
      expect(await refusal(`http://127.0.0.1:${port}/page`)).toEqual({
        code: 'not-found',
        message: `Could not reach 127.0.0.1:${port}: the connection was refused (nothing answers at that address). Nothing was imported.`,
      });
    });

    it('says in one line that a host name does not resolve', async () => {
      const { code, message } = await refusal('http://marginalia-test.invalid/page', { timeoutMs: 10_000 });
      expect(code).toBe('not-found');
      expect(message).toMatch(/^Could not reach marginalia-test\.invalid: (no server has that name, or this computer is offline|its name could not be looked up; is this computer offline\?)\. Nothing was imported\.$/);
    });
  });
});
