import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMSerializer } from 'prosemirror-model';
import { parseHTML } from 'linkedom';
import { importContent } from '../../main/core/import/index.js';
import { openLibrary as openUnmanagedLibrary } from '../../main/core/index.js';
import { articleSchema, documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import type { DocumentJSON } from '../../shared/model.js';
import { openTestLibrary as openLibrary } from '../support/library.js';
import { corpus, tempDir } from '../support/temp.js';
import { nodesOf as nodes, textOfNode as textOf } from '../support/document.js';

const FIXTURES = new URL('../fixtures/import/', import.meta.url).pathname;
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

const linksOf = (doc: DocumentJSON) =>
  nodes(doc, 'text').flatMap((t) => (t.marks ?? []).filter((m) => m.type === 'link').map((m) => [t.text, m.attrs!.href]));

function importPage(name = 'structure.html', options = { baseDir: FIXTURES }) {
  const content = importContent(name, fixture(name), options);
  const doc = documentFromJSON(content.document);
  return { ...content, doc, text: articleText(doc).text };
}

describe('HTML import: structure', () => {
  it('keeps the article (not the navigation or footer) and its metadata', () => {
    const page = importPage();
    expect(page.title).toBe('How Lighthouses Work | The Harbour Gazette');
    expect(page.metadata).toEqual({
      byline: 'Ada Keeper',
      url: 'https://gazette.example/articles/lighthouses',
      siteName: 'The Harbour Gazette',
      published: '2024-03-05T08:30:00.000Z',
      language: 'en-GB',
      excerpt: 'A short tour of lenses, lamps and keepers.',
    });
    expect(page.text).not.toMatch(/Home|Privacy|©/);
    expect(page.text).toContain('Today most lights are automatic');
  });

  it('maps headings (h1 → level 2), paragraphs with collapsed spaces, emphasis, strong and code', () => {
    const { document, text } = importPage();
    expect(nodes(document, 'heading').map((h) => [h.attrs!.level, textOf(h)])).toEqual([
      [2, 'The lens'],
      [3, 'Orders of lenses'],
      [4, 'The keepers'],
    ]);
    expect(text).toContain('For two hundred years the keepers who tended them climbed the stairs');
    const marked = nodes(document, 'text').filter((t) => t.marks).map((t) => [t.text, t.marks!.map((m) => m.type).join()]);
    expect(marked).toEqual(expect.arrayContaining([['lamp', 'em'], ['lens', 'strong'], ['characteristic', 'code']]));
  });

  it('maps nested lists, quotes, line breaks, code blocks (whitespace kept) and rules', () => {
    const { document } = importPage();
    const [list] = nodes(document, 'ordered_list');
    expect(list!.attrs).toEqual({ order: 3 });
    expect(list!.content!.map((item) => item.content!.map((b) => b.type))).toEqual([['paragraph'], ['paragraph', 'bullet_list']]);
    expect(nodes(list!, 'list_item').map(textOf)).toContain('flashing lights.');
    expect(nodes(document, 'blockquote')[0]!.content!.map(textOf)).toEqual(['The light must never go out.', "— every keeper's rule book"]);
    expect(textOf(nodes(document, 'paragraph').find((p) => textOf(p).startsWith('Keepers'))!)).toBe('Keepers kept a log.\nEvery night, every hour.');
    expect(nodes(document, 'code_block').map(textOf)).toEqual(['  22:00  lamp lit\n  23:00  wick trimmed    (all well)']);
    expect(nodes(document, 'horizontal_rule')).toHaveLength(1);
  });

  it('maps tables: caption as a paragraph before, header cells, spans, marks inside cells', () => {
    const { document, text } = importPage();
    const [table] = nodes(document, 'table');
    expect(table!.content!.map((row) => row.content!.map((cell) => [textOf(cell), cell.attrs!.header, cell.attrs!.colspan]))).toEqual([
      [['Light', true, 1], ['Lit', true, 1]],
      [['Eddystone', false, 1], ['1698', false, 1]],
      [['Bell Rock, lit 1811', false, 2]],
    ]);
    expect(nodes(table!, 'text').find((t) => t.text === 'lit 1811')!.marks).toEqual([{ type: 'em' }]);
    expect(text).toContain('Famous lights\nLight\nLit\nEddystone\n1698\nBell Rock, lit 1811');
  });

  it('keeps links as data: http(s), mailto and #fragments; resolves relative ones against the page address; drops unsafe ones but keeps their text', () => {
    const { document, text } = importPage();
    expect(linksOf(document)).toEqual([
      ['his 1822 memoir', 'https://en.wikipedia.org/wiki/Fresnel_lens'],
      ['our history page', 'https://gazette.example/articles/history.html'],
      ['the keepers section', '#keepers'],
      ['write to us', 'mailto:letters@gazette.example'],
    ]);
    expect(text).toContain('this link that must not survive or this one.');
    expect(JSON.stringify(document)).not.toMatch(/javascript:|data:text/);
  });

  it('drops relative links when the page address is unknown, and resolves them against pageUrl when given', () => {
    const html = Buffer.from('<html><body><article><p>Read <a href="2.html">the next note</a> and <a href="/">home</a>.</p></article></body></html>');
    expect(linksOf(importContent('note.html', html).document)).toEqual([]);
    expect(linksOf(importContent('note.html', html, { pageUrl: 'https://example.org/notes/1.html' }).document)).toEqual([
      ['the next note', 'https://example.org/notes/2.html'],
      ['home', 'https://example.org/'],
    ]);
  });
});

describe('HTML import: pictures', () => {
  it('keeps embedded raster pictures and local files in the page folder as data: URLs; web pictures become their description', () => {
    const page = importPage();
    const images = nodes(page.document, 'image');
    expect(images.map((i) => i.attrs!.alt)).toEqual(['A red lamp', 'A blue dot']);
    expect(images[0]!.attrs!.src).toBe(`data:image/png;base64,${fixture('pictures/dot.png').toString('base64')}`);
    for (const image of images) expect(image.attrs!.src).toMatch(/^data:image\/png;base64,/);
    // The figure: one picture and its caption, which is article text.
    expect(nodes(page.document, 'figure').map((f) => f.content!.map((n) => n.type))).toEqual([['image', 'figcaption']]);
    expect(page.text).toContain('The lamp, as kept by the keepers.');
    // A picture inside a paragraph splits it; pictures add nothing to the article text.
    expect(page.text).toContain('An embedded picture:\nand the text goes on after it.');
    expect(page.text).not.toContain('A red lamp');
    // Web pictures, SVG and files that are not pictures are shown by their description; empty descriptions vanish.
    expect(page.text).toContain('Pictures that stay out: The tower at dusk An SVG badge A fake picture .');
    expect(JSON.stringify(page.document)).not.toMatch(/images\.example|svg\+xml|not-a-picture/);
    expect(page.warnings).toEqual(['2 pictures on the web were not downloaded: importing fetches nothing.']);
  });

  it('reads no local picture without a page folder, and none outside it (paths or symbolic links)', async () => {
    const withoutFolder = importContent('structure.html', fixture('structure.html'));
    expect(nodes(withoutFolder.document, 'image').map((i) => i.attrs!.alt)).toEqual(['A blue dot']);
    // Its canonical address is known, so its relative pictures are on its web site: not downloaded either.
    expect(withoutFolder.warnings).toEqual(['4 pictures on the web were not downloaded: importing fetches nothing.']);

    const root = await tempDir();
    const folder = join(root, 'page');
    mkdirSync(join(folder, 'pictures'), { recursive: true });
    copyFileSync(join(FIXTURES, 'pictures/dot.png'), join(root, 'secret.png'));
    symlinkSync(join(root, 'secret.png'), join(folder, 'pictures/link.png'));
    const html = `<html><body><article><p>Three pictures.</p>
      <img src="../secret.png" alt="escape by path"><img src="pictures/link.png" alt="escape by link">
      <img src="file://${join(root, 'secret.png')}" alt="escape by file URL"></article></body></html>`;
    writeFileSync(join(folder, 'page.html'), html);
    const content = importContent('page.html', readFileSync(join(folder, 'page.html')), { baseDir: folder });
    expect(nodes(content.document, 'image')).toEqual([]);
    expect(articleText(documentFromJSON(content.document)).text).toContain('escape by path escape by link escape by file URL');
  });

  it('renders pictures inert: only a data: src and the alt text; the schema refuses any other source', () => {
    const { doc } = importPage();
    const { document } = parseHTML('<!DOCTYPE html><html><body></body></html>');
    const fragment = DOMSerializer.fromSchema(articleSchema).serializeFragment(doc.content, { document: document as never });
    const holder = document.createElement('div');
    holder.appendChild(fragment as never);
    for (const img of Array.from(holder.querySelectorAll('img'))) {
      expect(img.getAttributeNames().sort()).toEqual(['alt', 'src']);
      expect(img.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    }
    expect(holder.querySelectorAll('a[href]').length).toBe(0); // links are data-href only
    const remote = { type: 'doc', content: [{ type: 'title' }, { type: 'image', attrs: { src: 'https://tracker.invalid/p.gif', alt: '' } }] };
    expect(() => documentFromJSON(remote)).toThrow(/data: URL/);
    const svg = { type: 'doc', content: [{ type: 'title' }, { type: 'image', attrs: { src: 'data:image/svg+xml;base64,PHN2Zz4=', alt: '' } }] };
    expect(() => documentFromJSON(svg)).toThrow(/data: URL/);
  });
});

describe('HTML import: encodings', () => {
  const page = (body: string) => `<!DOCTYPE html><html><head><title>T</title></head><body><article><p>${body}</p></article></body></html>`;

  it('decodes a <meta charset="windows-1252"> page (0x93 0x94 0x96 0x80 0x85 0x99)', () => {
    const content = importContent('legacy.html', readFileSync(corpus('hostile/legacy-windows-1252.html')));
    const text = articleText(documentFromJSON(content.document)).text;
    expect(text).toContain('“Smart quotes” – and a € sign');
    expect(text).toContain('SAFE-TEXT-1: Café, naïve, ‘single’, ellipsis… bullet • trademark ™.');
    expect(content.warnings).toEqual([]);
  });

  it('decodes a charset declared in <meta http-equiv="Content-Type">, and in an XML declaration', () => {
    const latin = (s: string) => Buffer.from(s, 'latin1');
    const httpEquiv = Buffer.concat([
      latin('<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head><body><p>'),
      Buffer.from([0x93, 0x41, 0x94, 0x20, 0xe9]),
      latin('</p></body></html>'),
    ]);
    expect(articleText(documentFromJSON(importContent('a.html', httpEquiv).document)).text).toContain('“A” é');
    const xml = Buffer.concat([latin('<?xml version="1.0" encoding="iso-8859-15"?><html><body><p>'), Buffer.from([0xa4, 0x41]), latin('</p></body></html>')]);
    expect(articleText(documentFromJSON(importContent('a.xhtml', xml).document)).text).toContain('€A');
  });

  it('reads an undeclared page that is not UTF-8 as windows-1252, with a warning; a UTF-8 page with a stale declaration as UTF-8', () => {
    const legacy = Buffer.concat([Buffer.from('<html><body><p>caf'), Buffer.from([0xe9, 0x20, 0x85]), Buffer.from('</p></body></html>')]);
    const content = importContent('old.html', legacy);
    expect(articleText(documentFromJSON(content.document)).text).toContain('café …');
    expect(content.warnings).toEqual(['old.html is not valid UTF-8 and declares no encoding; it was read as Windows-1252.']);
    const stale = Buffer.from('<html><head><meta charset="gb2312"></head><body><p>新电脑 café</p></body></html>');
    expect(articleText(documentFromJSON(importContent('new.html', stale).document)).text).toContain('新电脑 café');
  });

  it('decodes UTF-16 LE and BE pages and UTF-8 with a BOM, by their byte-order mark', () => {
    const html = page('Ünïcödé 😃 text');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html, 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    const variants = [le, Buffer.concat([Buffer.from([0xfe, 0xff]), be]), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html)])];
    for (const bytes of variants) {
      const text = articleText(documentFromJSON(importContent('u.html', bytes).document)).text;
      expect(text).toContain('Ünïcödé 😃 text');
      expect(text).not.toMatch(/\u0000|\ufeff/);
    }
  });
});

describe('HTML import: refusals', () => {
  it.each([
    ['an empty page', new Uint8Array(0), 'empty-file'],
    ['a page of spaces', Buffer.from(' \n\t \n'), 'empty-file'],
    ['a page with no text', Buffer.from('<html><head><script>x()</script></head><body><div> </div><img src="https://x.invalid/a.png"></body></html>'), 'empty-file'],
    ['a PNG named .html', readFileSync(corpus('hostile/binary-png.txt')), 'binary-file'],
  ])('refuses %s with a clear %s error', (_, bytes, code) => {
    expect(() => importContent('page.html', bytes)).toThrow(expect.objectContaining({ code }));
  });

  it('refuses a 60 MB page or Markdown file as too large, writing nothing', async () => {
    const dataDir = await tempDir();
    const library = await openLibrary({ dataDir });
    const big = new Uint8Array(60 * 1024 * 1024).fill(0x3c);
    for (const fileName of ['big.html', 'big.md']) {
      await expect(library.importFile({ fileName, bytes: big })).rejects.toMatchObject({ code: 'too-large', message: /60\.0 MB/ });
    }
    expect(await library.listArticles()).toEqual([]);
  });

  it('stores an imported page with its metadata through the library', async () => {
    const library = await openLibrary({ dataDir: await tempDir() });
    const { summary } = await library.importFile({ fileName: 'structure.html', bytes: fixture('structure.html') });
    const { article } = await library.getArticle(summary.id);
    expect(article.title).toBe('How Lighthouses Work | The Harbour Gazette');
    expect(article.metadata?.url).toBe('https://gazette.example/articles/lighthouses');
    expect(documentFromJSON(article.document).childCount).toBeGreaterThan(10);
  });
});

describe('HTML import: books and tag soup', () => {
  it('imports a Project Gutenberg book page whole; its missing pictures are reported, not fetched', () => {
    const moby = importContent('moby-dick.html', readFileSync(corpus('books/moby-dick.html')));
    expect(moby.title).toBe('Moby Dick; or The Whale');
    const text = articleText(documentFromJSON(moby.document)).text;
    expect(text).toContain('Call me Ishmael.');
    expect(text).toContain('It was the devious-cruising Rachel, that in her retracing search after her missing children, only found another orphan.');

    const pride = importContent('pride-and-prejudice.html', readFileSync(corpus('books/pride-and-prejudice.html')), { baseDir: corpus('books') });
    expect(nodes(pride.document, 'image')).toEqual([]);
    expect(pride.warnings).toEqual([expect.stringMatching(/^164 pictures next to the page could not be found or read\.$/)]);
  });

  it('turns any tag soup (as a page, or as raw HTML in Markdown) into a document that fits the schema', () => {
    let seed = 20261125;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
    const tags = ['p', 'div', 'ul', 'ol', 'li', 'blockquote', 'pre', 'h1', 'h3', 'table', 'tr', 'td', 'th', 'figure', 'figcaption', 'em', 'strong', 'code', 'a href="https://x.example/"', 'span', 'dl', 'dt', 'dd', 'section', 'caption', 'svg', 'math', 'noscript', 'object', 'details'];
    const leaves = ['text ', '<br>', '<hr>', '  ', `<img src="data:image/png;base64,${fixture('pictures/dot.png').toString('base64')}" alt="dot">`, '<img src="https://x.invalid/a.png" alt="remote">', 'more words ', '&nbsp;', '\u0007'];
    for (let round = 0; round < 300; round++) {
      let html = '';
      const open: string[] = [];
      for (let i = 0; i < 60; i++) {
        const r = random();
        if (r < 0.4) {
          const tag = pick(tags);
          html += `<${tag}>`;
          open.push(tag.split(' ')[0]!);
        } else if (r < 0.6 && open.length > 0) html += `</${open.pop()}>`;
        else if (r < 0.65) html += `</${pick(tags).split(' ')[0]}>`; // a stray end tag
        else html += pick(leaves);
      }
      const bytes = Buffer.from(`<html><body><article><p>Start.</p>${html}</article></body></html>`);
      expect(() => documentFromJSON(importContent('soup.html', bytes).document), html).not.toThrow();
      const markdown = Buffer.from(`- Start.\n  > ${html.replace(/</g, '\n<')}`);
      expect(() => documentFromJSON(importContent('soup.md', markdown).document), html).not.toThrow();
    }
  });
});


describe('a page address longer than an article keeps', () => {
  it('is dropped, not cut, and the article still opens after the library is reopened (it was quarantined there)', async () => {
    const dataDir = await tempDir();
    const long = `https://example.org/${'a'.repeat(5000)}`;
    const html = `<!doctype html><html><head><title>Long address</title><link rel="canonical" href="${long}"></head><body><article><h1>Long address</h1><p>${'A paragraph of the article, long enough to be kept. '.repeat(12)}</p><p><a href="/next">Next</a></p></article></body></html>`;
    const first = await openUnmanagedLibrary({ dataDir });
    const { summary } = await first.importFile({ fileName: 'long-address.html', bytes: Buffer.from(html) });
    expect((await first.getArticle(summary.id)).article.metadata?.url).toBeUndefined();
    await first.close();
    const again = await openLibrary({ dataDir });
    const listed = (await again.listArticles()).find((a) => a.id === summary.id);
    expect(listed?.unavailable).toBeUndefined();
    expect((await again.getArticle(summary.id)).article.title).toBe('Long address');
    expect(await again.recoveries()).toEqual([]);
  });
});
