/**
 * Markdown-safe text. Everything here turns plain text (a quote, a title, a
 * tag) into Markdown that a CommonMark parser reads back as the same text,
 * and that Obsidian and Logseq do not read as one of their own constructs
 * (tags, block ids, wikilinks, highlights, comments, macros, properties).
 *
 * What Markdown cannot keep, and so what a round trip gives back (see
 * `normaliseForMarkdown`): line endings become `\n`; each line loses the
 * whitespace at its ends; blank lines are dropped, so every remaining line
 * is one paragraph; U+0000 becomes U+FFFD.
 *
 * Notes are not text but Markdown, and are written as they are (see note.ts).
 */

// Characters escaped wherever they are: backslash, code, emphasis, links,
// tables, strikethrough, math, footnotes/block ids (^). `_`, `#`, `<`, `&`
// and runs of `=` `%` `:` `{` `(` are escaped only where they could mean something.
const INLINE = /[\\`*[\]|~$^]|_|#|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)|={2,}|%{2,}|:{2,}|\{(?=\{)|\((?=\()/g;
/** Any character INLINE might escape: most lines of prose have none, and skip the replace. */
const MAYBE = /[\\`*[\]|~$^_#<&=%:{(]/;
const WORD = /[\p{L}\p{N}]/u;

function escapeMatch(match: string, offset: number, text: string): string {
  switch (match[0]) {
    case '_': {
      // Between two letters or digits `_` can neither open nor close emphasis (snake_case stays readable).
      const before = text[offset - 1];
      const after = text[offset + 1];
      return before !== undefined && after !== undefined && WORD.test(before) && WORD.test(after) ? '_' : '\\_';
    }
    case '#': {
      // `#word` is a tag in Obsidian and Logseq; `C#` and `issue#3` are not.
      const before = text[offset - 1];
      return before !== undefined && WORD.test(before) ? '#' : '\\#';
    }
    case '=': // ==highlight== (Obsidian)
    case '%': // %%comment%% (Obsidian)
    case ':': // key:: value (Logseq properties, Dataview fields)
      return match[0] + `\\${match[0]}`.repeat(match.length - 1);
    default:
      return `\\${match}`;
  }
}

/**
 * Escapes one line of text (no line breaks) so that, as the first line of a
 * paragraph, a block quote line or a list item, it parses back as itself.
 * Only what could start Markdown syntax is escaped, so prose stays readable.
 */
export function escapeMarkdownText(text: string): string {
  const out = MAYBE.test(text) ? text.replace(INLINE, escapeMatch) : text;
  // What could start a block: quotes, lists, thematic breaks, setext underlines.
  // (`#`, `*`, `_`, `~`, backticks and `<` are already escaped wherever they are.)
  const first = out[0];
  if (first === '>' || first === '+' || first === '-' || first === '=') return `\\${out}`;
  return out.replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/** The lines a paragraph-per-line rendering keeps: trimmed, blank ones dropped, CRLF read as LF. */
export function textLines(text: string): string[] {
  const lines: string[] = [];
  for (const line of (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '') lines.push(trimmed);
  }
  return lines;
}

/** The Markdown-safe paragraphs of a text: one per non-blank line, escaped. */
export function markdownParagraphs(text: string): string[] {
  return textLines(text).map(escapeMarkdownText);
}

/** A text as Markdown paragraphs separated by blank lines ('' when it has no text). */
export function markdownBlock(text: string): string {
  return markdownParagraphs(text).join('\n\n');
}

/** A text as one Markdown line (its lines joined by spaces), e.g. for a heading or a link text. */
export function markdownLine(text: string): string {
  return escapeMarkdownText(textLines(text).join(' '));
}

/** A text as block quote lines: `> ` before each paragraph, `>` between them. */
export function blockQuote(text: string): string {
  return markdownParagraphs(text)
    .map((line) => `> ${line}`)
    .join('\n>\n');
}

/**
 * What a CommonMark parser gives back for a text written by the functions
 * above, paragraph texts joined by `\n`: the normalisation Markdown imposes.
 */
export function normaliseForMarkdown(text: string): string {
  return textLines(text.replace(/\0/g, '\uFFFD')).join('\n');
}
