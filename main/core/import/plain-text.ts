import type { DocumentJSON } from '../../../shared/model.js';
import { MarginaliaError } from '../../../shared/contract/errors.js';
import { cleanControlCharacters, isBlank, titleFromFileName } from './clean-text.js';
import type { ImportedContent } from './imported-content.js';

/** An article read from plain text: its title, document, and what a Project Gutenberg header says. */
export type TextArticle = Omit<ImportedContent, 'warnings'>;

/**
 * Turns plain text into an article. Paragraphs are separated by blank lines,
 * and lines hard-wrapped inside a paragraph are joined, except in blocks of
 * short or indented lines (verse, addresses, a title page), which keep their
 * line breaks. A text without blank lines has one paragraph per line (like
 * the sample article). The title is a Project Gutenberg header's `Title:`, or
 * the first line when it looks like one (short, not ending like a sentence),
 * or the file name.
 */
export function plainTextToArticle(raw: string, fileName: string): TextArticle {
  const text = cleanControlCharacters(raw.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n'));
  if (isBlank(text)) throw new MarginaliaError('empty-file', `${fileName} has no text in it.`);

  const lines = text.split('\n');
  const hasBlankLines = lines.some((line, i) => i > 0 && i < lines.length - 1 && isBlank(line));
  let paragraphs: string[][] = hasBlankLines
    ? blocksOf(lines)
    : lines.filter((l) => !isBlank(l)).map((l) => [l.trim()]);
  paragraphs = paragraphs.flatMap((p) => splitLongParagraph(p.map((l) => l.replace(/[ \t]+/g, ' ').trim())));

  const gutenberg = gutenbergHeader(lines);
  let title = gutenberg.title ?? titleFromFileName(fileName);
  const first = paragraphs[0]!;
  if (!gutenberg.title && first.length === 1 && looksLikeTitle(first[0]!) && paragraphs.length > 1) {
    title = first[0]!;
    paragraphs = paragraphs.slice(1);
  }
  return {
    title,
    document: {
      type: 'doc',
      content: [{ type: 'title', content: [{ type: 'text', text: title }] }, ...paragraphs.map(paragraph)],
    },
    ...(gutenberg.author ? { metadata: { byline: gutenberg.author } } : {}),
  };
}

/**
 * Blocks of lines between blank lines. A block keeps its lines (as line
 * breaks) when they are verse-like: its lines (but the last) end well before
 * the text's wrapping width — a little before when the block is indented.
 * Otherwise its lines are one wrapped paragraph.
 */
function blocksOf(lines: string[]): string[][] {
  const width = wrapWidth(lines);
  const blocks: string[][] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const indented = current.every((l) => /^(?: {2,}|\t)/.test(l));
    const longest = Math.max(...current.slice(0, -1).map((l) => l.trim().length));
    const keepLines = current.length > 1 && width >= 50 && longest <= width * (indented ? 0.8 : 0.6);
    blocks.push(keepLines ? current : [current.join(' ')]);
    current = [];
  };
  for (const line of lines) {
    if (isBlank(line)) flush();
    else current.push(line);
  }
  flush();
  return blocks;
}

/** The length most wrapped lines reach (90th percentile of line lengths): about 70 in a Project Gutenberg text. */
function wrapWidth(lines: string[]): number {
  const lengths = lines.filter((l) => !isBlank(l)).map((l) => l.trimEnd().length).sort((a, b) => a - b);
  return lengths[Math.floor(lengths.length * 0.9)] ?? 0;
}

/**
 * A paragraph longer than this is split (at a sentence end, else between
 * words): a single 5 MB line would be one text node too large for the reader
 * to lay out, select in, or export as one Markdown paragraph.
 */
export const MAX_PARAGRAPH_CHARS = 10_000;

function splitLongParagraph(lines: string[]): string[][] {
  if (lines.length !== 1 || lines[0]!.length <= MAX_PARAGRAPH_CHARS) return [lines];
  const pieces: string[][] = [];
  let rest = lines[0]!;
  while (rest.length > MAX_PARAGRAPH_CHARS) {
    const window = rest.slice(0, MAX_PARAGRAPH_CHARS);
    const sentence = Math.max(window.lastIndexOf('. '), window.lastIndexOf('! '), window.lastIndexOf('? '));
    let cut = sentence > MAX_PARAGRAPH_CHARS / 2 ? sentence + 1 : window.lastIndexOf(' ');
    if (cut <= 0) cut = /[\ud800-\udbff]/.test(window[MAX_PARAGRAPH_CHARS - 1]!) ? MAX_PARAGRAPH_CHARS - 1 : MAX_PARAGRAPH_CHARS;
    pieces.push([rest.slice(0, cut).trim()]);
    rest = rest.slice(cut).trim();
  }
  if (rest) pieces.push([rest]);
  return pieces;
}

function paragraph(lines: string[]): DocumentJSON {
  const content: DocumentJSON[] = [];
  for (const line of lines.filter((l) => l !== '')) {
    if (content.length > 0) content.push({ type: 'hard_break' });
    content.push({ type: 'text', text: line });
  }
  return { type: 'paragraph', content };
}

/** `Title:` and `Author:` from a Project Gutenberg header (the lines before `*** START OF …`). */
function gutenbergHeader(lines: string[]): { title?: string; author?: string } {
  const start = lines.findIndex((l, i) => i < 200 && /^\*\*\* ?START OF (THE|THIS) PROJECT GUTENBERG/i.test(l));
  if (start < 0) return {};
  const field = (name: string) =>
    lines
      .slice(0, start)
      .find((l) => l.startsWith(`${name}:`))
      ?.slice(name.length + 1)
      .trim() || undefined;
  const title = field('Title');
  const author = field('Author');
  return { ...(title ? { title: title.slice(0, 1000) } : {}), ...(author ? { author: author.slice(0, 1000) } : {}) };
}

function looksLikeTitle(line: string): boolean {
  return line.length <= 200 && !/[.,;:]$/.test(line) && !/^\*\*\*.*\*\*\*$/.test(line);
}
