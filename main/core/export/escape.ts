/**
 * Escapes text so that a CommonMark parser reads it back as the same plain
 * text, inside a paragraph or a block quote line. Only what could start
 * Markdown syntax is escaped, so ordinary prose stays readable.
 */
export function escapeMarkdownText(text: string): string {
  let out = text
    .replace(/\\/g, '\\\\')
    .replace(/[`*[\]|~]/g, (c) => `\\${c}`)
    // Intraword underscores are literal in CommonMark; others may open emphasis.
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
    // HTML tags, comments and autolinks.
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    // Entity and numeric character references.
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    // Obsidian reads #word as a tag and a trailing ^word as a block id.
    .replace(/(^|\s)([#^])(?=\S)/g, '$1\\$2');
  // What could start a block: headings, quotes, lists, thematic breaks, setext underlines, fences.
  out = out.replace(/^([#>+\-=~])/, '\\$1').replace(/^(\d{1,9})([.)])/, '$1\\$2');
  return out;
}

/** Escapes one line of text and removes what a paragraph would drop or misread at its ends. */
export function markdownLine(line: string): string {
  return escapeMarkdownText(line.replace(/\s+/g, ' ').trim());
}
