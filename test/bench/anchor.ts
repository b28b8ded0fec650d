/**
 * npm run bench:anchor — a long book with 2,000 highlights, in our reader in
 * Chromium, against two DOM anchoring libraries on the same text. Every time
 * runs up to a forced layout (offsetHeight); medians of 5. Our reader is timed
 * from the moment the article's data is in the page (as the peers' text is in
 * theirs) and, in extra rows, from the click that fetches it from main.
 *
 * (1) plain: Moby Dick in our reader, no highlights
 * (2) ours: the same article with 2,000 highlights anchored and painted
 * (3) dom-anchor-text-position toRange + a <mark> around each range, on plain <p>s
 * (4) @apache-annotator/dom matcher (all matches read, as it documents) + highlightText, 100 highlights, per highlight
 * and (1), (2) for War and Peace. Last line: one JSON object.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { startBrowserHost } from '../../main/browser-host/server.js';
import { openLibrary } from '../../main/core/index.js';
import { utf16 } from '../../shared/offsets.js';
import { randomGenerator, wordAlignedPassage } from './edits.js';
import { median, printTable, round } from './table.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HIGHLIGHTS = 2000;
const RUNS = 5;
const scratch = await mkdtemp(join(tmpdir(), 'marginalia-bench-anchor-'));
const random = randomGenerator(7);

/** Word-aligned passages of 20–300 characters inside one paragraph: article offsets and paragraph index. */
function passages(text: string, count: number) {
  const paragraphs = text.split('\n');
  const starts: number[] = [];
  for (let i = 0, at = 0; i < paragraphs.length; i++, at += paragraphs[i - 1]!.length + 1) starts.push(at);
  const out: { start: number; end: number; paragraph: number }[] = [];
  const long = paragraphs.map((p, i) => [i, p] as const).filter(([, p]) => p.length >= 40);
  while (out.length < count) {
    const [i, p] = long[Math.floor(random() * long.length)]!;
    const passage = wordAlignedPassage(p, random);
    if (passage) out.push({ start: starts[i]! + passage.start, end: starts[i]! + passage.end, paragraph: i });
  }
  return { paragraphs, passages: out };
}

/** Imports a book twice (plain, and with highlights); returns ids and the passages. */
async function prepare(dataDir: string, book: string) {
  const library = await openLibrary({ dataDir });
  const bytes = readFileSync(join(ROOT, '../shared/corpus/books', book));
  const plain = (await library.importFile({ fileName: book, bytes })).summary.id;
  // A second import of the same title and author would be a new version of the first article:
  // the highlighted copy gets a title of its own (a few characters more in its header).
  const copy = Buffer.from(bytes.toString('utf8').replace(/^Title: ([^\r\n]*)/m, 'Title: $1 (highlighted copy)'));
  const marked = (await library.importFile({ fileName: book, bytes: copy })).summary.id;
  if (marked === plain) throw new Error(`${book}: the copy was taken for a new version of the same article`);
  const index = await library.indexOf(marked);
  const blocks = (await library.getArticle(marked)).article.document.content?.length ?? 0;
  const { paragraphs, passages: chosen } = passages(index.text, HIGHLIGHTS);
  const colors = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
  const targets = [];
  for (const [n, p] of chosen.entries()) {
    const h = await library.createHighlight({ articleId: marked, start: index.toCodePoint(utf16(p.start)), end: index.toCodePoint(utf16(p.end)), color: colors[n % 5]! });
    targets.push({ ...p, quote: h.target.quote });
  }
  await library.close();
  return { plain, marked, blocks, paragraphs, targets };
}

/**
 * Opens an article by clicking it in the library and times it to a forced layout: `open` from the
 * click (the article's 2–3 MB travel from main over the host's HTTP), `render` from the renderer's
 * `marginalia:article-received` mark (the article's data is in the page, as the peers' text is in
 * theirs). Then checks, outside the timing, that every block is there and the painted passages are the quotes.
 */
interface Timing {
  open: number;
  render: number;
  frame: number;
}

async function openInReader(page: Page, articleId: string, blocks: number, quotes: readonly string[]): Promise<Timing> {
  // A string, not a function: tsx would add helpers to a function's source that the page does not have.
  return page.evaluate(`(async () => {
    const shown = new Promise((resolve) => {
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          if (entry.name === 'marginalia:article-shown' && entry.detail.articleId === '${articleId}') { observer.disconnect(); resolve(); }
      });
      observer.observe({ type: 'mark' });
    });
    const t = performance.now();
    document.querySelector('.library-item[data-article-id="${articleId}"]').click();
    await shown;
    void document.body.offsetHeight;
    const end = performance.now();
    // And to the next painted frame, where the browser paints what layout placed (and, for ours, the CSS highlights).
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const frame = performance.now();
    const received = performance.getEntriesByName('marginalia:article-received').filter((m) => m.detail.articleId === '${articleId}' && m.startTime >= t)[0];
    performance.clearMarks();
    const article = document.querySelector('.article');
    // A long book is shown in parts (div.article-part, data-blocks) added between frames after the first screen:
    // the check waits, outside the timing, until every part is in and painted.
    const shownBlocks = () => [...article.children].reduce((n, child) => n + (child.classList.contains('article-part') ? Number(child.dataset.blocks) : 1), 0);
    // Every passage painted: the texts of the CSS highlights' ranges are the highlights' quotes.
    const paintedTexts = () => [...CSS.highlights].flatMap(([, highlight]) => [...highlight]).map((r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range.toString();
    }).sort();
    const quotes = ${JSON.stringify(quotes)}.slice().sort();
    const sameAsQuotes = (painted) => painted.length === quotes.length && painted.every((text, i) => text === quotes[i]);
    const waitUntil = Date.now() + 60000;
    let painted = paintedTexts();
    while ((shownBlocks() !== ${blocks} || !sameAsQuotes(painted)) && Date.now() < waitUntil) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      painted = paintedTexts();
    }
    if (shownBlocks() !== ${blocks} || !sameAsQuotes(painted))
      throw new Error('the reader shows ' + shownBlocks() + ' blocks and ' + painted.length + ' highlights, not ${blocks} and ' + quotes.length + (painted.length === quotes.length ? ' (other passages)' : ''));
    return { open: end - t, render: end - received.startTime, frame: frame - received.startTime };
  })()`) as Promise<Timing>;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const peersBundle = await build({ entryPoints: [join(ROOT, 'test/bench/anchor-peers.ts')], bundle: true, format: 'iife', write: false, platform: 'browser', target: 'chrome120', logLevel: 'error' });
  const peersCode = peersBundle.outputFiles[0]!.text;
  const results: Record<string, number> = {};

  for (const book of ['moby-dick.txt', 'war-and-peace.txt']) {
    console.log(`preparing ${book}…`);
    const dataDir = join(scratch, book);
    const { plain, marked, blocks, paragraphs, targets } = await prepare(dataDir, book);
    const host = await startBrowserHost({ dataDir, rendererDir: join(ROOT, 'dist/renderer') });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.url);
    await page.locator('.article-title').waitFor({ timeout: 60_000 });
    const times = { plain: [] as Timing[], ours: [] as Timing[] };
    for (let r = 0; r < RUNS; r++) {
      times.plain.push(await openInReader(page, plain, blocks, []));
      times.ours.push(await openInReader(page, marked, blocks, targets.map((t) => t.quote.exact)));
    }
    for (const which of ['plain', 'ours'] as const) {
      results[`${book}:${which}`] = median(times[which].map((t) => t.render));
      results[`${book}:${which}:open`] = median(times[which].map((t) => t.open));
      results[`${book}:${which}:frame`] = median(times[which].map((t) => t.frame));
    }
    await page.close();
    await host.close();

    if (book === 'moby-dick.txt') {
      // The peers, on the same text as plain paragraphs. A line break between the <p>s makes the
      // page's text exactly the article text (blocks joined by "\n"), so the same selectors apply:
      // a quote's prefix or suffix often reaches into the next paragraph.
      const html = `<!doctype html><meta charset="utf-8"><div id="root">${paragraphs.map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('\n')}</div>`;
      const domSelectors = targets.map((t) => ({ start: t.start, end: t.end }));
      const tp: number[] = [];
      const tpFrame: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const peer = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        await peer.setContent(html);
        await peer.addScriptTag({ content: peersCode });
        const { layout, frame } = (await peer.evaluate(`peers.textPosition(document.getElementById('root'), ${JSON.stringify(domSelectors)})`)) as { layout: number; frame: number };
        tp.push(layout);
        tpFrame.push(frame);
        if (r === 0) {
          const marksOk = (await peer.evaluate(`document.querySelectorAll('mark').length`)) as number;
          if (marksOk < HIGHLIGHTS) throw new Error(`dom-anchor-text-position painted ${marksOk} marks`);
        }
        await peer.close();
      }
      results.textposition = median(tp);
      results['textposition:frame'] = median(tpFrame);
      const apachePerHighlight: number[] = [];
      for (let r = 0; r < 3; r++) {
        const peer = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        await peer.setContent(html);
        await peer.addScriptTag({ content: peersCode });
        const subset = targets.slice(r * 100, r * 100 + 100).map((t) => t.quote);
        const { ms, found } = (await peer.evaluate(`peers.apache(document.getElementById('root'), ${JSON.stringify(subset)})`)) as { ms: number; found: number };
        if (found !== subset.length) throw new Error(`@apache-annotator/dom found ${found} of ${subset.length} quotes`);
        apachePerHighlight.push(ms / subset.length);
        await peer.close();
      }
      results.apache = median(apachePerHighlight);
    }
  }

  const ours = results['moby-dick.txt:ours']!;
  const oursPer = ours / HIGHLIGHTS;
  printTable(`Anchoring and painting ${HIGHLIGHTS} highlights, to a forced layout (median of ${RUNS})`, ['what', 'ms', 'vs ours'], [
    ['(1) plain — Moby Dick in our reader, no highlights', round(results['moby-dick.txt:plain']!), ''],
    ['(2) ours — the same with 2,000 highlights', round(ours), '1'],
    ['(3) dom-anchor-text-position + <mark>, 2,000', round(results.textposition!), round(results.textposition! / ours, 1)],
    ['(4) @apache-annotator/dom, per highlight (100)', round(results.apache!), round(results.apache! / oursPer, 0)],
    ['(1) plain — War and Peace', round(results['war-and-peace.txt:plain']!), ''],
    ['(2) ours — War and Peace, 2,000 highlights', round(results['war-and-peace.txt:ours']!), ''],
    ['to the next painted frame:', '', ''],
    ['(1) plain — Moby Dick', round(results['moby-dick.txt:plain:frame']!), ''],
    ['(2) ours — Moby Dick with 2,000 highlights', round(results['moby-dick.txt:ours:frame']!), round(results['textposition:frame']! / results['moby-dick.txt:ours:frame']!, 1)],
    ['(3) dom-anchor-text-position + <mark>, 2,000', round(results['textposition:frame']!), ''],
    ['from the click, incl. fetching the article from main:', '', ''],
    ['(1) plain — Moby Dick, opened', round(results['moby-dick.txt:plain:open']!), ''],
    ['(2) ours — Moby Dick with 2,000 highlights, opened', round(results['moby-dick.txt:ours:open']!), round(results.textposition! / results['moby-dick.txt:ours:open']!, 1)],
    ['(2) ours — War and Peace with 2,000 highlights, opened', round(results['war-and-peace.txt:ours:open']!), ''],
  ]);
  console.log(
    JSON.stringify({
      bench: 'anchor',
      plain_ms: round(results['moby-dick.txt:plain']!),
      ours_ms: round(ours),
      textposition_ms: round(results.textposition!),
      ratio_vs_textposition: round(results.textposition! / ours, 2),
      apache_per_highlight_ms: round(results.apache!),
      ratio_vs_apache_per_highlight: round(results.apache! / oursPer, 0),
      war_and_peace_ours_ms: round(results['war-and-peace.txt:ours']!),
      plain_open_ms: round(results['moby-dick.txt:plain:open']!),
      ours_open_ms: round(results['moby-dick.txt:ours:open']!),
      ours_frame_ms: round(results['moby-dick.txt:ours:frame']!),
      textposition_frame_ms: round(results['textposition:frame']!),
      war_and_peace_ours_open_ms: round(results['war-and-peace.txt:ours:open']!),
    }),
  );
} finally {
  await browser.close();
  await rm(scratch, { recursive: true, force: true });
}
