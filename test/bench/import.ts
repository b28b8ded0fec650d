/**
 * npm run bench:import — how long importing a book takes.
 *
 * Moby Dick, Pride and Prejudice and War and Peace, as plain text and as the
 * Project Gutenberg web page: `importContent` alone (decode, parse, find the
 * article, map to the schema), then the whole `library.importFile` (that,
 * plus the schema check, the article text and hash, and the durable write to
 * a temporary library folder). Median of 5 runs each, after one warm-up.
 * Last line: one JSON object of the headline figures.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLibrary } from '../../main/core/index.js';
import { importContent } from '../../main/core/import/index.js';
import { median, printTable, round } from './table.js';

const RUNS = 5;
const BOOKS = ['moby-dick', 'pride-and-prejudice', 'war-and-peace'] as const;
const book = (name: string) => readFileSync(new URL(`../../../shared/corpus/books/${name}`, import.meta.url));

async function timed(run: () => unknown): Promise<number> {
  await run(); // warm-up: JIT, and the libraries' first use
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

const scratch = await mkdtemp(join(tmpdir(), 'marginalia-bench-import-'));
const results = new Map<string, { core: number; library: number; bytes: number; blocks: number }>();
try {
  const library = await openLibrary({ dataDir: scratch });
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
  await library.close();
} finally {
  await rm(scratch, { recursive: true, force: true });
}

printTable(
  `Import time, median of ${RUNS} (ms)`,
  ['file', 'MB', 'blocks', 'importContent', 'library.importFile'],
  [...results].map(([file, r]) => [file, round(r.bytes / 1024 / 1024), r.blocks, round(r.core, 1), round(r.library, 1)]),
);

const ms = (file: string) => round(results.get(file)!.library, 1);
console.log(
  JSON.stringify({
    bench: 'import',
    moby_txt_ms: ms('moby-dick.txt'),
    moby_html_ms: ms('moby-dick.html'),
    pride_txt_ms: ms('pride-and-prejudice.txt'),
    pride_html_ms: ms('pride-and-prejudice.html'),
    war_and_peace_txt_ms: ms('war-and-peace.txt'),
    war_and_peace_html_ms: ms('war-and-peace.html'),
  }),
);
