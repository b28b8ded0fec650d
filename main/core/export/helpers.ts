import { stringify } from 'yaml';
import { blockQuote, escapeMarkdownText, markdownBlock, markdownLine, markdownParagraphs, textLines } from './escape.js';

/* Handlebars helpers for writing Markdown that parses back as the text it came from
   (documented in docs/templates.md). Each takes plain values and returns a string;
   the last argument Handlebars passes (its options object) is ignored. */

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]);
const isOptions = (value: unknown): boolean => typeof value === 'object' && value !== null && 'hash' in value;

/** A value as YAML on one line: a quoted or plain scalar, or a flow list. */
export function yamlValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map(yamlScalar).join(', ')}]`;
  return yamlScalar(value);
}

function yamlScalar(value: unknown): string {
  const out = stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
  return out.includes('\n') ? JSON.stringify(text(value)) : out;
}

/** Indents every line after the first by `spaces` (blank lines stay empty): for continuation lines in lists. */
export function indent(value: unknown, spaces: unknown): string {
  const pad = ' '.repeat(typeof spaces === 'number' ? spaces : 2);
  return text(value).replace(/\n(?=[^\n])/g, `\n${pad}`);
}

/**
 * A text as one outline block (Logseq's file format): `- ` before its first
 * line, every other line indented under it, blank ones too, as Logseq writes
 * a block of several paragraphs. `at` is the block's own indentation. A first
 * line that would read differently after `- ` (it starts with spaces, which
 * would move the block's text column, or with dashes, which would join
 * `- ` into a thematic break) goes on the line below the bare `-`.
 */
export function outlineBlock(value: unknown, at: unknown): string {
  const pad = text(at);
  const lines = text(value).split('\n');
  const under = lines.map((line) => `${pad}  ${line}`);
  if (/^[ \t]|^-[ \t]*-[- \t]*$/.test(lines[0]!)) return [`${pad}-`, ...under].join('\n');
  under[0] = `${pad}- ${lines[0]}`;
  return under.join('\n');
}

/** Puts `prefix` before every line (a blank line gets the prefix without its trailing spaces). */
export function prefix(value: unknown, before: unknown): string {
  const p = text(before);
  return text(value)
    .split('\n')
    .map((line) => (line === '' ? p.trimEnd() : p + line))
    .join('\n');
}

/** A Markdown link, its text escaped and its address written so that any characters survive. */
export function markdownLink(label: unknown, url: unknown): string {
  const address = text(url).replace(/[\s<>]/g, (c) => encodeURIComponent(c));
  return `[${markdownLine(text(label))}](<${address}>)`;
}

/** A fenced code block around a text, its fence longer than any backtick run inside. */
export function fence(value: unknown, info: unknown = ''): string {
  const body = text(value);
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(Math.max(3, longest + 1));
  return `${marks}${text(info)}\n${body}\n${marks}`;
}

/** The date part (YYYY-MM-DD) of an ISO date; other values as they are. */
export function datePart(value: unknown): string {
  const s = text(value);
  return /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : s;
}

export const helpers: Record<string, (...args: unknown[]) => unknown> = {
  markdown: (value) => markdownBlock(text(value)),
  inline: (value) => markdownLine(text(value)),
  blockquote: (value) => blockQuote(text(value)),
  bullets: (value) => markdownParagraphs(text(value)).map((p) => `- ${p}`).join('\n'),
  indent: (value, spaces) => indent(value, isOptions(spaces) ? 2 : spaces),
  prefix: (value, before) => prefix(value, isOptions(before) ? '' : before),
  outline: (value, at) => outlineBlock(value, isOptions(at) ? '' : at),
  yaml: (value) => yamlValue(value),
  property: (value) => textLines(text(value)).join(' '),
  join: (value, separator) => list(value).map(text).join(isOptions(separator) ? ', ' : text(separator)),
  hashtags: (value) => list(value).map((tag) => `#${escapeMarkdownText(text(tag))}`).join(' '),
  mdlink: (label, url) => markdownLink(label, url),
  date: (value) => datePart(value),
  fence: (value, info) => fence(value, isOptions(info) ? '' : info),
  eq: (a, b) => a === b,
  or: (...args) => args.slice(0, -1).find((a) => a !== null && a !== undefined && a !== '') ?? '',
};
