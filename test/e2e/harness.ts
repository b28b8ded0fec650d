import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, expect } from 'vitest';
import { startBrowserHost } from '../../main/browser-host/server.js';
import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import { TextIndex } from '../../shared/anchoring/index.js';
import { utf16 } from '../../shared/offsets.js';
import type { Color } from '../../shared/colors.js';
import type { Article, Highlight } from '../../shared/model.js';
import { buildImportWorker } from '../support/import-worker.js';
import { highlightsInFolder } from '../support/store-layout.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Everything the page did that a test may want to look at afterwards. */
export interface PageLog {
  consoleErrors: string[];
  pageErrors: string[];
  cspViolations: string[];
  foreignRequests: string[];
}

/** A running reader: the browser-mode host over a fresh data dir, and Chromium showing it. */
export interface ReaderSession {
  dataDir: string;
  url: string;
  origin: string;
  token: string;
  context: BrowserContext;
  page: Page;
  log: PageLog;
  /** Sends an event from main to the page, as the shell would. */
  broadcast(event: unknown): void;
  /** Calls an operation over the host's HTTP API, as another client would. */
  call<T = unknown>(op: string, request?: unknown): Promise<T>;
  close(): Promise<void>;
}

/** Closes a reader after a test, failing the test if its page threw or logged an error meanwhile. */
export async function closeReader(reader: ReaderSession): Promise<void> {
  try {
    expect(reader.log.pageErrors).toEqual([]);
    expect(reader.log.consoleErrors).toEqual([]);
  } finally {
    await reader.close();
  }
}

/** Builds the renderer into a fresh folder, so parallel runs never share an output. */
function buildRenderer(outDir: string): void {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  execFileSync(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

/**
 * The renderer and import worker, built once per test file into a folder of
 * their own, removed when the file's tests are done: a test file may then
 * start a fresh reader, over a fresh library, for each test.
 */
let built: { dir: string; ready: Promise<{ rendererDir: string; importWorker: string }> } | undefined;
function builtOnce(): Promise<{ rendererDir: string; importWorker: string }> {
  if (!built) {
    const dir = mkdtempSync(join(tmpdir(), 'marginalia-e2e-build-'));
    const ready = (async () => {
      const rendererDir = join(dir, 'renderer');
      buildRenderer(rendererDir);
      // As npm start does: files are parsed off the serving thread.
      return { rendererDir, importWorker: await buildImportWorker(dir) };
    })();
    built = { dir, ready };
  }
  return built.ready;
}
// Registered on the file that imports the harness (each test file has its own copy of this module).
afterAll(() => {
  if (built) rmSync(built.dir, { recursive: true, force: true });
  built = undefined;
});

/** Starts the browser host over a fresh, empty library (the sample article is imported into it) and a fresh Chromium profile. */
export async function startReader(): Promise<ReaderSession> {
  const { rendererDir, importWorker } = await builtOnce();
  const scratch = await mkdtemp(join(tmpdir(), 'marginalia-e2e-'));
  const dataDir = join(scratch, 'data');
  const profileDir = join(scratch, 'profile');
  const host = await startBrowserHost({
    dataDir,
    rendererDir,
    defaultArticlePath: join(ROOT, 'assets/putin-obama-syria.txt'),
    importWorker,
  });
  const origin = new URL(host.url).origin;
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    colorScheme: 'light',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const log: PageLog = { consoleErrors: [], pageErrors: [], cspViolations: [], foreignRequests: [] };
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error') log.consoleErrors.push(text);
    if (/Content Security Policy/i.test(text)) log.cspViolations.push(text);
  });
  page.on('pageerror', (error) => log.pageErrors.push(error.message));
  context.on('request', (request) => {
    const url = request.url();
    const own = url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:');
    if (!own) log.foreignRequests.push(url);
  });
  await page.exposeFunction('__reportCspViolation', (text: string) => log.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation;
      const where = `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`;
      report(`${event.violatedDirective} blocked ${event.blockedURI} at ${where}`);
    });
  });

  const call = <T>(op: string, payload: unknown = {}): Promise<T> =>
    new Promise((resolvePromise, reject) => {
      const body = JSON.stringify(payload);
      const req = httpRequest(
        `${origin}/api/${op}`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-marginalia-token': host.token,
            origin,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const result = JSON.parse(Buffer.concat(chunks).toString('utf8')) as
              | { ok: true; value: T }
              | { ok: false; error: { code: string; message: string } };
            if (result.ok) resolvePromise(result.value);
            else reject(new Error(`${op}: ${result.error.code}: ${result.error.message}`));
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  return {
    dataDir,
    url: host.url,
    origin,
    token: host.token,
    context,
    page,
    log,
    call,
    broadcast: (event) => host.broadcast(event as Parameters<typeof host.broadcast>[0]),
    async close() {
      await context.close().catch(() => undefined);
      await host.close();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

/** The id of the sample article, the only article of a fresh library. */
export async function sampleArticleId(reader: ReaderSession): Promise<string> {
  const [sample, ...others] = await reader.call<{ id: string; title: string }[]>('listArticles');
  if (!sample?.title.startsWith('Putin Says') || others.length > 0) throw new Error('not a fresh library: the sample article should be its only article');
  return sample.id;
}

/** What a highlight made through the contract may carry besides its passage. */
export interface HighlightRequest {
  color: Color;
  note?: string;
  tags?: string[];
}

/**
 * Highlights the first occurrence of `exact` (with \n between blocks) in an
 * article through the contract, as the page would: offsets in code points of
 * the article's text.
 */
export async function highlightQuote(reader: ReaderSession, articleId: string, exact: string, request: HighlightRequest): Promise<Highlight> {
  const { article } = await reader.call<{ article: Article }>('getArticle', { articleId });
  const text = articleText(documentFromJSON(article.document)).text;
  const at = text.indexOf(exact);
  if (at < 0) throw new Error(`not in the article: ${exact}`);
  const index = new TextIndex(text);
  return reader.call<Highlight>('createHighlight', { articleId, start: index.toCodePoint(utf16(at)), end: index.toCodePoint(utf16(at + exact.length)), ...request });
}

/** A highlight as stored, found by reading every JSON file under the data dir. */
export interface StoredHighlight {
  id: string;
  color: string;
  note: string;
  tags: string[];
  target: { quote: { exact: string } };
}

/**
 * Reads the highlights straight from the live files on disk, as the store
 * defines them: each article's snapshot (`highlights.json`) merged with every
 * device's journal of later changes (backups and quarantine are not the library's state).
 */
export async function highlightsOnDisk(dataDir: string): Promise<StoredHighlight[]> {
  const found: StoredHighlight[] = [];
  for (const id of await readdir(join(dataDir, 'articles'))) {
    found.push(...((await highlightsInFolder(dataDir, id)).highlights as unknown as StoredHighlight[]));
  }
  return found;
}

/** Clicks just before the first character of a phrase, leaving the caret there. */
export async function clickBefore(page: Page, phrase: string): Promise<void> {
  const point = await page.evaluate((wanted) => {
    const walker = document.createTreeWalker(document.querySelector('.article')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const at = node.data.indexOf(wanted);
      if (at < 0) continue;
      node.parentElement?.scrollIntoView({ block: 'center' });
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      const rect = range.getClientRects()[0]!;
      return { x: rect.left + 1, y: rect.top + rect.height / 2 };
    }
    throw new Error(`phrase not found: ${wanted}`);
  }, phrase);
  await page.mouse.click(point.x, point.y);
}

/**
 * Selects text of the article with the mouse: presses on the left half of the
 * first character of `from` and releases on the right half of the last
 * character of `to` (default: `from` itself).
 */
export async function selectWithMouse(page: Page, from: string, to: string = from): Promise<void> {
  // The article may still be coming into the page (its parts are added between frames): wait for the words.
  await page.waitForFunction((words) => (document.querySelector('.article')?.textContent ?? '').includes(words), from, { timeout: 15_000 }).catch(() => {});
  const points = await page.evaluate(({ from, to }) => {
    const article = document.querySelector('.article');
    if (!article) throw new Error('no article');
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
    const whole = nodes.map((n) => n.data).join('');
    const at = whole.indexOf(from);
    const endAt = whole.indexOf(to, at);
    if (at < 0 || endAt < 0) throw new Error(`text not found: ${from} … ${to}`);
    const locate = (offset: number): [Text, number] => {
      let rest = offset;
      for (const node of nodes) {
        if (rest < node.data.length) return [node, rest];
        rest -= node.data.length;
      }
      throw new Error('offset outside the article');
    };
    const [startNode, startOffset] = locate(at);
    const [endNode, endOffset] = locate(endAt + to.length - 1);
    startNode.parentElement?.scrollIntoView({ block: 'center' });
    const charBox = (node: Text, offset: number) => {
      const range = document.createRange();
      range.setStart(node, offset);
      range.setEnd(node, offset + 1);
      const rect = range.getClientRects()[0];
      if (!rect) throw new Error('character has no box');
      return rect;
    };
    const first = charBox(startNode, startOffset);
    const last = charBox(endNode, endOffset);
    return {
      from: { x: first.left + Math.min(2, first.width / 3), y: first.top + first.height / 2 },
      to: { x: last.right - Math.min(2, last.width / 3), y: last.top + last.height / 2 },
    };
  }, { from, to });
  await page.mouse.move(points.from.x, points.from.y);
  await page.mouse.down();
  await page.mouse.move((points.from.x + points.to.x) / 2, (points.from.y + points.to.y) / 2, { steps: 4 });
  await page.mouse.move(points.to.x, points.to.y, { steps: 4 });
  await page.mouse.up();
}

/** A passage the reader paints through the CSS Custom Highlight API (see renderer/reader/highlight-paint.ts). */
export interface PaintedPassage {
  color: string;
  /** 0, or higher where it overlaps a passage of the same colour. */
  layer: number;
  text: string;
  /** How many paragraphs it touches. */
  paragraphs: number;
  /** Its widest line box, in viewport coordinates, or null when it is not laid out. */
  box: { x: number; y: number; width: number; height: number } | null;
}

/**
 * The passages painted in the reader, in document order. Where a shorter
 * highlight of another colour lies inside one, the outer is painted in
 * pieces (its fill, its underline over the inner one, its fill again): the
 * pieces are one passage here, as the reader sees one highlight.
 */
export async function paintedPassages(page: Page): Promise<PaintedPassage[]> {
  return page.evaluate(() => {
    const found: { range: Range; under: boolean; passage: PaintedPassage }[] = [];
    const blockOf = (node: Node) => (node instanceof Element ? node : node.parentElement)?.closest('p, li, blockquote, h1, h2, h3, h4, h5, h6');
    const describe = (range: Range, color: string, layer: number): PaintedPassage => {
      const widest = Array.from(range.getClientRects()).sort((a, b) => b.width - a.width)[0];
      return {
        color,
        layer,
        text: range.toString(),
        paragraphs: new Set([blockOf(range.startContainer), blockOf(range.endContainer)]).size,
        box: widest ? { x: widest.x, y: widest.y, width: widest.width, height: widest.height } : null,
      };
    };
    CSS.highlights.forEach((highlight, name) => {
      const parts = /^hl-([a-z]+)(?:-(\d+|under))?$/.exec(name);
      if (!parts) return;
      const under = parts[2] === 'under';
      highlight.forEach((painted) => {
        const range = document.createRange();
        range.setStart(painted.startContainer, painted.startOffset);
        range.setEnd(painted.endContainer, painted.endOffset);
        found.push({ range, under, passage: describe(range, parts[1]!, under ? 0 : Number(parts[2] ?? 0)) });
      });
    });
    found.sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
    // Pieces of one colour that meet, one of them an underline, are one passage.
    const passages: { range: Range; under: boolean; passage: PaintedPassage }[] = [];
    const lastOf = new Map<string, { range: Range; under: boolean; passage: PaintedPassage }>();
    for (const piece of found) {
      const last = lastOf.get(piece.passage.color);
      const meets = (a: Range, b: Range) => {
        // No text between the end of one and the start of the next (their DOM points may differ: a mark's edge).
        if (b.compareBoundaryPoints(Range.END_TO_START, a) <= 0) return true;
        const gap = document.createRange();
        gap.setStart(a.endContainer, a.endOffset);
        gap.setEnd(b.startContainer, b.startOffset);
        return gap.toString() === '';
      };
      if (last && (last.under || piece.under) && meets(last.range, piece.range)) {
        last.range.setEnd(piece.range.endContainer, piece.range.endOffset);
        last.under = piece.under;
        last.passage = { ...describe(last.range, last.passage.color, Math.max(last.passage.layer, piece.passage.layer)) };
        continue;
      }
      const copy = { ...piece };
      passages.push(copy);
      lastOf.set(piece.passage.color, copy);
    }
    return passages.map((p) => p.passage);
  });
}

/** Clicks the middle of the widest line of the painted passage whose text starts with `text`. */
export async function clickPainted(page: Page, text: string): Promise<void> {
  const passage = (await paintedPassages(page)).find((p) => p.text.startsWith(text));
  if (!passage?.box) throw new Error(`no painted passage starts with "${text}"`);
  await page.mouse.click(passage.box.x + passage.box.width / 2, passage.box.y + passage.box.height / 2);
}

/** Clicks the middle of the first occurrence of `phrase` in the article (within one text node). */
export async function clickWords(page: Page, phrase: string): Promise<void> {
  const point = await page.evaluate((phrase) => {
    const walker = document.createTreeWalker(document.querySelector('.article')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node as Text).data.indexOf(phrase);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + phrase.length);
      const box = range.getClientRects()[0]!;
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    }
    return null;
  }, phrase);
  if (!point) throw new Error(`"${phrase}" is not in one text node of the article`);
  await page.mouse.click(point.x, point.y);
}

/**
 * The first line box of the first occurrence of `phrase` in the article (it
 * may cross inline elements, not blocks), in viewport coordinates.
 */
export async function firstLineOf(page: Page, phrase: string): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.evaluate((phrase) => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(document.querySelector('.article')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
    const at = nodes.map((n) => n.data).join('').indexOf(phrase);
    if (at < 0) throw new Error(`phrase not found: ${phrase}`);
    // A start falls in the node its first character is in; an end, in the node its last one is in.
    const locate = (offset: number, end: boolean): [Text, number] => {
      let rest = offset;
      for (const node of nodes) {
        if (rest < node.data.length || (end && rest === node.data.length)) return [node, rest];
        rest -= node.data.length;
      }
      throw new Error('offset outside the article');
    };
    const range = document.createRange();
    range.setStart(...locate(at, false));
    range.setEnd(...locate(at + phrase.length, true));
    const { x, y, width, height } = range.getClientRects()[0]!;
    return { x, y, width, height };
  }, phrase);
}
