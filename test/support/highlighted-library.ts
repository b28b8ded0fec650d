/**
 * Libraries of long books with many highlights, made through the contract as
 * the reader makes them (over the browser host's HTTP API): what
 * `npm run bench:interact` and the long-book e2e tests read.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import { TextIndex } from '../../shared/anchoring/index.js';
import type { Article } from '../../shared/model.js';
import { utf16 } from '../../shared/offsets.js';
import { randomGenerator, wordAlignedPassage } from '../bench/edits.js';
import { toBase64Pieces } from '../../shared/contract/import-request.js';

const COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;

/** Calls one operation of the browser host's API, as its page does. */
export type Call = <T = unknown>(op: string, request?: unknown) => Promise<T>;

export function hostCaller(url: string, token: string): Call {
  const origin = new URL(url).origin;
  return <T>(op: string, payload: unknown = {}) =>
    new Promise<T>((resolve, reject) => {
      const body = JSON.stringify(payload);
      const req = httpRequest(
        `${origin}/api/${op}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-marginalia-token': token, origin },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const result = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok: boolean; value: T; error?: { message: string } };
            if (result.ok) resolve(result.value);
            else reject(new Error(`${op}: ${result.error?.message}`));
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

/** An article of the bench, with what its measurements check against. */
export interface BenchArticle {
  id: string;
  name: string;
  title: string;
  /** The text of the article's last block, as the page shows it. */
  lastBlock: string;
  highlights: number;
}

/** The text of a document node as the page renders it (its text nodes, concatenated). */
function nodeText(node: { text?: string; content?: unknown[] }): string {
  if (typeof node.text === 'string') return node.text;
  return (node.content ?? []).map((child) => nodeText(child as never)).join('');
}

function benchArticle(article: Article, name: string, highlights: number): BenchArticle {
  const blocks = article.document.content ?? [];
  return {
    id: article.id,
    name,
    title: nodeText(blocks[0] as never),
    lastBlock: nodeText(blocks[blocks.length - 1] as never),
    highlights,
  };
}

/** Imports a file and highlights `count` word-aligned passages of it (`notes` of them with a note). */
export async function importWithHighlights(call: Call, path: string, name: string, count: number, notes: number, seed: number): Promise<BenchArticle> {
  const bytes = readFileSync(path);
  const imported = await call<{ summary: { id: string } }>('importFile', { fileName: path.split('/').pop(), dataBase64: toBase64Pieces(bytes) });
  return highlightArticle(call, imported.summary.id, name, count, notes, seed);
}

/** Highlights `count` word-aligned passages of an article spread over its length (`notes` of them with a note). */
export async function highlightArticle(call: Call, articleId: string, name: string, count: number, notes: number, seed: number): Promise<BenchArticle> {
  const { article } = await call<{ article: Article }>('getArticle', { articleId });
  const text = articleText(documentFromJSON(article.document)).text;
  const index = new TextIndex(text);
  const random = randomGenerator(seed);
  const paragraphs: { at: number; text: string }[] = [];
  for (let at = 0, i = 0; i < text.length; ) {
    const end = text.indexOf('\n', i);
    const stop = end < 0 ? text.length : end;
    if (stop - i >= 60) paragraphs.push({ at, text: text.slice(i, stop) });
    i = stop + 1;
    at = i;
  }
  // Spread over the whole book, as a reader's highlights are: one passage in each of `count` stretches.
  for (let n = 0; n < count; n++) {
    const stretch = paragraphs.slice(Math.floor((n * paragraphs.length) / count), Math.floor(((n + 1) * paragraphs.length) / count));
    const paragraph = stretch[Math.floor(random() * stretch.length)] ?? paragraphs[Math.floor(random() * paragraphs.length)]!;
    const passage = wordAlignedPassage(paragraph.text, random) ?? { start: 0, end: Math.min(paragraph.text.length, 60) };
    const created = await call<{ id: string }>('createHighlight', {
      articleId: article.id,
      start: index.toCodePoint(utf16(paragraph.at + passage.start)),
      end: index.toCodePoint(utf16(paragraph.at + passage.end)),
      color: COLORS[n % COLORS.length],
    });
    if (n % Math.round(count / notes) === 0) {
      await call('updateHighlight', { articleId: article.id, highlightId: created.id, note: `A note on passage ${n}: worth reading again.` });
    }
  }
  return benchArticle(article, name, count);
}

export const BOOKS = (root: string) => ({
  warAndPeace: join(root, '../shared/corpus/books/war-and-peace.txt'),
  mobyDick: join(root, '../shared/corpus/books/moby-dick.txt'),
  warAndPeaceHtml: join(root, '../shared/corpus/books/war-and-peace.html'),
  mobyDickHtml: join(root, '../shared/corpus/books/moby-dick.html'),
});
