import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

/*
 * A note is Markdown: the reader writes `*ninety*`, `[[Kerry]]` or `#syria`
 * and means emphasis, a wikilink or a tag, in Obsidian and Logseq as in the
 * margin. So the export writes a note as it was written, with one duty: the
 * note must end where the note ends. A construct left open would swallow the
 * rest of the file (the tags, the next highlights) or take over what
 * Marginalia writes, so exactly those are closed or made literal, and nothing
 * else is touched.
 */

/** Raw HTML on: we must see HTML blocks where a Markdown reader would. */
const parser = new MarkdownIt('commonmark');

/** Characters without which a note has nothing that could stay open (most notes are prose). */
const MIGHT_STAY_OPEN = /[`~<%^]/;

/**
 * HTML blocks that run until an end marker rather than a blank line
 * (CommonMark §4.6, kinds 1–5): the opening line and the marker that ends it.
 * Unended, one would hide everything after the note.
 */
const UNTIL_MARKER: { start: RegExp; end: RegExp }[] = [
  { start: /^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, end: /<\/(?:script|pre|style|textarea)>/i },
  { start: /^ {0,3}<!--/, end: /-->/ },
  { start: /^ {0,3}<\?/, end: /\?>/ },
  { start: /^ {0,3}<![A-Za-z]/, end: />/ },
  { start: /^ {0,3}<!\[CDATA\[/, end: /\]\]>/ },
];

/**
 * An Obsidian block id at the end of a line (`… ^h-abc`). The export's only
 * block ids are Marginalia's, one per highlight, so that `[[Title#^id]]`
 * always lands on a passage and a re-export finds each highlight by its id.
 */
const BLOCK_ID = /(^|\s)\^([A-Za-z0-9-]+)(\s*)$/;

/** Obsidian's comment marker: an odd one hides everything after it. */
const COMMENT = '%%';

/**
 * A note as the export writes it: as written, with CRLF read as LF, blank
 * lines at its start and end (and spaces at its very end) dropped, and what
 * could reach past it closed or made literal:
 * - a code fence left open is closed;
 * - an HTML block that runs until an end marker never given (`<!--`,
 *   `<script`, `<pre`, …) gets its `<` escaped, so it is text;
 * - an odd `%%` (Obsidian comment) gets its last one escaped;
 * - a trailing `^block-id` gets its `^` escaped.
 * '' for a note with no text.
 */
export function noteMarkdown(note: string): string {
  const lines = trimmedLines(note);
  if (lines.length === 0) return '';
  if (!lines.some((line) => MIGHT_STAY_OPEN.test(line))) return lines.join('\n');
  // Each fix can change how the lines after it read (an escaped `<!--` may let a later one open): parse again.
  for (let pass = 0; pass <= lines.length; pass++) {
    const tokens = parser.parse(lines.join('\n'), {});
    if (!closeOneConstruct(lines, tokens)) break;
  }
  const code = codeLines(parser.parse(lines.join('\n'), {}));
  escapeBlockIds(lines, code);
  escapeUnpairedComment(lines, code);
  return lines.join('\n');
}

/**
 * The note's top-level blocks, each as written (lines and all): a paragraph,
 * a list, a quote, a code block… split at the blank lines between them.
 * Link reference definitions stay with the lines next to them.
 */
export function noteBlocks(markdown: string): string[] {
  if (markdown === '') return [];
  if (!/\n[ \t]*\n/.test(markdown)) return [markdown];
  const lines = markdown.split('\n');
  // Blank lines inside a top-level block (a loose list, a fence) do not split it.
  const inside = new Uint8Array(lines.length);
  for (const token of parser.parse(markdown, {})) {
    if (token.level !== 0 || !token.map || token.nesting < 0) continue;
    // A list's lines, as the parser counts them, take in the blank line after it.
    const [start] = token.map;
    let end = token.map[1];
    while (end > start && lines[end - 1]!.trim() === '') end--;
    inside.fill(1, start, end);
  }
  const blocks: string[] = [];
  let current: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '' && !inside[i]) {
      if (current.length > 0) blocks.push(current.join('\n'));
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) blocks.push(current.join('\n'));
  return blocks;
}

/** The note's lines: LF only, U+0000 as U+FFFD (as CommonMark reads it), without blank lines at either end. */
function trimmedLines(note: string): string[] {
  const lines = note.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD').split('\n');
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length > 0) lines[lines.length - 1] = lines[lines.length - 1]!.trimEnd();
  return lines;
}

/** Closes (or makes literal) the first top-level construct that runs to the note's end; false when there is none. */
function closeOneConstruct(lines: string[], tokens: Token[]): boolean {
  for (const token of tokens) {
    if (token.level !== 0 || !token.map) continue;
    const [start, end] = token.map;
    if (token.type === 'fence' && !isClosingFence(lines[end - 1], token.markup, end - 1 > start)) {
      lines.push(token.markup);
      return true;
    }
    if (token.type === 'html_block') {
      const kind = UNTIL_MARKER.find((k) => k.start.test(lines[start]!));
      if (kind && !endsWithin(lines, start, end, kind)) {
        lines[start] = lines[start]!.replace('<', '\\<');
        return true;
      }
    }
  }
  return false;
}

/** Whether a line closes a fence opened with `markup` (same character, at least as long, nothing after). */
function isClosingFence(line: string | undefined, markup: string, afterOpening: boolean): boolean {
  if (!afterOpening || line === undefined) return false;
  const found = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return !!found && found[1]![0] === markup[0] && found[1]!.length >= markup.length;
}

/** Whether an HTML block's end marker is in its lines (on its first line, only after the opening). */
function endsWithin(lines: readonly string[], start: number, end: number, kind: { start: RegExp; end: RegExp }): boolean {
  const first = lines[start]!;
  const opening = kind.start.exec(first)![0];
  if (kind.end.test(first.slice(opening.length))) return true;
  for (let i = start + 1; i < end; i++) if (kind.end.test(lines[i]!)) return true;
  return false;
}

/** Which lines are code (fenced or indented, at any depth): text there is never Obsidian syntax. */
function codeLines(tokens: Token[]): Uint8Array {
  const last = tokens.reduce((n, t) => Math.max(n, t.map?.[1] ?? 0), 0);
  const code = new Uint8Array(last);
  for (const token of tokens) if ((token.type === 'fence' || token.type === 'code_block') && token.map) code.fill(1, token.map[0], token.map[1]);
  return code;
}

function escapeBlockIds(lines: string[], code: Uint8Array): void {
  for (const [i, line] of lines.entries()) {
    if (!code[i] && line.includes('^')) lines[i] = line.replace(BLOCK_ID, '$1\\^$2$3');
  }
}

function escapeUnpairedComment(lines: string[], code: Uint8Array): void {
  let count = 0;
  let lastLine = -1;
  for (const [i, line] of lines.entries()) {
    if (code[i]) continue;
    const here = line.split(COMMENT).length - 1;
    if (here > 0) lastLine = i;
    count += here;
  }
  if (count % 2 === 0) return;
  const line = lines[lastLine]!;
  const at = line.lastIndexOf(COMMENT);
  lines[lastLine] = `${line.slice(0, at)}%\\%${line.slice(at + COMMENT.length)}`;
}
