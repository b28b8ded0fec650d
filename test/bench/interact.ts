/**
 * npm run bench:interact — how a long book feels in the reader, in real
 * Chromium: War and Peace and Moby Dick with 2,000 highlights each (200 with
 * notes), the short sample article, and each book's own Gutenberg HTML opened
 * as a plain page in the same browser (the floor). Five runs, round-robin;
 * medians. Every time runs from the input event to the frame painted after
 * its result is on screen (see interact-probe.js), never to a mark of ours.
 * Last line: one JSON object with the War and Peace figures.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startBrowserHost } from '../../main/browser-host/server.js';
import { buildImportWorker } from '../support/import-worker.js';
import { BOOKS, highlightArticle, hostCaller, importWithHighlights, type BenchArticle } from '../support/highlighted-library.js';
import { interactions, openArticle, openPlainPage, scrollAt, memoryOf, type Interactions } from './interact-steps.js';
import { median, printTable, quantile, round } from './table.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 5);
const HIGHLIGHTS = 2000;
const NOTES = 200;
const FRACTIONS = [0.1, 0.5, 0.9] as const;

const scratch = await mkdtemp(join(tmpdir(), 'marginalia-bench-interact-'));
const books = BOOKS(ROOT);

/** Everything measured for one subject, over all runs. */
interface Subject {
  name: string;
  open: { readable: number[]; complete: number[]; interactive: number[] };
  scroll: Map<number, number[]>;
  acts: { [K in keyof Interactions]: number[] };
  heapMb: number[];
  domNodes: number[];
}

const subject = (name: string): Subject => ({
  name,
  open: { readable: [], complete: [], interactive: [] },
  scroll: new Map(FRACTIONS.map((f) => [f, []])),
  acts: { select: [], click: [], recolour: [], noteKey: [], tag: [], remove: [], highlightKey: [] },
  heapMb: [],
  domNodes: [],
});

const host = await startBrowserHost({
  dataDir: join(scratch, 'library'),
  rendererDir: join(ROOT, 'dist/renderer'),
  defaultArticlePath: join(ROOT, 'assets/putin-obama-syria.txt'),
  importWorker: await buildImportWorker(scratch),
});
let context: BrowserContext | undefined;
try {
  const call = hostCaller(host.url, host.token);
  console.log('preparing the library (2 books × 2,000 highlights, through the contract)…');
  const sampleId = (await call<{ id: string }[]>('listArticles'))[0]!.id;
  const articles: BenchArticle[] = [
    await importWithHighlights(call, books.warAndPeace, 'War and Peace', HIGHLIGHTS, NOTES, 1),
    await importWithHighlights(call, books.mobyDick, 'Moby Dick', HIGHLIGHTS, NOTES, 2),
    await highlightArticle(call, sampleId, 'sample article', 3, 1, 3),
  ];
  const plainPages = [
    { name: 'War and Peace, plain page', url: pathToFileURL(books.warAndPeaceHtml).href },
    { name: 'Moby Dick, plain page', url: pathToFileURL(books.mobyDickHtml).href },
  ];

  context = await chromium.launchPersistentContext(join(scratch, 'profile'), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    colorScheme: 'light',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await context.addInitScript({ path: join(ROOT, 'test/bench/interact-probe.js') });
  const reader: Page = context.pages()[0] ?? (await context.newPage());
  // A failure in the page is a failure of the bench, said where it happened.
  reader.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  reader.on('console', (message) => message.type() === 'error' && console.error(`page console: ${message.text()}`));
  await reader.goto(host.url);
  await reader.locator('.article-title').waitFor({ timeout: 60_000 });
  const plain: Page = await context.newPage();

  const ours = articles.map((a) => subject(a.name));
  const floors = plainPages.map((p) => subject(p.name));
  for (let run = 0; run < RUNS; run++) {
    console.log(`run ${run + 1} of ${RUNS}…`);
    for (const [i, article] of articles.entries()) {
      await reader.bringToFront();
      const s = ours[i]!;
      if (process.env.VERBOSE) console.log(`  ${article.name}: open`);
      const opened = await openArticle(reader, article);
      s.open.readable.push(opened.readable);
      s.open.complete.push(opened.complete);
      s.open.interactive.push(opened.interactive);
      const memory = await memoryOf(context, reader);
      s.heapMb.push(memory.heapMb);
      s.domNodes.push(memory.domNodes);
      if (article.highlights >= HIGHLIGHTS) for (const f of FRACTIONS) s.scroll.get(f)!.push(...(await scrollAt(reader, f)));
      if (process.env.VERBOSE) console.log(`  ${article.name}: interactions`);
      const acted = await interactions(reader, run);
      for (const key of Object.keys(acted) as (keyof Interactions)[]) s.acts[key].push(acted[key]);
    }
    for (const [i, floor] of plainPages.entries()) {
      await plain.bringToFront();
      const s = floors[i]!;
      const opened = await openPlainPage(plain, floor.url);
      s.open.readable.push(opened.readable);
      s.open.complete.push(opened.complete);
      s.open.interactive.push(opened.complete);
      for (const f of FRACTIONS) s.scroll.get(f)!.push(...(await scrollAt(plain, f)));
      const memory = await memoryOf(context, plain);
      s.heapMb.push(memory.heapMb);
      s.domNodes.push(memory.domNodes);
    }
  }
  report(ours, floors);
} finally {
  await context?.close().catch(() => undefined);
  await host.close();
  await rm(scratch, { recursive: true, force: true });
}

function report(ours: Subject[], floors: Subject[]): void {
  const all = [...ours, ...floors];
  const m = (xs: number[]) => (xs.length ? round(median(xs), 1) : '—');
  const frames = (s: Subject, f?: number) => (f === undefined ? [...s.scroll.values()].flat() : s.scroll.get(f)!);
  const rows: (string | number)[][] = [
    ['open: click → first screen readable', ...all.map((s) => m(s.open.readable))],
    ['open: click → whole book in, highlights painted', ...all.map((s) => m(s.open.complete))],
    ['open: click → fully interactive (no long task after)', ...all.map((s) => m(s.open.interactive))],
  ];
  for (const f of FRACTIONS) {
    const cell = (s: Subject) => (frames(s, f).length ? `${m(frames(s, f))} / ${round(quantile(frames(s, f), 0.95), 1)} / ${round(Math.max(...frames(s, f)), 1)}` : '—');
    rows.push([`scroll at ${f * 100}%: frame median / p95 / max`, ...all.map(cell)]);
  }
  const labels: Record<keyof Interactions, string> = {
    select: 'select in the side list → shown active',
    click: 'click a highlight in the text → active',
    recolour: 'recolour the active highlight',
    noteKey: 'type a character in a note',
    tag: 'add a tag (Enter) → chip shown',
    remove: 'Delete the active highlight → gone',
    highlightKey: 'select a passage, h → painted',
  };
  for (const key of Object.keys(labels) as (keyof Interactions)[]) rows.push([labels[key], ...all.map((s) => m(s.acts[key]))]);
  rows.push(['renderer JS heap, MB (after GC)', ...all.map((s) => m(s.heapMb))]);
  rows.push(['DOM nodes', ...all.map((s) => m(s.domNodes))]);
  printTable(`Interacting with a long book: ms from the input event to the painted frame, median of ${RUNS} runs`, ['what', ...all.map((s) => s.name)], rows);

  const [wp, , sample] = ours as [Subject, Subject, Subject];
  const [plainWp] = floors as [Subject];
  const scrollRatio = median(frames(wp)) / median(frames(plainWp));
  const worstRatio = Math.max(...(Object.keys(labels) as (keyof Interactions)[]).map((k) => median(wp.acts[k]) / median(sample.acts[k])));
  const targets: [string, boolean, string][] = [
    ['scroll median ≤ 1.2× the plain page', scrollRatio <= 1.2, `${round(scrollRatio, 2)}×`],
    ['scroll p95 ≤ 33 ms', quantile(frames(wp), 0.95) <= 33, `${round(quantile(frames(wp), 0.95), 1)} ms`],
    ['each interaction ≤ 2× the sample article', worstRatio <= 2, `worst ${round(worstRatio, 2)}×`],
    ['each interaction ≤ 50 ms median', Object.values(wp.acts).every((xs) => median(xs) <= 50), `worst ${round(Math.max(...Object.values(wp.acts).map(median)), 1)} ms`],
    ['open to readable ≤ 300 ms', median(wp.open.readable) <= 300, `${round(median(wp.open.readable), 1)} ms`],
    ['open to interactive ≤ the plain page\'s open', median(wp.open.interactive) <= median(plainWp.open.complete), `${round(median(wp.open.interactive), 1)} vs ${round(median(plainWp.open.complete), 1)} ms`],
  ];
  printTable('Targets, War and Peace, in the same run', ['target', 'met', 'measured'], targets.map(([t, ok, v]) => [t, ok ? 'yes' : 'NO', v]));
  console.log(
    JSON.stringify({
      bench: 'interact',
      runs: RUNS,
      scroll_ratio_vs_plain: round(scrollRatio, 2),
      scroll_median_ms: round(median(frames(wp)), 1),
      scroll_p95_ms: round(quantile(frames(wp), 0.95), 1),
      scroll_max_ms: round(Math.max(...frames(wp)), 1),
      plain_scroll_median_ms: round(median(frames(plainWp)), 1),
      open_readable_ms: round(median(wp.open.readable), 1),
      open_interactive_ms: round(median(wp.open.interactive), 1),
      plain_open_ms: round(median(plainWp.open.complete), 1),
      select_ms: round(median(wp.acts.select), 1),
      click_ms: round(median(wp.acts.click), 1),
      recolour_ms: round(median(wp.acts.recolour), 1),
      delete_ms: round(median(wp.acts.remove), 1),
      highlight_key_ms: round(median(wp.acts.highlightKey), 1),
      note_key_ms: round(median(wp.acts.noteKey), 1),
      tag_ms: round(median(wp.acts.tag), 1),
      sample_highlight_key_ms: round(median(sample.acts.highlightKey), 1),
      worst_ratio_vs_sample: round(worstRatio, 2),
      heap_mb: round(median(wp.heapMb), 1),
      dom_nodes: median(wp.domNodes),
    }),
  );
}
