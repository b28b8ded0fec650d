/** A book as a Kindle names it on the first line of each clipping: `Title (Author)`. */
export interface BookLine {
  /** The line as written (byte-order marks and outer spaces removed, accents composed): what `origin.book` keeps. */
  line: string;
  title: string;
  /** The author part, as written (`Groult, Benoîte`); absent when the line has none (a PDF sent to the Kindle). */
  author?: string;
  /** The authors one by one: Kindles separate several with `;`. */
  creators: string[];
}

/**
 * Reads `Title (Author)`. The author is the last parenthesised group that
 * closes the line, matched from the end so that an author may hold
 * parentheses of its own (`Title (Smith (ed.))`), and earlier groups stay in
 * the title (`Les vaisseaux du coeur (Littérature) (French Edition)`). A line
 * that does not end in `)`, or whose only group is all of it, has no author.
 */
export function readBookLine(raw: string): BookLine {
  // Composed, as titles are compared and shown (one PDF's title in the corpus writes è as e and a combining accent).
  const line = raw.replace(/\uFEFF/g, '').trim().normalize('NFC');
  const open = line.endsWith(')') ? openingParenthesis(line) : -1;
  const title = open > 0 ? line.slice(0, open).trim() : '';
  if (title.length === 0) return { line, title: line, creators: [] };
  const author = line.slice(open + 1, -1).trim();
  const creators = author
    .split(';')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  if (creators.length === 0) return { line, title, creators: [] };
  return { line, title, author: creators.join('; '), creators };
}

/** Where the parenthesised group that ends the line opens, or -1 when its parentheses do not balance. */
function openingParenthesis(line: string): number {
  let depth = 0;
  for (let i = line.length - 1; i >= 0; i--) {
    if (line[i] === ')') depth++;
    else if (line[i] === '(' && --depth === 0) return i;
  }
  return -1;
}
