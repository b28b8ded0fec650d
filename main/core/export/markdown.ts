import { stringify } from 'yaml';
import type { Article, Highlight } from '../../../shared/model.js';
import { markdownLine, escapeMarkdownText } from './escape.js';

/** What an export needs to know besides the article and its highlights. */
export interface ExportOptions {
  exportedAt: Date;
}

/** The block id of a highlight: stable, derived from its id, so a re-export can find it again. */
export const blockIdOf = (highlight: Highlight): string => highlight.id;

/**
 * Writes an article's highlights and notes as Markdown: YAML front matter
 * (title, source, tags, export date), the title, then each highlight in
 * document order as a block quote with its block id, its note and its tags.
 */
export function exportMarkdown(article: Article, highlights: Highlight[], options: ExportOptions): string {
  const ordered = [...highlights].sort(
    (a, b) => a.target.position.start - b.target.position.start || a.target.position.end - b.target.position.end,
  );
  const tags = [...new Set([...article.tags, ...ordered.flatMap((h) => h.tags)])].sort();
  const frontMatter = stringify(
    {
      title: article.title,
      source: article.source.path ?? article.source.name,
      tags,
      exported: options.exportedAt.toISOString(),
      highlights: ordered.length,
    },
    { lineWidth: 0 },
  );

  const parts = [`---\n${frontMatter}---`, `# ${markdownLine(article.title)}`];
  for (const highlight of ordered) parts.push(highlightBlock(highlight));
  return `${parts.join('\n\n')}\n`;
}

function highlightBlock(highlight: Highlight): string {
  const lines = [blockQuote(highlight.target.quote.exact), `^${blockIdOf(highlight)}`];
  const note = highlight.note.trim();
  if (note) lines.push(note.replace(/\r\n?/g, '\n'));
  if (highlight.tags.length > 0) lines.push(highlight.tags.map((t) => `#${escapeTag(t)}`).join(' '));
  return lines.join('\n\n');
}

/** Every line of a multi-line quote is prefixed; paragraphs of the quote stay paragraphs. */
function blockQuote(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => `> ${markdownLine(line)}`)
    .join('\n>\n');
}

/** Tags are written `#tag`; Markdown punctuation in them is escaped (a leading # is not allowed by the schema). */
function escapeTag(tag: string): string {
  return escapeMarkdownText(tag).replace(/^\\([#^])/, '$1');
}

/** A file name for the export: the title made safe for every file system. */
export function exportFileName(article: Article): string {
  const base = article.title
    .normalize('NFKC')
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
    .slice(0, 120);
  const reserved = /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base);
  return `${base && !reserved ? base : 'Untitled'}.md`;
}
