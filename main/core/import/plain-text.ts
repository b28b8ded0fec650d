import type { DocumentJSON } from '../../../shared/model.js';
import { MarginaliaError } from '../../../shared/contract/errors.js';
import { cleanControlCharacters, isBlank, titleFromFileName } from './clean-text.js';
import type { ImportedContent } from './imported-content.js';
import { shownLines, textBlocks, wrapWidth } from './plain-text/blocks.js';
import { gutenbergFacts } from './plain-text/gutenberg-header.js';
import { gutenbergWork } from './plain-text/gutenberg-markers.js';
import { findHeadings } from './plain-text/headings.js';

/** An article read from plain text: its title, document, and what a Project Gutenberg header says. */
export type TextArticle = Omit<ImportedContent, 'warnings'>;

/**
 * Turns plain text into an article. Paragraphs are separated by blank lines,
 * and lines hard-wrapped inside a paragraph are joined, except in blocks of
 * short or indented lines (verse, addresses, a title page), which keep their
 * line breaks. A text without blank lines has one paragraph per line (like
 * the sample article). Chapter, book and part lines become headings (see
 * findHeadings). In a Project Gutenberg text, only the work between its
 * START and END lines is the article; the header's facts become metadata.
 * The title is a Project Gutenberg header's `Title:`, or the first line when
 * it looks like one (short, not ending like a sentence, not a heading), or
 * the file name.
 */
export function plainTextToArticle(raw: string, fileName: string): TextArticle {
  const text = cleanControlCharacters(raw.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n'));
  if (isBlank(text)) throw new MarginaliaError('empty-file', `${fileName} has no text in it.`);

  const allLines = text.split('\n');
  const work = gutenbergWork(allLines);
  // A file that is all header and licence keeps them rather than come out empty.
  const lines = work && work.lines.some((l) => !isBlank(l)) ? work.lines : allLines;
  const facts = work ? gutenbergFacts(work) : undefined;

  const width = wrapWidth(lines);
  const blocks = textBlocks(lines, width);
  const headings = findHeadings(blocks, width);
  let content = blocks.flatMap((block, i): DocumentJSON[] => {
    const heading = headings.get(i);
    if (heading) return [{ type: 'heading', attrs: { level: heading.level }, content: [{ type: 'text', text: heading.text }] }];
    return splitLongParagraph(shownLines(block)).map(paragraph);
  });

  let title = facts?.title ?? titleFromFileName(fileName);
  const first = content[0]!;
  if (!facts?.title && first.type === 'paragraph' && first.content?.length === 1 && looksLikeTitle(first.content[0]!.text!) && content.length > 1) {
    title = first.content[0]!.text!;
    content = content.slice(1);
  }
  return {
    title,
    document: { type: 'doc', content: [{ type: 'title', content: [{ type: 'text', text: title }] }, ...content] },
    ...(facts ? { metadata: facts.metadata } : {}),
  };
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

function looksLikeTitle(line: string): boolean {
  return line.length <= 200 && !/[.,;:]$/.test(line) && !/^\*\*\*.*\*\*\*$/.test(line);
}
