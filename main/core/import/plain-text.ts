import type { DocumentJSON } from '../../../shared/model.js';
import { MarginaliaError } from '../../../shared/contract/errors.js';

/** An article read from plain text: its title and document. */
export interface TextArticle {
  title: string;
  document: DocumentJSON;
}

/** Whitespace and invisible characters, including the Unicode ones a file can be "full" of. */
const BLANK = /^[\s\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]*$/u;

/**
 * Turns plain text into an article. The first line is the title when it looks
 * like one (short, not ending like a sentence); paragraphs are separated by
 * blank lines, and lines hard-wrapped inside a paragraph are joined. A text
 * without blank lines has one paragraph per line (like the sample article).
 */
export function plainTextToArticle(raw: string, fileName: string): TextArticle {
  const text = cleanControlCharacters(raw.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n'));
  if (BLANK.test(text)) throw new MarginaliaError('empty-file', `${fileName} has no text in it.`);

  const lines = text.split('\n');
  const hasBlankLines = lines.some((line, i) => i > 0 && i < lines.length - 1 && BLANK.test(line));
  let paragraphs: string[] = [];
  if (hasBlankLines) {
    let current: string[] = [];
    for (const line of lines) {
      if (BLANK.test(line)) {
        if (current.length > 0) paragraphs.push(current.join(' '));
        current = [];
      } else current.push(line.trim());
    }
    if (current.length > 0) paragraphs.push(current.join(' '));
  } else {
    paragraphs = lines.filter((l) => !BLANK.test(l)).map((l) => l.trim());
  }
  paragraphs = paragraphs.map((p) => p.replace(/[ \t]+/g, ' ').trim()).filter((p) => p.length > 0);

  let title = fileTitle(fileName);
  const first = paragraphs[0]!;
  if (looksLikeTitle(first) && paragraphs.length > 1) {
    title = first;
    paragraphs = paragraphs.slice(1);
  }
  return {
    title,
    document: {
      type: 'doc',
      content: [
        { type: 'title', content: [{ type: 'text', text: title }] },
        ...paragraphs.map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })),
      ],
    },
  };
}

function looksLikeTitle(line: string): boolean {
  return line.length <= 200 && !/[.,;:]$/.test(line);
}

/** `my-article_notes.txt` → `my article notes`. */
function fileTitle(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return base.replace(/[-_]+/g, ' ').trim() || 'Untitled';
}

/** Removes control characters (terminal escapes, NUL, BEL, DEL…) but keeps tabs and line breaks. */
function cleanControlCharacters(text: string): string {
  return text
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '') // ANSI escape sequences
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
}
