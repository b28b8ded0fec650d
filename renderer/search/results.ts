import type { Response, Snippet } from '../../shared/contract/schemas.js';

type Answer = Response<'search'>;

/** A result the reader can go to: an article (at its matched word, if in the text) or a highlight. */
export type SearchResult =
  | { kind: 'article'; articleId: string; match?: Answer['articles'][number]['match'] }
  | { kind: 'highlight'; articleId: string; highlightId: string };

/**
 * Draws the answer into `list` as two groups of options, articles then
 * highlights and notes; returns the results in the order drawn. Text goes in
 * as text nodes (a snippet never becomes markup); the words found are <mark>s.
 */
export function renderResults(list: HTMLElement, answer: Answer): SearchResult[] {
  const results: SearchResult[] = [];
  const groups: HTMLElement[] = [];
  if (answer.articles.length > 0) {
    const options = answer.articles.map((a, i) => {
      results.push({ kind: 'article', articleId: a.articleId, ...(a.match && { match: a.match }) });
      const meta = [a.byline, a.siteName, a.published?.slice(0, 10)].filter(Boolean).join(' · ');
      return option(`search-article-${i}`, 'search-result-article', [
        line('search-result-title', a.title),
        ...(meta ? [line('search-result-meta', meta)] : []),
        ...(a.snippet ? [snippetLine('search-result-snippet', a.snippet)] : []),
      ]);
    });
    groups.push(group('search-group-articles', `Articles (${answer.total.articles.toLocaleString()})`, options));
  }
  if (answer.highlights.length > 0) {
    const options = answer.highlights.map((h, i) => {
      results.push({ kind: 'highlight', articleId: h.articleId, highlightId: h.highlightId });
      const swatch = document.createElement('span');
      swatch.className = `swatch swatch-${h.color}`;
      swatch.setAttribute('aria-label', h.color);
      const quote = snippetLine('search-result-quote', h.quote);
      quote.prepend(swatch);
      const parts = [quote];
      if (h.note) parts.push(snippetLine('search-result-note', h.note));
      const tags = h.tags.map((t) => `#${t}`).join(' ');
      parts.push(line('search-result-meta', [h.articleTitle, tags, h.orphaned ? 'orphaned' : ''].filter(Boolean).join(' · ')));
      return option(`search-highlight-${i}`, 'search-result-highlight', parts);
    });
    groups.push(group('search-group-highlights', `Highlights and notes (${answer.total.highlights.toLocaleString()})`, options));
  }
  list.replaceChildren(...groups);
  return results;
}

function group(id: string, label: string, options: HTMLElement[]): HTMLElement {
  const node = document.createElement('div');
  node.setAttribute('role', 'group');
  node.setAttribute('aria-labelledby', id);
  node.className = 'search-group';
  const heading = document.createElement('div');
  heading.id = id;
  heading.className = 'search-group-heading';
  heading.textContent = label;
  node.append(heading, ...options);
  return node;
}

function option(id: string, className: string, parts: HTMLElement[]): HTMLElement {
  const node = document.createElement('div');
  node.id = id;
  node.className = `search-result ${className}`;
  node.setAttribute('role', 'option');
  node.setAttribute('aria-selected', 'false');
  node.append(...parts);
  return node;
}

function line(className: string, text: string): HTMLElement {
  const node = document.createElement('div');
  node.className = className;
  node.textContent = text;
  return node;
}

/** A snippet with its marked words as <mark>s, and "…" where it was cut from a longer text. */
function snippetLine(className: string, snippet: Snippet): HTMLElement {
  const node = document.createElement('div');
  node.className = className;
  // Marks are offsets into the snippet as sent: whitespace is flattened piece by piece, after cutting.
  const source = snippet.text;
  let at = 0;
  const pieces: Node[] = [];
  if (snippet.cutBefore) pieces.push(document.createTextNode('…'));
  for (const [start, end] of snippet.marks) {
    if (start < at || end > source.length) continue;
    if (start > at) pieces.push(document.createTextNode(flat(source.slice(at, start))));
    const mark = document.createElement('mark');
    mark.textContent = flat(source.slice(start, end));
    pieces.push(mark);
    at = end;
  }
  if (at < source.length) pieces.push(document.createTextNode(flat(source.slice(at))));
  if (snippet.cutAfter) pieces.push(document.createTextNode('…'));
  node.append(...pieces);
  node.title = flat(source);
  return node;
}

const flat = (text: string) => text.replace(/\s+/g, ' ');
