import { describe, expect, it } from 'vitest';
import { readNote, type NotePart } from '../../renderer/margin/note-markdown.js';

/*
 * What a note means in the margin: Markdown, read into parts the margin builds
 * DOM nodes from. Raw HTML and images never become markup; links are parts
 * the margin keeps inert until the reader confirms them.
 */

const text = (t: string): NotePart => ({ kind: 'text', text: t });
const el = (name: string, ...children: NotePart[]): NotePart => ({ kind: 'element', name, children }) as NotePart;

describe('a note read as Markdown for the margin', () => {
  it('reads emphasis, strong, inline code, strikethrough, and keeps typed line breaks', () => {
    expect(readNote('They talked for *ninety* minutes, **in Hangzhou**, `G20` ~~twice~~\nthen left.')).toEqual([
      el(
        'p',
        text('They talked for '),
        el('em', text('ninety')),
        text(' minutes, '),
        el('strong', text('in Hangzhou')),
        text(', '),
        { kind: 'code', text: 'G20' },
        text(' '),
        el('s', text('twice')),
        { kind: 'line-break' },
        text('then left.'),
      ),
    ]);
  });

  it('reads lists (tight ones without paragraphs, numbered ones from their start), quotes, headings, code blocks and rules', () => {
    expect(readNote('# Heading\n\n- one\n- two\n\n3. three\n4. four\n\n> quoted\n\n```js\nlet x;\n\nx = 1;\n```\n\n---')).toEqual([
      el('h1', text('Heading')),
      el('ul', el('li', text('one')), el('li', text('two'))),
      { kind: 'element', name: 'ol', start: 3, children: [el('li', text('three')), el('li', text('four'))] },
      el('blockquote', el('p', text('quoted'))),
      { kind: 'code-block', text: 'let x;\n\nx = 1;', language: 'js' },
      { kind: 'rule' },
    ]);
  });

  it('shows raw HTML as text and makes no image: nothing in a note loads or runs', () => {
    expect(readNote('<img src=x onerror=alert(1)> and <script>alert(2)</script>')).toEqual([
      el('p', text('<img src=x onerror=alert(1)> and <script>alert(2)</script>')),
    ]);
    expect(readNote('<div onclick="x()">\nblock\n</div>')).toEqual([el('p', text('<div onclick="x()">'), { kind: 'line-break' }, text('block'), { kind: 'line-break' }, text('</div>'))]);
    // An image is a `!` and a link, inert like any other link.
    expect(readNote('![chart](https://example.org/chart.png)')).toEqual([
      el('p', text('!'), { kind: 'link', href: 'https://example.org/chart.png', children: [text('chart')] }),
    ]);
  });

  it('reads links and autolinks with their address; a javascript: link stays text', () => {
    expect(readNote('[NPR](https://www.npr.org/a?b=1) <mailto:a@example.org> [bad](javascript:alert(1))')).toEqual([
      el(
        'p',
        { kind: 'link', href: 'https://www.npr.org/a?b=1', children: [text('NPR')] },
        text(' '),
        { kind: 'link', href: 'mailto:a@example.org', children: [text('mailto:a@example.org')] },
        text(' [bad](javascript:alert(1))'),
      ),
    ]);
  });

  it('sets apart [[wikilinks]] (with their label) and #tags, but not in code, not #1, not C#', () => {
    expect(readNote('Says [[Kerry]] and [[John Kerry|the Secretary]] #syria #g20/summit, C# #1 `#code [[x]]`')).toEqual([
      el(
        'p',
        text('Says '),
        { kind: 'wikilink', target: 'Kerry', label: 'Kerry' },
        text(' and '),
        { kind: 'wikilink', target: 'John Kerry', label: 'the Secretary' },
        text(' '),
        { kind: 'tag', tag: 'syria' },
        text(' '),
        { kind: 'tag', tag: 'g20/summit' },
        text(', C# #1 '),
        { kind: 'code', text: '#code [[x]]' },
      ),
    ]);
  });

  it('reads an empty note as nothing', () => {
    expect(readNote('')).toEqual([]);
    expect(readNote('  \n\n')).toEqual([]);
  });
});
