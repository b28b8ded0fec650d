import { readNote, type NotePart } from './note-markdown.js';

/**
 * A note's Markdown as the margin shows it, built node by node (text always
 * as text nodes, never parsed as HTML). A link carries its address in
 * `data-href` and has no `href`: the page never follows it; a click or Enter
 * on it is the margin's to hand to the reader's link confirmation.
 */
export function noteView(markdown: string): HTMLElement {
  const view = document.createElement('div');
  view.className = 'note-text';
  view.append(...readNote(markdown).map(nodeOf));
  return view;
}

function nodeOf(part: NotePart): Node {
  switch (part.kind) {
    case 'text':
      return document.createTextNode(part.text);
    case 'element': {
      const element = document.createElement(part.name);
      if (part.start !== undefined && part.start !== 1) element.setAttribute('start', String(part.start));
      element.append(...part.children.map(nodeOf));
      return element;
    }
    case 'link': {
      const link = document.createElement('a');
      link.className = 'note-link';
      link.dataset.href = part.href;
      link.title = part.href;
      // Without an href an anchor is neither focusable nor announced as a link.
      link.tabIndex = 0;
      link.setAttribute('role', 'link');
      link.append(...part.children.map(nodeOf));
      return link;
    }
    case 'code':
      return withText('code', part.text);
    case 'code-block': {
      const block = document.createElement('pre');
      block.append(withText('code', part.text));
      if (part.language) block.dataset.language = part.language;
      return block;
    }
    case 'line-break':
      return document.createElement('br');
    case 'rule':
      return document.createElement('hr');
    case 'wikilink': {
      const link = withText('span', part.label, 'note-wikilink');
      link.title = `[[${part.target}]]`;
      return link;
    }
    case 'tag':
      return withText('span', `#${part.tag}`, 'note-tag');
  }
}

function withText(name: string, text: string, className?: string): HTMLElement {
  const element = document.createElement(name);
  if (className) element.className = className;
  element.textContent = text;
  return element;
}
