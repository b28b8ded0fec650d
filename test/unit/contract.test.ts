import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { dispatch, type Handlers } from '../../main/core/dispatch.js';
import { decodeBase64InPieces } from '../../main/core/in-pieces.js';
import { BASE64_PIECE_CHARS, base64PiecesProblem, base64Problem, OPERATIONS, contract, toBase64Pieces } from '../../shared/contract/index.js';

const importRequests = JSON.parse(readFileSync(new URL('../fixtures/security/import-requests.json', import.meta.url), 'utf8')) as {
  refused: { case: string; fileName: string; dataBase64: unknown; field: string; message: string }[];
  accepted: { case: string; fileName: string; dataBase64: string[] }[];
};

/** Handlers that record calls; a malformed request must never reach one. */
function spyHandlers(): Handlers {
  return Object.fromEntries(OPERATIONS.map((op) => [op, vi.fn(async () => ({}))])) as unknown as Handlers;
}

describe('the IPC contract', () => {
  it('declares a request and a response schema for every operation', () => {
    expect(Object.keys(contract).sort()).toEqual([...OPERATIONS].sort());
  });

  it.each<[string, string, unknown]>([
    ['an unknown operation', 'deleteEverything', {}],
    ['a request that is not an object', 'getArticle', 'a-aaaaaaaaaaaaaaaa'],
    ['a missing field', 'getArticle', {}],
    ['an article id that is a path', 'getArticle', { articleId: '../../etc/passwd' }],
    ['an extra field', 'listArticles', { sneaky: true }],
    ['a colour that does not exist', 'createHighlight', { articleId: 'a-aaaaaaaaaaaaaaaa', start: 0, end: 4, color: 'red' }],
    ['an empty range', 'createHighlight', { articleId: 'a-aaaaaaaaaaaaaaaa', start: 4, end: 4, color: 'blue' }],
    ['a negative offset', 'createHighlight', { articleId: 'a-aaaaaaaaaaaaaaaa', start: -1, end: 4, color: 'blue' }],
    ['a fractional offset', 'createHighlight', { articleId: 'a-aaaaaaaaaaaaaaaa', start: 0.5, end: 4, color: 'blue' }],
    ['a tag with a space', 'updateHighlight', { articleId: 'a-aaaaaaaaaaaaaaaa', highlightId: 'h-aaaaaaaaaaaaaaaa', tags: ['two words'] }],
    ['a note that is not text', 'updateHighlight', { articleId: 'a-aaaaaaaaaaaaaaaa', highlightId: 'h-aaaaaaaaaaaaaaaa', note: { $gt: '' } }],
    ['file data that is not base64', 'importFile', { fileName: 'a.txt', dataBase64: ['<script>'] }],
    ['file data as one string, not pieces', 'importFile', { fileName: 'a.txt', dataBase64: 'aGk=' }],
    ['a prototype-polluting key', 'listTags', JSON.parse('{"__proto__": {"polluted": true}}')],
    ['a highlight filter with an unknown field', 'listHighlights', { filter: { colour: 'blue' }, offset: 0, limit: 10 }],
    ['a highlight filter with a date that is not one', 'listHighlights', { filter: { since: 'yesterday' }, offset: 0, limit: 10 }],
    ['a page of highlights too long', 'listHighlights', { filter: {}, offset: 0, limit: 100_000 }],
    ['an export of a filter with a colour that does not exist', 'exportToFolder', { selection: { highlights: { color: 'red' } }, preset: 'plain' }],
    ['a reading place that ends before it starts', 'saveReading', { articleId: 'a-aaaaaaaaaaaaaaaa', place: { start: 9, end: 3 } }],
    ['a reading place with a pixel offset', 'saveReading', { articleId: 'a-aaaaaaaaaaaaaaaa', place: { start: 0, end: 5, scrollTop: 1200 } }],
    ['a javascript: link to open', 'openLink', { url: 'javascript:alert(1)' }],
    ['a file: link to open', 'openLink', { url: 'file:///etc/passwd' }],
    ['a link hiding its host behind user info', 'openLink', { url: 'https://bank.example@evil.invalid/' }],
    ['a file: address to import', 'importAddress', { url: 'file:///etc/passwd' }],
    ['a javascript: address to import', 'importAddress', { url: 'javascript:alert(1)' }],
    ['an ftp: address to import', 'importAddress', { url: 'ftp://example.com/book.txt' }],
    ['an address to import with a user and password', 'importAddress', { url: 'https://reader:secret@example.com/' }],
    ['an address to import with no host', 'importAddress', { url: 'https:example.com' }],
    ['an address to import with a space', 'importAddress', { url: 'https://example.com/a page' }],
    ['an address to import longer than 4,096 characters', 'importAddress', { url: `https://example.com/${'a'.repeat(4096)}` }],
    ['an address to import that is not text', 'importAddress', { url: 42 }],
    ['an import by address carrying a cookie', 'importAddress', { url: 'https://example.com/', cookie: 'session=1' }],
  ])('rejects %s with invalid-request and calls no handler', async (_name, op, payload) => {
    const handlers = spyHandlers();
    const result = await dispatch(handlers, op, payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    if (!result.ok) expect(result.error.message).toMatch(/^(Invalid|Unknown)/);
    for (const fn of Object.values(handlers)) expect(fn).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects an import larger than the 50 MB limit before decoding it', async () => {
    const handlers = spyHandlers();
    // 17 whole pieces: 71 MB of base64, 53 MB of bytes; and one more piece than 50 MB can need.
    const piece = 'A'.repeat(BASE64_PIECE_CHARS);
    for (const dataBase64 of [Array<string>(17).fill(piece), [...Array<string>(17).fill(piece), 'AAAA']]) {
      const result = await dispatch(handlers, 'importFile', { fileName: 'big.txt', dataBase64 });
      expect(result).toEqual({ ok: false, error: { code: 'invalid-request', message: 'Invalid importFile request (dataBase64): the file is larger than the 50 MB import limit.' } });
    }
    // A piece longer than a piece is refused by its length, before any of it is read.
    const long = await dispatch(handlers, 'importFile', { fileName: 'big.txt', dataBase64: [`${piece}AAAA`] });
    expect(long).toEqual({ ok: false, error: { code: 'invalid-request', message: 'Invalid importFile request (dataBase64.0): a piece is longer than 4194304 characters (BASE64_PIECE_CHARS).' } });
    expect(handlers.importFile).not.toHaveBeenCalled();
  });

  it('passes a valid request to its handler and wraps the answer', async () => {
    const handlers = spyHandlers();
    const result = await dispatch(handlers, 'getArticle', { articleId: 'a-aaaaaaaaaaaaaaaa' });
    expect(result).toEqual({ ok: true, value: {} });
    expect(handlers.getArticle).toHaveBeenCalledWith({ articleId: 'a-aaaaaaaaaaaaaaaa' });
  });

  it('passes an http(s) address to import to its handler as given', async () => {
    const handlers = spyHandlers();
    for (const url of ['https://example.com/essays/reading.html', 'http://127.0.0.1:8080/page?id=3#part']) {
      expect(await dispatch(handlers, 'importAddress', { url })).toEqual({ ok: true, value: {} });
      expect(handlers.importAddress).toHaveBeenLastCalledWith({ url });
    }
  });

  it('turns an unexpected failure into an internal error without leaking details', async () => {
    const handlers = spyHandlers();
    handlers.listTags = async () => {
      throw new Error('ENOENT /home/secret/path');
    };
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await dispatch(handlers, 'listTags', {});
    spy.mockRestore();
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.not.stringContaining('secret') } });
  });
});

describe('an importFile request', () => {
  it.each(importRequests.refused.map((r) => [r.case, r] as const))('is refused with a clear message: %s', async (_case, request) => {
    const handlers = spyHandlers();
    const result = await dispatch(handlers, 'importFile', { fileName: request.fileName, dataBase64: request.dataBase64 });
    expect(result).toEqual({ ok: false, error: { code: 'invalid-request', message: `Invalid importFile request (${request.field}): ${request.message}.` } });
    expect(handlers.importFile).not.toHaveBeenCalled();
  });

  it.each(importRequests.accepted.map((r) => [r.case, r] as const))('reaches the importer: %s', async (_case, request) => {
    const handlers = spyHandlers();
    const result = await dispatch(handlers, 'importFile', { fileName: request.fileName, dataBase64: request.dataBase64 });
    expect(result).toEqual({ ok: true, value: {} });
    expect(handlers.importFile).toHaveBeenCalledWith({ fileName: request.fileName, dataBase64: request.dataBase64 });
  });

  it('takes exactly the base64 strings that decode and encode back to themselves (2,000 random strings)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    let seed = 13;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let accepted = 0;
    for (let i = 0; i < 2000; i++) {
      const body = Array.from({ length: random(12) }, () => alphabet[random(64)]).join('');
      const text = body + '='.repeat(random(3));
      const canonical = text.length % 4 === 0 && Buffer.from(text, 'base64').toString('base64') === text;
      expect(base64Problem(text) === null, JSON.stringify(text)).toBe(canonical);
      if (canonical) accepted++;
    }
    expect(accepted).toBeGreaterThan(100);
  });
});

describe('a file of many base64 pieces', () => {
  // War and Peace's text (three times over), 2.5 pieces of base64 long, with 0, 1 and 2 padding characters.
  const text = readFileSync(new URL('../../../shared/corpus/books/war-and-peace.txt', import.meta.url));
  const book = Buffer.concat([text, text, text]);
  const files = [0, 1, 2].map((extra) => book.subarray(0, ((BASE64_PIECE_CHARS * 2.5) / 4) * 3 + extra));
  const stray = (base64: string, at: number, char: string) => base64.slice(0, at) + char + base64.slice(at + 1);

  const cut = (base64: string) => Array.from({ length: Math.ceil(base64.length / BASE64_PIECE_CHARS) }, (_, i) => base64.slice(i * BASE64_PIECE_CHARS, (i + 1) * BASE64_PIECE_CHARS));

  it('is sent as the base64 of the whole file, cut into whole pieces, and decoded a piece at a time to the same bytes', async () => {
    for (const file of files) {
      const pieces = toBase64Pieces(file);
      expect(pieces).toEqual(cut(file.toString('base64')));
      expect(pieces.map((p) => p.length)).toEqual([BASE64_PIECE_CHARS, BASE64_PIECE_CHARS, BASE64_PIECE_CHARS / 2 + [0, 4, 4][files.indexOf(file)]!]);
      expect(base64PiecesProblem(pieces)).toBeNull();
      expect(Buffer.from(await decodeBase64InPieces(pieces)).equals(file)).toBe(true);
    }
    expect(toBase64Pieces(new Uint8Array(0))).toEqual([]);
    expect(await decodeBase64InPieces([])).toEqual(new Uint8Array(0));
  });

  it('is refused for a stray character in a later piece, or padding in the middle, with the message of the rule', async () => {
    const base64 = files[0]!.toString('base64');
    const cases: [string, number][] = [
      [stray(base64, BASE64_PIECE_CHARS * 2 + 7, '-'), 3],
      [stray(base64, BASE64_PIECE_CHARS, '='), 2],
      [stray(base64, BASE64_PIECE_CHARS - 1, '\n'), 1],
      [stray(base64, BASE64_PIECE_CHARS - 1, '='), 1],
    ];
    for (const [bad, piece] of cases) {
      const handlers = spyHandlers();
      expect(await dispatch(handlers, 'importFile', { fileName: 'war-and-peace.txt', dataBase64: cut(bad) })).toEqual({
        ok: false,
        error: {
          code: 'invalid-request',
          message: `Invalid importFile request (dataBase64): piece ${piece} of 3: not base64: only A-Z, a-z, 0-9, + and /, with = padding only at the end.`,
        },
      });
      expect(handlers.importFile).not.toHaveBeenCalled();
    }
  });

  it('is checked as the one-pass rule checks it: padding, length and the bits after the last byte', () => {
    const oneGo = /^[A-Za-z0-9+/]*={0,2}$/;
    for (const file of files) {
      const base64 = file.toString('base64');
      for (const text of [base64, base64 + '=', base64.slice(0, -1), `${base64.slice(0, -4)}a===`, stray(base64, base64.length - 2, 'B')]) {
        const canonical = oneGo.test(text) && text.length % 4 === 0 && Buffer.from(text, 'base64').toString('base64') === text;
        expect(base64PiecesProblem(cut(text)) === null).toBe(canonical);
        expect(base64Problem(text) === null).toBe(canonical);
      }
    }
  });

  it('is refused when cut other than into whole pieces, though the joined base64 is good', () => {
    const base64 = files[1]!.toString('base64');
    const whole = cut(base64);
    const moved = [whole[0]!.slice(0, -4), whole[0]!.slice(-4) + whole[1], ...whole.slice(2)];
    expect(base64PiecesProblem(moved)).toBe(`piece 1 of 3: is ${BASE64_PIECE_CHARS - 4} characters; every piece but the last is ${BASE64_PIECE_CHARS} (BASE64_PIECE_CHARS)`);
    expect(base64PiecesProblem([...whole, ''])).toBe(`piece 3 of 4: is ${whole[2]!.length} characters; every piece but the last is ${BASE64_PIECE_CHARS} (BASE64_PIECE_CHARS)`);
    expect(base64PiecesProblem([...whole.slice(0, 2), ''])).toBe('piece 3 of 3: is empty; an empty file is sent as no pieces');
  });
});
