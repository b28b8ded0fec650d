import { describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { importContent } from '../../main/core/import/index.js';
import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import { utf16 } from '../../shared/offsets.js';
import { nodesOf, textOfNode } from '../support/document.js';
import { openTestLibrary } from '../support/library.js';
import { tempDir } from '../support/temp.js';
import { buildEpub, PNG_PIXEL, type BookOptions } from './import-epub-builder.js';

const CHAPTERS: BookOptions['chapters'] = [
  { file: 'one.xhtml', label: 'The Lamp', body: '<h1>The Lamp</h1><p>The keeper lit the lamp at dusk, as every evening, and watched the first ships pass.</p>' },
  { file: 'two.xhtml', label: 'The Storm', body: '<p>By midnight the storm had reached the point and the waves broke over the rocks below the tower.</p>' },
];
const read = (options: Partial<BookOptions> = {}, name = 'harbour.epub') => {
  const content = importContent(name, buildEpub({ chapters: CHAPTERS, ...options }));
  return { ...content, text: articleText(documentFromJSON(content.document)).text };
};
const fails = (bytes: Uint8Array, name = 'harbour.epub') => () => importContent(name, bytes);

/** Sets the sizes the central directory declares for every entry (the sizes fflate trusts). */
function declareSizes(zip: Uint8Array, declare: (compressed: number, name: string) => number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let at = 0; at < out.length - 46; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(out.subarray(at + 46, at + 46 + nameLength));
    view.setUint32(at + 24, declare(view.getUint32(at + 20, true), name), true);
  }
  return out;
}

describe('EPUB import: a small book built here', () => {
  it('reads its chapters in spine order, each under its title once', () => {
    const book = read();
    expect(book.title).toBe('Harbour Lights');
    expect(nodesOf(book.document, 'heading').map(textOfNode)).toEqual(['The Lamp', 'The Storm']);
    expect(book.text.indexOf('lit the lamp')).toBeLessThan(book.text.indexOf('By midnight'));
    expect(book.metadata).toMatchObject({ creators: ['Ada Keeper'], byline: 'Ada Keeper', identifier: 'urn:uuid:0b8e6f3c-1111-4a5e-9c1d-000000000001', language: 'en' });
  });

  it('keeps no script, handler, form, frame or remote picture; embeds its own picture', () => {
    const book = read({
      chapters: [
        {
          file: 'one.xhtml',
          label: 'Signals',
          body: '<p onclick="steal()">Flags by day, lamps by night.<script>document.title = "stolen"</script></p><form action="http://evil.example/"><input value="secret"/><button>Send</button></form><iframe src="http://evil.example/"></iframe><p><img src="pics/pixel.png" alt="a pixel"/><img src="http://evil.example/track.png" alt="tracker"/><a href="javascript:alert(1)">click</a></p>',
        },
      ],
      extra: { 'EPUB/pics/pixel.png': PNG_PIXEL },
      manifest: ['<item id="px" href="pics/pixel.png" media-type="image/png"/>'],
    });
    const json = JSON.stringify(book.document);
    expect(book.text).toContain('Flags by day, lamps by night.');
    expect(json).not.toMatch(/stolen|steal|onclick|secret|evil\.example|javascript:/);
    expect(nodesOf(book.document, 'image')).toHaveLength(1);
    expect(book.warnings).toContain('1 picture on the web was not downloaded: importing fetches nothing.');
  });

  it('keeps a non-linear chapter the book links to (after the linear ones), and leaves out one it does not', () => {
    const book = read({
      chapters: [
        { file: 'one.xhtml', label: 'The Lamp', body: '<p>The lamp<a href="notes.xhtml#n1">1</a> burned oil.</p>' },
        { file: 'notes.xhtml', linear: false, body: '<p id="n1">Whale oil, until 1870.</p>' },
        { file: 'answers.xhtml', linear: false, body: '<p>Answers nobody asked for.</p>' },
        { file: 'two.xhtml', label: 'The Storm', body: '<p>By midnight the storm came.</p>' },
      ],
    });
    expect(book.text).toContain('Whale oil');
    expect(book.text).not.toContain('Answers nobody asked for');
    expect(book.text.indexOf('Whale oil')).toBeGreaterThan(book.text.indexOf('By midnight'));
    const link = nodesOf(book.document, 'text').find((t) => t.text === '1')!.marks![0]!;
    const note = nodesOf(book.document, 'paragraph').find((p) => textOfNode(p).startsWith('Whale oil'))!;
    expect(link.attrs!.href).toBe(`#${note.attrs!.anchor as string}`);
  });

  it('a right-to-left book (Hebrew, dir="rtl") says so in its metadata', () => {
    const book = read({
      language: 'he',
      pageProgression: 'rtl',
      chapters: [{ file: 'one.xhtml', label: 'המגדלור', htmlAttributes: 'dir="rtl" xml:lang="he"', body: '<h1>המגדלור</h1><p>השומר הדליק את המנורה עם רדת החשכה.</p>' }],
    });
    expect(book.metadata).toMatchObject({ language: 'he', direction: 'rtl' });
    expect(book.text).toContain('השומר הדליק את המנורה');
  });

  it('a file the manifest names but the archive lacks is a marked gap, with a warning', () => {
    const bytes = buildEpub({ chapters: CHAPTERS });
    const files = Object.fromEntries(Object.entries(unzipSync(bytes)).filter(([name]) => name !== 'EPUB/two.xhtml'));
    const book = importContent('harbour.epub', zipSync(files));
    const text = articleText(documentFromJSON(book.document)).text;
    expect(text).toContain('[This chapter could not be read: the book lists EPUB/two.xhtml, but the file is not in it.]');
    expect(text).toContain('lit the lamp');
    expect(book.warnings).toContain('This chapter could not be read: the book lists EPUB/two.xhtml, but the file is not in it.');
  });
});

describe('EPUB import: hostile and broken books', () => {
  it('refuses a file that is not a zip, and a truncated one', () => {
    expect(fails(strToU8('<html><body>not a book</body></html>'))).toThrow('harbour.epub is not an EPUB book: it is not a zip archive.');
    const whole = buildEpub({ chapters: CHAPTERS });
    expect(fails(whole.subarray(0, Math.floor(whole.length / 2)))).toThrow('the zip archive is damaged or incomplete');
  });

  it('refuses a zip bomb by the sizes it declares, before inflating', () => {
    // 64 MB of zeros deflate to some 64 KB: a ratio of about 1000.
    const bomb = zipSync({ mimetype: [strToU8('application/epub+zip'), { level: 0 }], 'EPUB/zeros.xhtml': new Uint8Array(64 * 1024 * 1024) });
    expect(fails(bomb)).toThrow(/zip bomb/);
    // Entries that each look like ordinary pictures but add up to more than 256 MB.
    const noise = Uint8Array.from({ length: 1024 * 1024 }, (_, i) => (i * 2654435761) >>> 24);
    const many = zipSync(Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`EPUB/p${i}.png`, [noise, { level: 0 }]])));
    expect(fails(declareSizes(many, (compressed) => compressed * 80))).toThrow(/more than 256 MB.*zip bomb/);
  });

  it('an entry that inflates to more than it declared produces no more than declared', () => {
    const text = `<p>${'The keeper lit the lamp. '.repeat(4000)}</p>`;
    const bytes = buildEpub({ chapters: [{ file: 'one.xhtml', label: 'Lamp', body: text }] });
    const lying = declareSizes(bytes, (compressed, name) => (name === 'EPUB/one.xhtml' ? 2000 : Math.max(compressed * 50, 4096)));
    const book = importContent('harbour.epub', lying);
    const produced = articleText(documentFromJSON(book.document)).text;
    // The chapter is cut where its declared 2,000 bytes end: the rest of its 100,000 never came out.
    expect(produced).toContain('The keeper lit the lamp.');
    expect(produced.length).toBeLessThan(2000);
  });

  it('never reads an entry whose name leads outside the book, and writes nothing outside the library', async () => {
    const root = await tempDir();
    const dataDir = join(root, 'library');
    const bytes = buildEpub({
      chapters: [
        ...CHAPTERS,
        { file: '../../escape.xhtml', label: 'Escape', body: '<p>climbed out</p>' },
      ],
      extra: { '../evil.xhtml': '<p>outside</p>', '/etc/passwd.xhtml': '<p>root</p>', 'EPUB\\..\\..\\win.xhtml': '<p>windows</p>' },
    });
    const library = await openTestLibrary({ dataDir });
    const { summary, warnings } = await library.importFile({ fileName: 'harbour.epub', bytes });
    const { article } = await library.getArticle(summary.id);
    const text = articleText(documentFromJSON(article.document)).text;
    expect(text).not.toMatch(/climbed out|outside|root|windows/);
    expect(text).toContain('lit the lamp');
    expect(warnings.some((w) => /4 files in harbour\.epub had names leading outside the book/.test(w))).toBe(true);
    expect(await readdir(root)).toEqual(['library']);
  });

  it('refuses a book whose chapters are encrypted (DRM), and reads one whose fonts alone are obfuscated', () => {
    const encryption = (uri: string, algorithm: string) =>
      `<?xml version="1.0"?><encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="${algorithm}"/><enc:CipherData><enc:CipherReference URI="${uri}"/></enc:CipherData></enc:EncryptedData></encryption>`;
    const drm = buildEpub({ chapters: CHAPTERS, extra: { 'META-INF/encryption.xml': encryption('EPUB/two.xhtml', 'http://www.w3.org/2001/04/xmlenc#aes128-cbc') } });
    expect(fails(drm)).toThrow('harbour.epub is protected by DRM (its chapters are encrypted), so it cannot be read here. Import a copy without DRM.');
    const fonts = buildEpub({ chapters: CHAPTERS, extra: { 'META-INF/encryption.xml': encryption('EPUB/fonts/serif.otf', 'http://www.idpf.org/2008/embedding') } });
    expect(importContent('harbour.epub', fonts).title).toBe('Harbour Lights');
  });

  it('says what is missing: the mimetype (read anyway), container.xml, the package document; refuses another kind of zip', () => {
    expect(read({ mimetype: null }).warnings).toContain('harbour.epub has no mimetype file, which every EPUB should have; it was read as an EPUB anyway.');
    expect(fails(buildEpub({ chapters: CHAPTERS, mimetype: 'application/vnd.oasis.opendocument.text' }))).toThrow(
      'harbour.epub is not an EPUB book: it says it is "application/vnd.oasis.opendocument.text", not application/epub+zip.',
    );
    expect(fails(buildEpub({ chapters: CHAPTERS, container: false }))).toThrow('harbour.epub is not a readable EPUB book: it has no META-INF/container.xml');
    expect(fails(buildEpub({ chapters: CHAPTERS, opf: false }))).toThrow('harbour.epub is not a readable EPUB book: its package document (EPUB/package.opf) is missing.');
  });
});

describe('EPUB import: the same book again', () => {
  it('a changed copy with the same identifier, under another name, is a new version whose highlights move', async () => {
    const library = await openTestLibrary({ dataDir: await tempDir() });
    const first = await library.importFile({ fileName: 'harbour.epub', bytes: buildEpub({ chapters: CHAPTERS }) });
    const index = await library.indexOf(first.summary.id);
    const quote = 'the waves broke over the rocks';
    const at = index.text.indexOf(quote);
    await library.createHighlight({ articleId: first.summary.id, start: index.toCodePoint(utf16(at)), end: index.toCodePoint(utf16(at + quote.length)), color: 'blue' });

    const changed: BookOptions['chapters'] = [
      { file: 'zero.xhtml', label: 'Foreword', body: '<p>A new foreword, written for the second edition of this small book.</p>' },
      ...CHAPTERS,
    ];
    const second = await library.importFile({ fileName: 'Harbour Lights (2nd ed).epub', bytes: buildEpub({ chapters: changed, title: 'Harbour Lights, Second Edition' }) });
    expect(second.newVersion).toMatchObject({ version: 2, anchored: 1, orphaned: 0 });
    expect(second.summary.id).toBe(first.summary.id);
    const { highlights } = await library.getArticle(first.summary.id);
    const moved = (await library.indexOf(first.summary.id)).text.indexOf(quote);
    expect(moved).toBeGreaterThan(at);
    expect(highlights[0]!.target.quote.exact).toBe(quote);
    expect(highlights[0]!.target.position.start).toBe(moved);
  });
});
