/**
 * npm run bench:store — the store at a lifetime of reading.
 *
 * 1,000 articles × 100 highlights (100,000 highlights); then 200 single
 * highlight additions, each timed to its durable acknowledgement, against
 * ours and, in the same run, the naive design (one lowdb JSONFile holding
 * everything). Library open + list at 1,000 and 10,000 articles; resident
 * memory; and the full crash test (100 SIGKILLs).
 *
 * The last line is one JSON object with the headline figures.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { openLibrary, writeFileDurably } from '../../main/core/index.js';
import { describe } from '../../shared/anchoring/index.js';
import type { Article, Highlight } from '../../shared/model.js';
import { codePoints, utf16 } from '../../shared/offsets.js';
import { runCrashTest } from '../support/crash-test.js';
import { makeHighlights, sampleContent, writeLibrary } from './store-fixture.js';
import { median, printTable, quantile, round } from './table.js';

const ADDITIONS = 200;
const KILLS = Number(process.env.KILLS ?? 100);
const scratch = await mkdtemp(join(tmpdir(), 'marginalia-bench-store-'));
// This run's libraries are one device of their own, not the machine's (whose identity file the app keeps outside any library).
process.env.MARGINALIA_DEVICE_FILE ??= join(scratch, 'device.json');
const { text } = sampleContent();
const randomRange = () => {
  const start = Math.floor(Math.random() * (text.length - 200));
  return { start, end: start + 20 + Math.floor(Math.random() * 150) };
};

try {
  // --- Ours: 1,000 × 100 --------------------------------------------------
  const oursDir = join(scratch, 'ours-1k');
  console.log('building 1,000 articles × 100 highlights…');
  const ids = await writeLibrary(oursDir, 1000, 100);
  const listTimes1k: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const library = await openLibrary({ dataDir: oursDir });
    const list = await library.listArticles();
    listTimes1k.push(performance.now() - t);
    if (list.length !== 1000 || list.some((a) => a.highlightCount !== 100)) throw new Error('library list is wrong');
    await library.close();
  }
  const library = await openLibrary({ dataDir: oursDir });
  // Setup made ~100 MB of garbage; collect it now so its GC pauses are not charged to the store.
  global.gc?.();
  const ours: number[] = [];
  for (let i = 0; i < ADDITIONS; i++) {
    const articleId = ids[Math.floor(Math.random() * ids.length)]!;
    const t = performance.now();
    const { start, end } = randomRange();
    await library.createHighlight({ articleId, start: codePoints(start), end: codePoints(end), color: 'yellow', note: `addition ${i}` });
    ours.push(performance.now() - t);
  }
  await library.close();
  // The floor on this disk, in this run: the same durable write (temp file, fsync, rename, fsync folder) alone.
  const floor: number[] = [];
  const sampleFile = await readFile(join(oursDir, 'articles', ids[0]!, 'highlights.json'));
  for (let i = 0; i < ADDITIONS; i++) {
    const t = performance.now();
    await writeFileDurably(join(oursDir, 'articles', ids[i % ids.length]!, 'floor.json'), sampleFile);
    floor.push(performance.now() - t);
  }
  const total = (await (await openLibrary({ dataDir: oursDir })).listArticles()).reduce((n, a) => n + a.highlightCount, 0);
  if (total !== 100_000 + ADDITIONS) throw new Error(`expected ${100_000 + ADDITIONS} highlights, found ${total}`);

  // --- Naive: one lowdb JSONFile holding everything ------------------------
  console.log('building the naive single-file library…');
  const { content } = sampleContent();
  const naivePath = join(scratch, 'naive.json');
  const naive = new Low<{ articles: Article[]; highlights: Highlight[] }>(new JSONFile(naivePath), { articles: [], highlights: [] });
  for (let i = 0; i < 1000; i++) {
    const articleId = `a-naive${String(i).padStart(10, '0')}`;
    naive.data.articles.push({
      id: articleId,
      title: `${content.title} (${i + 1})`,
      source: { kind: 'file', name: `article-${i + 1}.txt` },
      importedAt: new Date().toISOString(),
      contentHash: '0'.repeat(64),
      tags: [],
      document: content.document,
    });
    naive.data.highlights.push(...makeHighlights(articleId, text, 100, new Date().toISOString()));
  }
  await naive.write();
  global.gc?.();
  const naiveTimes: number[] = [];
  for (let i = 0; i < ADDITIONS; i++) {
    const article = naive.data.articles[Math.floor(Math.random() * 1000)]!;
    const { start, end } = randomRange();
    const t = performance.now();
    const at = new Date().toISOString();
    naive.data.highlights.push({
      id: `h-naive${String(i).padStart(10, '0')}`,
      articleId: article.id,
      target: describe(text, utf16(start), utf16(end)),
      color: 'yellow',
      note: `addition ${i}`,
      tags: [],
      createdAt: at,
      updatedAt: at,
    });
    await naive.write();
    naiveTimes.push(performance.now() - t);
  }

  // --- Open + list at 10,000 articles --------------------------------------
  console.log('building 10,000 articles × 10 highlights…');
  const bigDir = join(scratch, 'ours-10k');
  await writeLibrary(bigDir, 10_000, 10);
  const rebuild = performance.now();
  await (await openLibrary({ dataDir: bigDir })).close(); // first open builds the index
  const rebuildMs = performance.now() - rebuild;
  const listTimes10k: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const big = await openLibrary({ dataDir: bigDir });
    const list = await big.listArticles();
    listTimes10k.push(performance.now() - t);
    if (list.length !== 10_000) throw new Error('10k list is wrong');
    await big.close();
  }
  global.gc?.();
  const rssMb = process.memoryUsage().rss / 1024 / 1024;

  // --- Crash test ------------------------------------------------------------
  console.log(`crash test: ${KILLS} SIGKILLs…`);
  const crashDir = join(scratch, 'crash');
  const crashLibrary = await openLibrary({ dataDir: crashDir, defaultArticlePath: new URL('../../assets/putin-obama-syria.txt', import.meta.url).pathname });
  const [crashArticle] = await crashLibrary.listArticles();
  await crashLibrary.close();
  const crash = await runCrashTest({ dataDir: crashDir, articleId: crashArticle!.id, kills: KILLS, seed: Date.now() % 100_000 });
  for (const p of crash.problems) console.log(`  problem: ${p}`);

  const p95 = quantile(ours, 0.95);
  const naiveP95 = quantile(naiveTimes, 0.95);
  printTable('Single-highlight addition, time to durable acknowledgement (100,000 highlights in the library)', ['design', 'n', 'p50 ms', 'p95 ms', 'max ms'], [
    ['ours (journal append + fdatasync)', ADDITIONS, round(median(ours)), round(p95), round(Math.max(...ours))],
    ['one whole-file durable write (temp, fsync, rename, fsync dir)', ADDITIONS, round(median(floor)), round(quantile(floor, 0.95)), round(Math.max(...floor))],
    ['naive (one lowdb JSONFile, no fsync)', ADDITIONS, round(median(naiveTimes)), round(naiveP95), round(Math.max(...naiveTimes))],
    ['ratio naive / ours (p95)', '', round(median(naiveTimes) / median(ours), 1), round(naiveP95 / p95, 1), ''],
  ]);
  printTable('Library open + list of all articles with counts (median of 5)', ['articles', 'ms', 'target'], [
    ['1,000', round(median(listTimes1k)), '≤ 200'],
    ['10,000', round(median(listTimes10k)), '≤ 200'],
    ['10,000, first open (index built from the folders)', round(rebuildMs), ''],
  ]);
  printTable('Memory and crash test', ['measure', 'value'], [
    ['resident memory after the runs (MB)', round(rssMb, 0)],
    ['kills', crash.kills],
    ['acknowledged changes', crash.acked],
    ['lost (must be 0)', crash.lost],
    ['corrupt (must be 0)', crash.corrupt],
  ]);
  console.log(
    JSON.stringify({
      bench: 'store',
      p50_ms: round(median(ours)),
      p95_ms: round(p95),
      naive_p95_ms: round(naiveP95),
      ratio_vs_naive: round(naiveP95 / p95, 1),
      list_1k_ms: round(median(listTimes1k)),
      list_10k_ms: round(median(listTimes10k)),
      kills: crash.kills,
      acked: crash.acked,
      lost: crash.lost,
      corrupt: crash.corrupt,
    }),
  );
} finally {
  await rm(scratch, { recursive: true, force: true });
}
