import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { importContent, type ImportedContent } from '../../main/core/import/index.js';
import { MAX_PARAGRAPH_CHARS } from '../../main/core/import/plain-text.js';
import { IMAGE_SOURCE, documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import type { DocumentJSON } from '../../shared/model.js';
import { corpus, tempDir } from '../support/temp.js';

/**
 * Every file in ../shared/corpus/hostile, with the behaviour the corpus
 * README asks of an importer. The document JSON is what the reader renders,
 * stores and exports, so that is what the checks look at.
 */
const hostile = (name: string) => readFileSync(corpus(`hostile/${name}`));

function load(name: string, bytes: Uint8Array = hostile(name)): ImportedContent & { text: string; json: string } {
  const content = importContent(name, bytes);
  const text = articleText(documentFromJSON(content.document)).text;
  return { ...content, text, json: JSON.stringify(content.document) };
}

/** Every attribute value and mark attribute in the document (text left out). */
function attributeValues(doc: DocumentJSON): string[] {
  const values: string[] = [];
  const walk = (n: DocumentJSON) => {
    for (const v of Object.values(n.attrs ?? {})) values.push(String(v));
    for (const m of n.marks ?? []) for (const v of Object.values(m.attrs ?? {})) values.push(String(v));
    n.content?.forEach(walk);
  };
  walk(doc);
  return values;
}

/**
 * What every imported web page must satisfy: link addresses are http(s),
 * mailto or #fragments; pictures are raster data: URLs; no attribute carries
 * script, style or a handler; no markup comes through as text.
 */
function expectInert(content: { document: DocumentJSON; text: string }): void {
  const walk = (n: DocumentJSON) => {
    for (const mark of n.marks ?? []) {
      expect(mark.type).toMatch(/^(em|strong|code|link)$/);
      if (mark.type === 'link') expect(mark.attrs!.href).toMatch(/^(https?:|mailto:|#)/);
    }
    if (n.type === 'image') expect(n.attrs!.src).toMatch(IMAGE_SOURCE);
    n.content?.forEach(walk);
  };
  walk(content.document);
  for (const value of attributeValues(content.document)) {
    expect(value).not.toMatch(/javascript:|vbscript:|data:text|\.invalid|__pwned|expression\(|url\(/i);
  }
  expect(content.text).not.toMatch(/<\s*(script|iframe|object|embed|style|img|svg|form|input|link|meta)\b/i);
  expect(content.text).not.toMatch(/\bon[a-z]+\s*=/i);
}

const safeTexts = (text: string, ...markers: string[]) => {
  for (const marker of markers) expect(text).toContain(marker);
};

describe('hostile corpus', () => {
  it('covers every file in the folder', () => {
    const tested = [
      'binary-png.txt', 'css-attacks.html', 'deeply-nested-10000.html', 'empty.txt', 'event-handlers.html', 'form-post.html',
      'generate-large.mjs', 'iframe-object-embed.html', 'invalid-utf8.txt', 'javascript-urls.html', 'legacy-windows-1252.html',
      'markdown-raw-html.md', 'meta-refresh.html', 'nul-and-control-chars.txt', 'remote-resources.html', 'script-tags.html',
      'svg-inline.html', 'svg-onload.svg', 'utf16be-bom.txt', 'utf16le-bom.txt', 'whitespace-only-unicode.txt',
      'whitespace-only.txt', 'xml-entity-expansion.xhtml',
    ];
    expect(readdirSync(corpus('hostile')).sort()).toEqual(tested.sort());
  });

  it('script-tags.html: keeps the article, runs and keeps no script (the split tag is only inert text, as in a browser)', () => {
    const page = load('script-tags.html');
    safeTexts(page.text, 'SAFE-TEXT-1', 'SAFE-TEXT-2', 'SAFE-TEXT-3');
    expectInert(page);
    expect(page.json).not.toMatch(/payload\.js|INJECTED-BY-SCRIPT|script-tags\.html#[1234 6]|NOSCRIPT-CONTENT/);
  });

  it('event-handlers.html: no on* attribute in any case survives', () => {
    const page = load('event-handlers.html');
    safeTexts(page.text, 'SAFE-TEXT-1', 'SAFE-TEXT-2', 'SAFE-TEXT-3', 'SAFE-TEXT-4');
    expectInert(page);
    expect(page.json).not.toMatch(/__pwned|onerror|onload|onclick|onfocus|autofocus|ontoggle|onanimation|onmouse/i);
  });

  it('javascript-urls.html: every non-http(s)/mailto address is gone, the link texts stay, the https link is kept as data', () => {
    const page = load('javascript-urls.html');
    safeTexts(page.text, 'SAFE-TEXT-1', 'SAFE-TEXT-2', 'plain javascript: link', 'mixed-case scheme', 'tab entity inside scheme', 'fully entity-encoded scheme', 'vbscript link', 'data:text/html link');
    expectInert(page);
    const hrefs = page.json.match(/"href":"[^"]*"/g);
    expect(hrefs).toEqual(['"href":"https://example.com/ok"']);
    expect(page.json).not.toMatch(/__pwned|msgbox|PHNjcmlwdD/);
  });

  it('iframe-object-embed.html: frames, plug-ins and portals are dropped; nothing to load remains', () => {
    const page = load('iframe-object-embed.html');
    safeTexts(page.text, 'SAFE-TEXT-1', 'SAFE-TEXT-3');
    expectInert(page);
    expect(page.json).not.toMatch(/evil\.invalid|srcdoc|swf|__pwned/);
  });

  it('svg-onload.svg: refused as a file type that is not an article', () => {
    expect(() => importContent('svg-onload.svg', hostile('svg-onload.svg'))).toThrow(expect.objectContaining({ code: 'unsupported-file', message: expect.stringMatching(/\.svg files are not supported/) }));
  });

  it('svg-inline.html: inline SVG and MathML give at most their words; no handler, script or mXSS payload comes back', () => {
    const page = load('svg-inline.html');
    safeTexts(page.text, 'SAFE-TEXT-1', 'SAFE-TEXT-2: svg anchor', 'SAFE-TEXT-3');
    expectInert(page);
    expect(page.json).not.toMatch(/__pwned|onload|onbegin|onmouseover|onerror|javascript:/);
  });

  it('css-attacks.html: no style sheet, style attribute, font or background survives', () => {
    const page = load('css-attacks.html');
    safeTexts(page.text, 'SAFE-TEXT-1', 'SAFE-TEXT-2', 'SAFE-TEXT-3', 'SAFE-TEXT-4', 'SAFE-TEXT-5', 'SAFE-TEXT-6');
    expectInert(page);
    expect(page.json).not.toMatch(/tracker\.invalid|@import|@font-face|-moz-binding|behavior:|position:\s*fixed|background:|"style"/i);
  });

  it('meta-refresh.html: refresh, CSP and cookie metas are ignored; <base> never redirects relative links', () => {
    const page = load('meta-refresh.html');
    safeTexts(page.text, 'SAFE-TEXT-1', 'SAFE-TEXT-2');
    expectInert(page);
    expect(page.json).not.toMatch(/set-cookie|tracking=1|Content-Security-Policy|default-src|"href"/); // the relative link keeps only its text
    expect(attributeValues(page.document).join()).not.toMatch(/phish/);
    // With the address the page came from, the relative link resolves against that, not against <base>.
    const known = importContent('meta-refresh.html', hostile('meta-refresh.html'), { pageUrl: 'https://news.example/a/b.html' });
    expect(JSON.stringify(known.document)).toContain('"href":"https://news.example/a/relative/page.html"');
    expect(attributeValues(known.document).join()).not.toMatch(/phish/);
  });

  it('form-post.html: forms, inputs, buttons and hidden tokens are gone; nothing can be submitted', () => {
    const page = load('form-post.html');
    safeTexts(page.text, 'SAFE-TEXT-1', 'SAFE-TEXT-2');
    expectInert(page);
    expect(page.json).not.toMatch(/collector|abc123|formaction|current-password|Log in again|Continue/);
  });

  it('remote-resources.html: no remote address is kept anywhere; the inline data: GIF may stay', () => {
    const page = load('remote-resources.html');
    safeTexts(page.text, 'SAFE-TEXT-1', 'SAFE-TEXT-2', 'SAFE-TEXT-3');
    expectInert(page);
    expect(page.json).not.toMatch(/tracker\.invalid|\.mp3|\.mp4|\.webp|\.jpg|pixel\.gif|autoplay|poster/);
    expect(page.json).toContain('"src":"data:image/gif;base64,R0lGODlhAQABAAAAACw="');
    expect(page.warnings.join()).toMatch(/pictures on the web were not downloaded/);
  });

  it('markdown-raw-html.md: raw HTML is cleaned, dangerous links and remote pictures dropped, the fenced code kept as text', () => {
    const page = load('markdown-raw-html.md');
    safeTexts(page.text, 'SAFE-TEXT-1', 'SAFE-TEXT-2', 'SAFE-TEXT-3', 'SAFE-TEXT-4');
    const code = page.document.content!.filter((n) => n.type === 'code_block');
    expect(code.map((n) => n.content![0]!.text)).toEqual([
      '<script>SAFE-CODE-BLOCK: this script is inside a fenced code block and must be shown as text, not run or stripped</script>',
    ]);
    const outsideCode = JSON.stringify(page.document.content!.filter((n) => n.type !== 'code_block'));
    expect(outsideCode).not.toMatch(/<script|__pwned|onerror|onmouseover|onclick|javascript:|data:text|tracker\.invalid|evil\.invalid/);
    expect(outsideCode).not.toContain('"href"');
  });

  it('binary-png.txt: refused as "not a text file"', () => {
    expect(() => load('binary-png.txt')).toThrow(expect.objectContaining({ code: 'binary-file', message: expect.stringMatching(/not a text file/) }));
  });

  it('invalid-utf8.txt: decoded with U+FFFD and a warning; the safe text stays readable', () => {
    const page = load('invalid-utf8.txt');
    safeTexts(page.text, 'SAFE-TEXT-1', 'SAFE-TEXT-2', '\ufffd');
    expect(page.warnings.join()).toMatch(/not valid UTF-8/);
  });

  it.each(['utf16le-bom.txt', 'utf16be-bom.txt'])('%s: decoded by its byte-order mark, no NULs, no BOM', (name) => {
    const page = load(name);
    expect(page.text).not.toMatch(/[\u0000\ufeff]/);
    expect(page.text).toMatch(/[\u4e00-\u9fff]/u);
    expect(page.text).toMatch(/\p{Extended_Pictographic}/u);
  });

  it.each(['empty.txt', 'whitespace-only.txt', 'whitespace-only-unicode.txt'])('%s: refused as empty', (name) => {
    expect(() => load(name)).toThrow(expect.objectContaining({ code: 'empty-file' }));
  });

  it('nul-and-control-chars.txt: control characters and terminal escapes removed, text kept', () => {
    const page = load('nul-and-control-chars.txt');
    expect(page.text).toContain('SAFE-TEXT-1');
    expect(page.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('deeply-nested-10000.html: refused as too deeply nested, in one line, before it is parsed', () => {
    expect(() => load('deeply-nested-10000.html')).toThrow(
      expect.objectContaining({ code: 'too-complex', message: 'deeply-nested-10000.html is too deeply nested to import: its elements nest more than 1,000 levels deep.' }),
    );
  });

  it('nesting 900 lists and quotes deep still imports, capped to a document the reader can render', () => {
    const html = `<html><body>${'<blockquote><ul><li>'.repeat(300)}SAFE-DEEP${'</li></ul></blockquote>'.repeat(300)}<p>after</p></body></html>`;
    const page = load('deep.html', Buffer.from(html));
    safeTexts(page.text, 'SAFE-DEEP', 'after');
    let depth = 0;
    for (let n: DocumentJSON | undefined = page.document.content![1]; n; n = n.content?.[0]) depth++;
    expect(depth).toBeLessThan(50);
  });

  it('xml-entity-expansion.xhtml: parsed as HTML; entities stay unexpanded, no file or DTD is read', () => {
    const page = load('xml-entity-expansion.xhtml');
    safeTexts(page.text, 'SAFE-TEXT-1');
    expect(page.text).not.toMatch(/lollol|root:/);
    expect(page.json.length).toBeLessThan(5000);
    expectInert(page);
  });

  it('legacy-windows-1252.html: decoded as windows-1252 (“ ” – € … ™)', () => {
    const page = load('legacy-windows-1252.html');
    safeTexts(page.text, '“Smart quotes” – and a € sign', 'ellipsis… bullet • trademark ™');
  });

  it('generate-large.mjs: the 5 MiB single line imports, split into paragraphs a reader can lay out; its nested copy is refused', async () => {
    const out = await tempDir();
    execFileSync(process.execPath, [corpus('hostile/generate-large.mjs'), out]);
    const page = load('long-line-5MiB.txt', readFileSync(join(out, 'long-line-5MiB.txt')));
    safeTexts(page.text, 'SAFE-TEXT-1', 'SAFE-TEXT-2');
    const longest = Math.max(...page.document.content!.map((p) => p.content?.[0]?.text?.length ?? 0));
    expect(longest).toBeLessThanOrEqual(MAX_PARAGRAPH_CHARS);
    expect(() => load('deeply-nested-10000.html', readFileSync(join(out, 'deeply-nested-10000.html')))).toThrow(expect.objectContaining({ code: 'too-complex' }));
  });
});
