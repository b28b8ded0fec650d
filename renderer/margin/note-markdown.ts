import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

/*
 * A note read as Markdown, into plain data the margin turns into DOM nodes
 * (note-view.ts). Kept apart from the DOM so that what a note means is
 * tested under Node.
 *
 * The parser is markdown-it: it is already the app's (the Markdown importer
 * uses it), and bundled for the page it is ~100 KB minified (~42 KB gzipped)
 * against commonmark.js's ~160 KB (~49 KB). With `html: false`, raw HTML is
 * never markup: `<img onerror=…>` is text. Images are off too: an image would
 * be a request, so `![alt](x)` reads as `!` and a link, inert like any other.
 */
const parser = new MarkdownIt('commonmark', { html: false, linkify: false }).disable('image').enable('strikethrough');

/** The elements a note may hold: nothing that loads, runs or submits. */
export type NoteElementName = 'p' | 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' | 'ul' | 'ol' | 'li' | 'blockquote' | 'em' | 'strong' | 's';

/** One piece of a note as the margin shows it. */
export type NotePart =
  | { kind: 'text'; text: string }
  | { kind: 'element'; name: NoteElementName; children: NotePart[]; start?: number }
  /** A link: inert until the reader confirms it, as in the article. */
  | { kind: 'link'; href: string; children: NotePart[] }
  | { kind: 'code'; text: string }
  | { kind: 'code-block'; text: string; language: string }
  | { kind: 'line-break' }
  | { kind: 'rule' }
  /** `[[Target]]` or `[[Target|Label]]`: a link in Obsidian and Logseq; here, text set apart. */
  | { kind: 'wikilink'; target: string; label: string }
  /** `#tag`: a tag in Obsidian and Logseq; here, text set apart. */
  | { kind: 'tag'; tag: string };

/** Block tokens that open and close an element of the same name. */
const CONTAINERS: Record<string, NoteElementName> = {
  paragraph_open: 'p',
  heading_open: 'h1',
  bullet_list_open: 'ul',
  ordered_list_open: 'ol',
  list_item_open: 'li',
  blockquote_open: 'blockquote',
  em_open: 'em',
  strong_open: 'strong',
  s_open: 's',
};

/** The note's parts, in order. */
export function readNote(markdown: string): NotePart[] {
  const root: NotePart[] = [];
  // The children list each open element or link is filling.
  const open: NotePart[][] = [root];
  const add = (part: NotePart) => open[open.length - 1]!.push(part);
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'inline') {
        walk(token.children ?? []);
        continue;
      }
      // A tight list's paragraphs are not drawn as paragraphs (as CommonMark renders them).
      if (token.hidden) continue;
      if (token.nesting === -1) {
        open.pop();
        continue;
      }
      const container = CONTAINERS[token.type];
      if (container) {
        const name = container === 'h1' ? (token.tag as NoteElementName) : container;
        const start = token.type === 'ordered_list_open' ? Number(token.attrGet('start') ?? 1) : undefined;
        const children: NotePart[] = [];
        add(start === undefined ? { kind: 'element', name, children } : { kind: 'element', name, children, start });
        open.push(children);
      } else if (token.type === 'link_open') {
        const children: NotePart[] = [];
        add({ kind: 'link', href: String(token.attrGet('href') ?? ''), children });
        open.push(children);
      } else if (token.type === 'text') addText(add, token.content);
      else if (token.type === 'code_inline') add({ kind: 'code', text: token.content });
      // A line break typed in the note is kept, as Obsidian shows it by default: a note is typed in a text box.
      else if (token.type === 'softbreak' || token.type === 'hardbreak') add({ kind: 'line-break' });
      else if (token.type === 'fence' || token.type === 'code_block') {
        add({ kind: 'code-block', text: token.content.replace(/\n$/, ''), language: token.info.trim().split(/\s/)[0] ?? '' });
      } else if (token.type === 'hr') add({ kind: 'rule' });
    }
  };
  walk(parser.parse(markdown, {}));
  return root;
}

/** `[[Target]]` or `[[Target|Label]]` on one line. */
const WIKILINK = /\[\[([^[\]|\n]+)(?:\|([^[\]\n]+))?\]\]/g;
/**
 * `#tag` as Obsidian reads it: after a space or the start, letters, digits,
 * `_`, `-` and `/` (nested tags), not digits only (`#1` is a number).
 */
const TAG = /(^|[\s(])#([\p{L}\p{N}_/-]*[\p{L}_/-][\p{L}\p{N}_/-]*)/gu;

/** Text, with its wikilinks and tags set apart. */
function addText(add: (part: NotePart) => void, text: string): void {
  let at = 0;
  for (const found of text.matchAll(WIKILINK)) {
    addTags(add, text.slice(at, found.index));
    const target = found[1]!.trim();
    add({ kind: 'wikilink', target, label: (found[2] ?? found[1]!).trim() });
    at = found.index + found[0].length;
  }
  addTags(add, text.slice(at));
}

function addTags(add: (part: NotePart) => void, text: string): void {
  let at = 0;
  for (const found of text.matchAll(TAG)) {
    const hash = found.index + found[1]!.length;
    if (hash > at) add({ kind: 'text', text: text.slice(at, hash) });
    add({ kind: 'tag', tag: found[2]! });
    at = hash + 1 + found[2]!.length;
  }
  if (at < text.length) add({ kind: 'text', text: text.slice(at) });
}
