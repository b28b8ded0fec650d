import type { DocumentJSON } from '../../../../shared/model.js';

/**
 * Makes the book's own links (`#p3-note1`) go where the article has a
 * place for them. A paragraph holds one id: where a chapter's first
 * paragraph already holds the chapter's (`p3`), an id at the same spot is
 * not kept, so links to it go to the chapter instead. A link to a document
 * left out of the article (an unlinked non-linear one) keeps only its words.
 */
export function settleBookLinks(blocks: DocumentJSON[]): void {
  const anchors = new Set<string>();
  const links: { text: DocumentJSON; mark: NonNullable<DocumentJSON['marks']>[number] }[] = [];
  const stack = [...blocks];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const anchor = node.attrs?.anchor;
    if (typeof anchor === 'string') anchors.add(anchor);
    for (const mark of node.marks ?? []) {
      if (mark.type === 'link' && typeof mark.attrs?.href === 'string' && mark.attrs.href.startsWith('#p')) links.push({ text: node, mark });
    }
    for (const child of node.content ?? []) stack.push(child);
  }
  for (const { text, mark } of links) {
    const id = decodeURIComponent((mark.attrs!.href as string).slice(1));
    if (anchors.has(id)) continue;
    const chapter = /^p\d+/.exec(id)?.[0];
    if (chapter && anchors.has(chapter)) mark.attrs = { ...mark.attrs, href: `#${chapter}` };
    else {
      text.marks = text.marks!.filter((m) => m !== mark);
      if (text.marks.length === 0) delete text.marks;
    }
  }
}
