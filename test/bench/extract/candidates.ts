import { Readability } from '@mozilla/readability';
import { DefuddleClass as Defuddle } from 'defuddle/node';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHTML } from 'linkedom';
import { importContent } from '../../../main/core/import/index.js';
import { readerText } from '../../../main/cli/reader-text.js';
import { decodeText } from '../../../main/core/import/decode.js';
import { declaredCharset } from '../../../main/core/import/html/charset.js';
import type { BenchPage } from './pages.js';
import { SHINGLE_SIZE, shingles, tokenize } from './score.js';

/** An extractor under test: a page in, the article text out (without the title, as the ground truth is). */
export interface Candidate {
  name: string;
  extract(page: BenchPage): string;
}

/** The page's text as the importer decodes it (declared charset, else UTF-8, else Windows-1252). */
export function pageHtml(page: BenchPage): string {
  return decodeText(page.html, 'page.html', { declared: declaredCharset(page.html), invalidUtf8: 'windows-1252' }).text;
}

/** A page in jsdom as we would run it: no scripts, nothing loaded, the page's own address. */
export function jsdomDocument(html: string, url: string): Document {
  // A silent console: jsdom reports every style sheet it cannot parse.
  return new JSDOM(html, { url, virtualConsole: new VirtualConsole() }).window.document;
}

export function linkedomDocument(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

/** Block elements: their text is a line of its own when an HTML result is read as text. */
const BLOCKS = /^(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|pre|table|tr|td|th|figure|figcaption|section|article|header|footer|aside|nav|main|br|hr)$/i;

/** The text of a piece of HTML (an extractor's result) with block elements on lines of their own. */
export function textOfHtml(html: string): string {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) parts.push((node as Text).data);
    else if (node.nodeType === 1) {
      const name = (node as Element).localName;
      if (name === 'script' || name === 'style') return;
      const block = BLOCKS.test(name);
      if (block) parts.push('\n');
      for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
      if (block) parts.push('\n');
    }
  };
  walk(document.body as unknown as Node);
  return parts.join('').replace(/[ \t]*\n\s*/g, '\n').trim();
}

/** Readability as we run it (no serializer: its HTML, read as text with blocks on lines). */
function readability(document: Document): string {
  try {
    const result = new Readability(document, { maxElemsToParse: 60_000 }).parse();
    return result?.content ? textOfHtml(result.content) : '';
  } catch {
    return '';
  }
}

/** Runs `work` with console.error silenced (Defuddle logs every page's malformed JSON-LD). */
function quietly<T>(work: () => T): T {
  const error = console.error;
  console.error = () => {};
  try {
    return work();
  } finally {
    console.error = error;
  }
}

function defuddle(document: Document, url: string): string {
  try {
    // useAsync false: Defuddle may otherwise ask third-party APIs for a page it cannot read.
    const result = quietly(() => new Defuddle(document, { url, useAsync: false }).parse());
    return textOfHtml(result.content ?? '');
  } catch {
    return '';
  }
}

/** Marginalia's importer, read back as `cli text --body` prints it. */
export const marginalia: Candidate = {
  name: 'Marginalia (importer)',
  extract(page) {
    const content = importContent('page.html', page.html, { pageUrl: page.url });
    return readerText(content.document, { body: true });
  },
};

/**
 * Agreement of two extractors: our importer's lines, each kept only when
 * Defuddle (on linkedom) also has most of its words; all of ours when
 * Defuddle finds nothing.
 */
const agreement: Candidate = {
  name: 'Marginalia ∩ Defuddle (lines both keep)',
  extract(page) {
    const ours = marginalia.extract(page);
    const theirs = defuddle(linkedomDocument(pageHtml(page)), page.url);
    if (theirs.trim() === '') return ours;
    const other = shingles(theirs);
    return ours
      .split('\n')
      .filter((line) => {
        const tokens = tokenize(line);
        if (tokens.length < SHINGLE_SIZE) return other.has(tokens.join(' ')) || theirs.includes(line.trim());
        let shared = 0;
        for (let i = 0; i + SHINGLE_SIZE <= tokens.length; i++) if (other.has(tokens.slice(i, i + SHINGLE_SIZE).join(' '))) shared++;
        return shared >= (tokens.length - SHINGLE_SIZE + 1) / 2;
      })
      .join('\n');
  },
};

export const CANDIDATES: Candidate[] = [
  marginalia,
  { name: 'Readability.js on linkedom', extract: (page) => readability(linkedomDocument(pageHtml(page))) },
  { name: 'Readability.js on jsdom', extract: (page) => readability(jsdomDocument(pageHtml(page), page.url)) },
  { name: 'Defuddle on linkedom', extract: (page) => defuddle(linkedomDocument(pageHtml(page)), page.url) },
  { name: 'Defuddle on jsdom', extract: (page) => defuddle(jsdomDocument(pageHtml(page), page.url), page.url) },
  agreement,
];
