/**
 * An exported file as its parts: what comes before the highlights (front
 * matter, title), one block per highlight, and what comes after. Sync merges
 * part by part, so the parts are kept as well as the joined text.
 */
export interface RenderedPage {
  header: string;
  blocks: HighlightBlock[];
  footer: string;
}

/** One highlight's text in an exported file. */
export interface HighlightBlock {
  /** The highlight id. */
  id: string;
  text: string;
  /** Strings that identify the block in an edited file (its id, its UUID). */
  anchors: string[];
}

/** The file's text: the parts, one blank line between them, one newline at the end. */
export function pageText(page: RenderedPage): string {
  const parts = [page.header, ...page.blocks.map((b) => b.text), page.footer].filter((t) => t !== '');
  return parts.length === 0 ? '' : `${parts.join('\n\n')}\n`;
}

/** Removes blank lines at the start and whitespace at the end (indentation of the first line stays). */
export function trimBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}
