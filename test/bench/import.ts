/**
 * npm run bench:import — how long importing takes, and how long it stalls
 * the thread that serves the windows.
 *
 * 1. Moby Dick, Pride and Prejudice and War and Peace, as plain text and as
 *    the Project Gutenberg web page: `importContent` alone (decode, parse,
 *    find the article, map to the schema), then the whole
 *    `library.importFile` (that, plus the schema check, the article text and
 *    hash, and the durable write to a temporary library folder). Median of 5
 *    runs each, after one warm-up.
 * 2. The host thread during imports on the import worker (as the app runs
 *    them): the longest stall of its event loop (a 5 ms ticker) while War and
 *    Peace's page, and ~49 MB of text and of HTML made of it, are imported;
 *    then the whole `library.importFile` of the 49 MB text and HTML (what
 *    the library does with the worker's answer runs on the host), and the
 *    same through the browser host's HTTP importFile (the request sent from
 *    this thread: reading the body, its JSON, the base64 check and decode).
 *    Median of 3 runs.
 * 3. Hostile files in this thread: time to refuse 100,000 and 200,000
 *    nested divs and a 60 MB file, and to import a 5 MiB single line.
 *    Median of 5 runs.
 * 4. Books and clippings from other apps, in the table of (1): the EPUB of
 *    Moby Dick (the W3C sample) against the Gutenberg page of the same book
 *    (target: at most twice its time), the largest EPUB sample
 *    (accessible_epub_3, 4 MB), and a Kindle's `My Clippings.txt` through
 *    `library.importFile`.
 * Last line: one JSON object of the headline figures.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/server.js';
import { importInWorker, openLibrary } from '../../main/core/index.js';
import { importContent } from '../../main/core/import/index.js';
import { MAX_IMPORT_BYTES } from '../../shared/contract/limits.js';
import { buildImportWorker } from '../support/import-worker.js';
import { measurePauses } from './import-pauses.js';
import { median, printTable, round } from './table.js';
import { toBase64Pieces } from '../../shared/contract/import-request.js';

const RUNS = 5;
const WORKER_RUNS = 3;
/** Just under the 50 MB import limit, as the audit's 49 MB file. */
const LARGE_BYTES = 49 * 1000 * 1000;
const BOOKS = ['moby-dick', 'pride-and-prejudice', 'war-and-peace'] as const;
/** Files imported from other apps' formats, by their path in the corpus. */
const OTHER_FORMATS = ['epub/moby-dick.epub', 'epub/accessible_epub_3.epub', 'clippings/kindle-my-clippings.txt'] as const;
const corpus = (path: string) => new URL(`../../../shared/corpus/${path}`, import.meta.url).pathname;
const book = (name: string) => readFileSync(corpus(`books/${name}`));
/** A book repeated to just under `bytes`. */
const repeated = (name: string, bytes: number) => {
  const one = book(name);
  return Buffer.concat(Array<Buffer>(Math.floor(bytes / one.length)).fill(one));
};
const nestedDivs = (n: number) => Buffer.from(`<!DOCTYPE html><html><body>${'<div>'.repeat(n)}SAFE${'</div>'.repeat(n)}</body></html>`);

/** Median time of `run` (ms); it may throw (a refusal is what is timed). */
async function timed(run: () => unknown): Promise<number> {
  const attempt = async () => {
    try {
      await run();
    } catch {
      // refused: that is the result being timed
    }
  };
  await attempt(); // warm-up: JIT, and the libraries' first use
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await attempt();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Posts `body` to the browser host's API from this thread; resolves with the answer once it is read. */
function post(host: BrowserHost, op: string, body: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', origin: `http://127.0.0.1:${host.port}`, 'x-marginalia-token': host.token };
    const req = request({ host: '127.0.0.1', port: host.port, path: `/api/${op}`, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Median longest pause and median time over WORKER_RUNS runs of `run`. */
async function paused(run: () => Promise<unknown>): Promise<{ pause: number; took: number }> {
  const runs = [];
  for (let i = 0; i < WORKER_RUNS; i++) runs.push(await measurePauses(run));
  return { pause: median(runs.map((r) => r.longestPauseMs)), took: median(runs.map((r) => r.tookMs)) };
}

const scratch = await mkdtemp(join(tmpdir(), 'marginalia-bench-import-'));
const results = new Map<string, { core: number; library: number; bytes: number; blocks: number }>();
const pauses = new Map<string, { pause: number; took: number; bytes: number }>();
const hostile = new Map<string, number>();
try {
  const library = await openLibrary({ dataDir: join(scratch, 'library') });
  for (const name of BOOKS) {
    for (const ext of ['txt', 'html']) {
      const fileName = `${name}.${ext}`;
      const bytes = book(fileName);
      const blocks = importContent(fileName, bytes).document.content!.length;
      const core = await timed(() => importContent(fileName, bytes));
      const whole = await timed(() => library.importFile({ fileName, bytes }));
      results.set(fileName, { core, library: whole, bytes: bytes.length, blocks });
    }
  }
  for (const path of OTHER_FORMATS) {
    const fileName = path.slice(path.lastIndexOf('/') + 1);
    const bytes = readFileSync(corpus(path));
    let blocks = 0;
    try {
      blocks = importContent(fileName, bytes).document.content!.length;
    } catch {
      // clippings are read by the library, not importContent
    }
    const core = await timed(() => importContent(fileName, bytes));
    const whole = await timed(() => library.importFile({ fileName, bytes }));
    results.set(fileName, { core, library: whole, bytes: bytes.length, blocks });
  }
  await library.close();

  const workerFile = await buildImportWorker(scratch);
  const importer = importInWorker(workerFile);
  const onWorker: [string, string, Buffer][] = [
    ['War and Peace page', 'war-and-peace.html', book('war-and-peace.html')],
    ['text, 49 MB', 'large.txt', repeated('war-and-peace.txt', LARGE_BYTES)],
    ['HTML, 49 MB', 'large.html', repeated('war-and-peace.html', LARGE_BYTES)],
  ];
  await importer.import('warm-up.txt', book('moby-dick.txt'), {}); // start the worker
  for (const [label, fileName, bytes] of onWorker) {
    pauses.set(`importer: ${label}`, { ...(await paused(() => importer.import(fileName, bytes, {}))), bytes: bytes.length });
  }
  await importer.close();
  let run = 0;
  const workerLibrary = await openLibrary({ dataDir: join(scratch, 'worker-library'), importer: importInWorker(workerFile) });
  await workerLibrary.importFile({ fileName: 'warm-up.txt', bytes: book('moby-dick.txt') });
  for (const [label, fileName, bytes] of onWorker.slice(1)) {
    const whole = await paused(() => workerLibrary.importFile({ fileName: `${run++}-${fileName}`, bytes }));
    pauses.set(`library.importFile: ${label}`, { ...whole, bytes: bytes.length });
  }
  await workerLibrary.close();

  await writeFile(join(scratch, 'index.html'), '<!doctype html><title>Marginalia</title>');
  const host = await startBrowserHost({ dataDir: join(scratch, 'host-library'), rendererDir: scratch, importWorker: workerFile });
  await post(host, 'importFile', Buffer.from(JSON.stringify({ fileName: 'warm-up.txt', dataBase64: toBase64Pieces(book('moby-dick.txt')) })));
  for (const [label, fileName, bytes] of onWorker.slice(1)) {
    // Each run its own file name (a new article), its body made before the clock starts.
    const dataBase64 = toBase64Pieces(bytes);
    const bodies = Array.from({ length: WORKER_RUNS }, () => Buffer.from(JSON.stringify({ fileName: `${run++}-${fileName}`, dataBase64 })));
    const over = await paused(async () => {
      const answer = await post(host, 'importFile', bodies.shift()!);
      if (!answer.startsWith('{"ok":true')) throw new Error(`HTTP importFile: ${answer.slice(0, 200)}`);
    });
    pauses.set(`HTTP importFile: ${label}`, { ...over, bytes: bytes.length });
  }
  await host.close();

  execFileSync(process.execPath, [corpus('hostile/generate-large.mjs'), scratch]);
  const longLine = readFileSync(join(scratch, 'long-line-5MiB.txt'));
  const tooLarge = new Uint8Array(MAX_IMPORT_BYTES + 10 * 1024 * 1024).fill(0x3c);
  hostile.set('refuse 100,000 nested divs', await timed(() => importContent('nested.html', nestedDivs(100_000))));
  hostile.set('refuse 200,000 nested divs', await timed(() => importContent('nested.html', nestedDivs(200_000))));
  hostile.set('refuse a 60 MB page', await timed(() => importContent('big.html', tooLarge)));
  hostile.set('import a 5 MiB single line', await timed(() => importContent('long-line-5MiB.txt', longLine)));
} finally {
  await rm(scratch, { recursive: true, force: true });
}

printTable(
  `Import time, median of ${RUNS} (ms)`,
  ['file', 'MB', 'blocks', 'importContent', 'library.importFile'],
  [...results].map(([file, r]) => [file, round(r.bytes / 1024 / 1024), r.blocks, round(r.core, 1), round(r.library, 1)]),
);
printTable(
  `Host thread during imports on the worker, median of ${WORKER_RUNS} (ms)`,
  ['import', 'MB', 'longest pause', 'took'],
  [...pauses].map(([label, p]) => [label, round(p.bytes / 1024 / 1024), round(p.pause), round(p.took)]),
);
printTable(`Hostile files in this thread, median of ${RUNS} (ms)`, ['case', 'time'], [...hostile].map(([label, ms]) => [label, round(ms, 1)]));

const ms = (file: string) => round(results.get(file)!.library, 1);
const pause = (label: string) => round(pauses.get(label)!.pause);
console.log(
  JSON.stringify({
    bench: 'import',
    moby_txt_ms: ms('moby-dick.txt'),
    moby_html_ms: ms('moby-dick.html'),
    pride_txt_ms: ms('pride-and-prejudice.txt'),
    pride_html_ms: ms('pride-and-prejudice.html'),
    war_and_peace_txt_ms: ms('war-and-peace.txt'),
    war_and_peace_html_ms: ms('war-and-peace.html'),
    host_pause_war_and_peace_html_ms: pause('importer: War and Peace page'),
    host_pause_49mb_txt_ms: pause('importer: text, 49 MB'),
    host_pause_49mb_html_ms: pause('importer: HTML, 49 MB'),
    host_pause_library_49mb_txt_ms: pause('library.importFile: text, 49 MB'),
    host_pause_library_49mb_html_ms: pause('library.importFile: HTML, 49 MB'),
    host_pause_http_49mb_txt_ms: pause('HTTP importFile: text, 49 MB'),
    host_pause_http_49mb_html_ms: pause('HTTP importFile: HTML, 49 MB'),
    refuse_nested_100k_ms: round(hostile.get('refuse 100,000 nested divs')!, 1),
    refuse_nested_200k_ms: round(hostile.get('refuse 200,000 nested divs')!, 1),
    refuse_60mb_ms: round(hostile.get('refuse a 60 MB page')!, 1),
    long_line_5mib_ms: round(hostile.get('import a 5 MiB single line')!, 1),
    epub_ms: ms('moby-dick.epub'),
    epub_html_ms: ms('moby-dick.html'),
    epub_ratio: round(results.get('moby-dick.epub')!.library / results.get('moby-dick.html')!.library, 2),
    largest_epub_ms: ms('accessible_epub_3.epub'),
    clippings_ms: ms('kindle-my-clippings.txt'),
  }),
);
