import type { Node as PMNode } from 'prosemirror-model';

/**
 * Where a link of the article's own (`#id`) goes: the paragraph or heading
 * the importer kept the id on (its `anchor`), or null when the page's target
 * was not imported (part of the page that is not the article).
 */
export function anchorPosition(article: PMNode, href: string): number | null {
  let id = href.replace(/^#/, '');
  try {
    id = decodeURIComponent(id);
  } catch {
    // Not percent-encoded: the id as written.
  }
  let found: number | null = null;
  article.descendants((node, pos) => {
    if (found !== null) return false;
    if (node.attrs.anchor === id) {
      found = pos;
      return false;
    }
    return !node.isTextblock;
  });
  return found;
}
