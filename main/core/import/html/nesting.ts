import { MarginaliaError } from '../../../../shared/contract/errors.js';

/**
 * Deepest element nesting a page (or a Markdown file's raw HTML) may have.
 * Real pages nest under 40 deep, and Chromium's parser stops nesting at 512.
 * Parsing grows with the square of the depth (the parser searches its stack
 * of open elements at every tag): 10,000 deep took 0.1 s, 100,000 deep 10 s
 * and 200,000 deep 39 s. At 1,000 a 50 MB file of nests parses in linear time.
 */
export const MAX_NESTING_DEPTH = 1000;

/** Elements that never have content (htmlparser2's list, which linkedom parses with). */
const VOID = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** Elements whose text runs to their end tag, with no tags inside (htmlparser2's). */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);

/** Elements in which `<x/>` closes x (SVG and MathML); an integration point switches back to HTML. */
const FOREIGN = new Set(['svg', 'math']);
const INTEGRATION = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

/** For a start tag, the open elements it closes while one of them is innermost (htmlparser2's `openImpliesClose`). */
const CLOSES: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const p = new Set(['p']);
  const form = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
  const rules: [string[], Set<string>][] = [
    [['tr'], new Set(['tr', 'th', 'td'])],
    [['th'], new Set(['th'])],
    [['td'], new Set(['thead', 'th', 'td'])],
    [['body'], new Set(['head', 'link', 'script'])],
    [['li'], new Set(['li'])],
    [['select', 'input', 'output', 'button', 'datalist', 'textarea'], form],
    [['option'], new Set(['option'])],
    [['optgroup'], new Set(['optgroup', 'option'])],
    [['dd', 'dt'], new Set(['dd', 'dt'])],
    [['rt', 'rp'], new Set(['rt', 'rp'])],
    [['tbody', 'tfoot'], new Set(['thead', 'tbody'])],
    [
      ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset',
        'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'],
      p,
    ],
  ];
  return new Map(rules.flatMap(([names, closed]) => names.map((name) => [name, closed] as const)));
})();

/**
 * Refuses HTML whose elements nest deeper than MAX_NESTING_DEPTH, before a
 * DOM is built for it: see `deepestNesting`.
 */
export function refuseDeepNesting(html: string, fileName: string): void {
  if (deepestNesting(html, MAX_NESTING_DEPTH) > MAX_NESTING_DEPTH) {
    throw new MarginaliaError(
      'too-complex',
      `${fileName} is too deeply nested to import: its elements nest more than ${MAX_NESTING_DEPTH.toLocaleString('en')} levels deep.`,
    );
  }
}

/**
 * How deep the elements of `html` nest once parsed, found by one pass over
 * its tags with the parser's rules for what closes what (end tags close
 * everything inside, some start tags close an open `p`, `li`, `td`…;
 * comments and the text of scripts and styles hold no elements). Stops
 * as soon as the depth passes `stopAbove`. Linear in the length of the text,
 * whatever it holds.
 */
export function deepestNesting(html: string, stopAbove = Infinity): number {
  const stack: string[] = [];
  const openCount = new Map<string, number>();
  const foreign: boolean[] = [];
  let deepest = 0;

  const push = (name: string) => {
    stack.push(name);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
    if (stack.length > deepest) deepest = stack.length;
  };
  const pop = () => {
    const name = stack.pop()!;
    openCount.set(name, openCount.get(name)! - 1);
    return name;
  };
  const start = (name: string, selfClosing: boolean) => {
    const closed = CLOSES.get(name);
    if (closed) while (stack.length > 0 && closed.has(stack[stack.length - 1]!)) pop();
    if (VOID.has(name)) {
      deepest = Math.max(deepest, stack.length + 1);
      return;
    }
    push(name);
    if (FOREIGN.has(name)) foreign.push(true);
    else if (INTEGRATION.has(name)) foreign.push(false);
    if (selfClosing && foreign[foreign.length - 1]) pop();
  };
  const end = (name: string) => {
    if (FOREIGN.has(name) || INTEGRATION.has(name)) foreign.pop();
    if (name === 'br') start('br', false); // `</br>` is a <br>, as in a browser
    if (VOID.has(name)) return;
    if (openCount.get(name)) while (pop() !== name);
    else if (name === 'p') {
      // A `</p>` with no open p makes an empty one, as in a browser.
      start('p', false);
      pop();
    }
  };

  let i = 0;
  while (deepest <= stopAbove) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const next = html.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) {
      if (html.startsWith('<!--', lt)) i = after(html, '-->', lt + 4);
      else if (html.startsWith('<![CDATA[', lt)) i = after(html, ']]>', lt + 9);
      else i = after(html, '>', lt + 2);
      continue;
    }
    if (next === 0x3f /* ? */) {
      i = after(html, '>', lt + 2);
      continue;
    }
    const closing = next === 0x2f; /* / */
    const nameStart = closing ? lt + 2 : lt + 1;
    if (!isAsciiLetter(html.charCodeAt(nameStart))) {
      // `</>` is nothing, `</3…>` a comment; `<` before anything else is text.
      i = closing ? after(html, '>', nameStart) : lt + 1;
      continue;
    }
    let nameEnd = nameStart + 1;
    while (nameEnd < html.length && !endsTagSection(html.charCodeAt(nameEnd))) nameEnd++;
    const name = html.slice(nameStart, nameEnd).toLowerCase();
    const tag = tagEnd(html, nameEnd);
    i = tag.end;
    if (closing) end(name);
    else {
      start(name, tag.selfClosing);
      if (RAW_TEXT.has(name) && !tag.selfClosing) i = rawTextEnd(html, name, i);
    }
  }
  return deepest;
}

/** The index after the next `token` from `from`, or the end of the text. */
function after(html: string, token: string, from: number): number {
  const at = html.indexOf(token, from);
  return at < 0 ? html.length : at + token.length;
}

/** Where a script's (style's…) text ends: at its end tag, or at the end of the text. */
function rawTextEnd(html: string, name: string, from: number): number {
  const endTag = new RegExp(`</${name}[\\s/>]`, 'gi');
  endTag.lastIndex = from;
  return endTag.exec(html)?.index ?? html.length;
}

/**
 * Reads a tag's attributes from just after its name to its `>`, as the
 * tokenizer does (a quoted value may hold `>`), in one pass. Returns the
 * index after the tag and whether it ended with `/>`.
 */
function tagEnd(html: string, from: number): { end: number; selfClosing: boolean } {
  const n = html.length;
  let i = from;
  let slash = false;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === 0x3e /* > */) return { end: i + 1, selfClosing: slash };
    if (c === 0x2f /* / */ || isSpace(c)) {
      slash ||= c === 0x2f;
      i++;
      continue;
    }
    slash = false;
    i++; // an attribute name, then perhaps = and a value
    while (i < n && !endsTagSection(html.charCodeAt(i)) && html.charCodeAt(i) !== 0x3d /* = */) i++;
    while (i < n && isSpace(html.charCodeAt(i))) i++;
    if (html.charCodeAt(i) !== 0x3d) continue;
    i++;
    while (i < n && isSpace(html.charCodeAt(i))) i++;
    const quote = html.charCodeAt(i);
    if (quote === 0x22 /* " */ || quote === 0x27 /* ' */) {
      const close = html.indexOf(String.fromCharCode(quote), i + 1);
      i = close < 0 ? n : close + 1;
    } else {
      while (i < n && !isSpace(html.charCodeAt(i)) && html.charCodeAt(i) !== 0x3e) i++;
    }
  }
  return { end: n, selfClosing: false };
}

const isAsciiLetter = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
const endsTagSection = (c: number) => c === 0x2f || c === 0x3e || isSpace(c);
