import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Library } from '../../main/core/index.js';
import { importMessage } from '../../shared/import-message.js';
import type { Highlight } from '../../shared/model.js';
import { runCli } from '../support/cli.js';
import { openTestLibrary } from '../support/library.js';
import { corpus, tempDir } from '../support/temp.js';

const clippingsFile = readFileSync(corpus('clippings/kindle-my-clippings.txt'));
const clippingsText = clippingsFile.toString('utf8').replace(/\uFEFF/g, '');
const fixture = readFileSync(new URL('../fixtures/clippings/notes-bookmarks-french.txt', import.meta.url));

/** The real file's entries, read here with a plain split rather than the importer's parser. */
const entries = clippingsText
  .split(/\r?\n==========\r?\n?/)
  .filter((e) => e.trim())
  .map((e) => {
    const [book, description, , text] = e.split(/\r?\n/);
    const location = /Location (\d+)-(\d+)/.exec(description!);
    return { book: book!, text: text!.trim(), start: Number(location?.[1] ?? 0), end: Number(location?.[2] ?? 0) };
  });

const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();
/** Text compared as words: the book below re-typesets some apostrophes and quotes. */
const loose = (text: string) => squeeze(text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"'));

async function openLibrary(): Promise<Library> {
  return openTestLibrary({ dataDir: await tempDir(), now: () => new Date('2026-12-05T10:00:00Z') });
}

/**
 * "Make It Stick" as a book the library can hold, made from its real
 * clippings (the book itself is copyrighted): the longest cut of each
 * passage, in location order, each a paragraph between invented filler
 * paragraphs; every third passage has its curly apostrophes and quotes
 * re-typeset straight. Markdown, so that front matter gives its title and authors.
 */
function makeItStickBook(): { markdown: string; passages: { text: string; start: number; end: number }[] } {
  const cuts = entries.filter((e) => e.book === 'Make It Stick (Peter C. Brown)').sort((a, b) => a.start - b.start || b.text.length - a.text.length);
  const passages: typeof cuts = [];
  for (const cut of cuts) {
    if (passages.some((p) => p.start <= cut.end && cut.start <= p.end && squeeze(p.text).includes(squeeze(cut.text)))) continue;
    passages.push(cut);
  }
  return bookOf(passages, 'Make It Stick: The Science of Successful Learning', 'Peter C. Brown, Henry L. Roediger III, Mark A. McDaniel');
}

/** A Markdown book of passages in location order between filler paragraphs, every third re-typeset with straight quotes. */
function bookOf(passages: { text: string; start: number; end: number }[], title: string, author: string) {
  const escape = (text: string) => text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`);
  const typeset = passages.map((p, i) => ({ ...p, text: i % 3 === 2 ? p.text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"') : p.text }));
  const body = typeset.flatMap((p, i) => [`Filler paragraph ${i}: here the book goes on about things nobody marked, at some length, before the next passage.`, escape(p.text)]);
  const markdown = `---\ntitle: "${title}"\nauthor: ${author}\n---\n\n${body.join('\n\n')}\n`;
  return { markdown, passages: typeset };
}

/**
 * Checks every Kindle highlight on the book: placed on the paragraph of its
 * own passage (its words, typography aside, those of the passage, and its
 * Kindle location that passage's), or orphaned. Anything else is misplaced.
 */
async function placementsOnBook(library: Library, bookId: string, kindleBook = 'Make It Stick') {
  const text = await library.textOf(bookId);
  const { highlights } = await library.getArticle(bookId);
  const paragraphs: { from: number; to: number; text: string }[] = [];
  let from = 0;
  for (const line of text.split('\n')) {
    paragraphs.push({ from, to: from + line.length, text: line });
    from += line.length + 1;
  }
  const counts = { correct: 0, misplaced: 0, orphaned: 0, misplacedQuotes: [] as string[] };
  for (const h of highlights.filter((x) => x.origin)) {
    if (h.orphaned) {
      counts.orphaned++;
      continue;
    }
    const start = [...text].slice(0, h.target.position.start).join('').length;
    const end = start + h.target.quote.exact.length;
    const paragraph = paragraphs.find((p) => p.from <= start && end <= p.to);
    const [locStart, locEnd = locStart] = h.origin!.location!.split('-').map(Number);
    const itsEntries = entries.filter((e) => e.book.includes(kindleBook) && e.start <= locEnd! && locStart! <= e.end);
    const right = paragraph && loose(paragraph.text) === loose(h.target.quote.exact) && itsEntries.some((e) => loose(paragraph.text).includes(loose(e.text)));
    if (right) counts.correct++;
    else {
      counts.misplaced++;
      counts.misplacedQuotes.push(h.target.quote.exact.slice(0, 60));
    }
  }
  return counts;
}

describe('importing a Kindle My Clippings.txt', () => {
  it('makes a quotes-only article per book, each passage a paragraph under its location, in well under a second', async () => {
    // Timed warm, as the app imports: the first import in a process also pays for compiling the code it runs.
    await (await openLibrary()).importFile({ fileName: 'My Clippings.txt', bytes: clippingsFile });
    const library = await openLibrary();
    const started = performance.now();
    const result = await library.importFile({ fileName: 'My Clippings.txt', bytes: clippingsFile });
    const ms = performance.now() - started;
    console.log(`clippings import: ${ms.toFixed(0)} ms for ${entries.length} entries`);
    expect(ms).toBeLessThan(1000);

    const report = result.clippings!;
    expect(report).toMatchObject({ books: 11, entries: 644, skipped: 0, alreadyImported: 0, onBooks: 0, orphaned: 0 });
    expect(report.added + report.folded).toBe(644);
    expect(report.quotesOnly).toBe(report.added);
    expect(importMessage(result)).toBe(`Imported ${report.added} highlights from 11 books (${report.folded} re-highlights folded, 0 bookmarks and unreadable entries skipped).`);

    const articles = await library.listArticles();
    expect(articles).toHaveLength(11);
    expect(articles.reduce((n, a) => n + a.highlightCount, 0)).toBe(report.added);
    // The article shown is the one that got the most: Indistractable's 200 entries.
    expect(result.summary.title).toBe('Indistractable');
    expect(result.summary.highlightCount).toBe(Math.max(...articles.map((a) => a.highlightCount)));

    const stick = articles.find((a) => a.title === 'Make It Stick')!;
    expect(stick).toMatchObject({ byline: 'Peter C. Brown', source: { kind: 'clippings', name: 'My Clippings.txt' } });
    const { article, highlights } = await library.getArticle(stick.id);
    expect(article.metadata?.creators).toEqual(['Peter C. Brown']);
    const text = await library.textOf(stick.id);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Make It Stick');
    expect(lines[1]).toBe('Location 55–56 · 23 Feb 2020');
    expect(lines[2]).toBe(squeeze(entries[0]!.text));
    // Every highlight covers exactly one passage paragraph, in location order, and keeps where it was made.
    const sorted = [...highlights].sort((a, b) => a.target.position.start - b.target.position.start);
    let previous = 0;
    for (const h of sorted) {
      expect(lines).toContain(h.target.quote.exact);
      const location = Number(h.origin!.location!.split('-')[0]);
      expect(location).toBeGreaterThanOrEqual(previous);
      previous = location;
      expect(h.origin).toMatchObject({ app: 'kindle', book: 'Make It Stick (Peter C. Brown)' });
    }
    const markdown = (await library.exportMarkdown(stick.id)).markdown;
    expect(markdown).toContain('> — Kindle, location 55–56, 23 Feb 2020');
  });

  it('adds nothing the second time: the same counts, every passage already imported, the articles unchanged', async () => {
    const library = await openLibrary();
    const first = (await library.importFile({ fileName: 'My Clippings.txt', bytes: clippingsFile })).clippings!;
    const before = await library.listArticles();
    const second = await library.importFile({ fileName: 'My Clippings.txt', bytes: clippingsFile });
    expect(second.clippings).toEqual({ ...first, added: 0, quotesOnly: 0, alreadyImported: first.added });
    const after = await library.listArticles();
    expect(after.map((a) => [a.id, a.highlightCount, a.contentHash, a.version])).toEqual(before.map((a) => [a.id, a.highlightCount, a.contentHash, a.version]));
    expect(importMessage(second)).toContain(`${first.added} highlights were already in your library.`);
  });

  it('recognises the file by what it holds, under any name; a file that is not clippings imports as before', async () => {
    const library = await openLibrary();
    const renamed = await library.importFile({ fileName: 'kindle-export.md', bytes: clippingsFile });
    expect(renamed.clippings?.books).toBe(11);
    const plain = await library.importFile({ fileName: 'My Clippings.txt', bytes: readFileSync(corpus('sample/putin-obama-syria.txt')) });
    expect(plain.clippings).toBeUndefined();
    expect(plain.summary.source.kind).toBe('file');
    expect(plain.summary.title).toMatch(/Putin/);
  });

  it('keeps notes on their highlights, a note without a highlight as a passage of its own, and counts bookmarks as skipped', async () => {
    const library = await openLibrary();
    const result = await library.importFile({ fileName: 'My Clippings.txt', bytes: fixture });
    expect(result.clippings).toMatchObject({ books: 2, entries: 8, skipped: 2, added: 5, folded: 1 });
    const room = (await library.listArticles()).find((a) => a.title === 'The Reading Room')!;
    const { highlights } = await library.getArticle(room.id);
    const byQuote = new Map(highlights.map((h) => [h.target.quote.exact, h]));
    expect(byQuote.get('A library is a place where every book waits for the reader it was written for.')).toMatchObject({
      note: 'Compare with Borges.',
      origin: { app: 'kindle', page: '12', location: '170-172', addedAt: '2020-02-03T22:15:09' },
    });
    expect(byQuote.get('Note · Page 30 · Location 455 · 4 Feb 2020')).toMatchObject({ note: 'A thought with no passage under it.', origin: { location: '455' } });
    const barthes = (await library.listArticles()).find((a) => a.title === 'La Chambre claire')!;
    expect(barthes.byline).toBe('Barthes (éd. 1980), Roland');
    const markdown = (await library.exportMarkdown(barthes.id)).markdown;
    expect(markdown).toContain('> — Kindle, page 5, location 60–62, 1 Mar 2020');
    expect(markdown).toContain('> — Kindle, location 140–141, quelque part en 2020');
    expect(markdown).toContain('Le punctum, encore.');
  });

  it('lengthens a passage imported earlier when a longer re-highlight of it comes, rather than adding it again', async () => {
    const library = await openLibrary();
    const fixtureEntries = fixture.toString('utf8').split('==========\r\n');
    const shorter = await library.importFile({ fileName: 'My Clippings.txt', bytes: Buffer.from(`${fixtureEntries[3]}==========\r\n`) });
    expect(shorter.clippings).toMatchObject({ books: 1, entries: 1, added: 1 });
    const room = (await library.listArticles())[0]!;
    const [first] = (await library.getArticle(room.id)).highlights;
    expect(first!.target.quote.exact).toBe('every book waits for the reader it was written for.');
    await library.updateHighlight({ articleId: room.id, highlightId: first!.id, tags: ['libraries'] });

    const longer = await library.importFile({ fileName: 'My Clippings.txt', bytes: fixture });
    // The file's own re-highlight is folded, and so is the earlier import's shorter cut (lengthened).
    expect(longer.clippings).toMatchObject({ added: 4, folded: 2, alreadyImported: 0 });
    const after = await library.getArticle(room.id);
    expect(after.article.version).toBe(2);
    const lengthened = after.highlights.find((h) => h.id === first!.id)!;
    expect(lengthened).toMatchObject({
      target: { quote: { exact: 'A library is a place where every book waits for the reader it was written for.' } },
      note: 'Compare with Borges.',
      tags: ['libraries'],
      origin: { location: '170-172', addedAt: '2020-02-03T22:15:09' },
    });
    expect(after.highlights).toHaveLength(2);
    expect((await library.importFile({ fileName: 'My Clippings.txt', bytes: fixture })).clippings).toMatchObject({ added: 0, alreadyImported: 5 });
  });

  it('keeps a note made without a highlight on the book as an orphaned highlight the reader can attach', async () => {
    const library = await openLibrary();
    const book = await library.importFile({
      fileName: 'room.md',
      bytes: Buffer.from('---\ntitle: The Reading Room\nauthor: Maya Ellis\n---\n\nA library is a place where every book waits for the reader it was written for.\n\nAnd then some.\n'),
    });
    const result = await library.importFile({ fileName: 'My Clippings.txt', bytes: fixture });
    expect(result.clippings).toMatchObject({ books: 2, onBooks: 2, orphaned: 1, quotesOnly: 3 });
    const { highlights } = await library.getArticle(book.summary.id);
    expect(highlights.map((h) => [h.target.quote.exact, h.note, h.orphaned ?? false])).toEqual([
      ['A library is a place where every book waits for the reader it was written for.', 'Compare with Borges.', false],
      ['Note · Page 30 · Location 455 · 4 Feb 2020', 'A thought with no passage under it.', true],
    ]);
    expect(importMessage(result)).toContain('2 went onto books in your library, 1 of them not found in the text (see Orphaned).');
  });

  it('refuses a clippings file none of whose entries can be read, writing nothing', async () => {
    const library = await openLibrary();
    const garbage = Buffer.from('Some Book (Some One)\n- Your Highlight on Location 1-2 | Added on Sunday, February 23, 2020 2:58:27 PM\n\n\n==========\n');
    await expect(library.importFile({ fileName: 'My Clippings.txt', bytes: garbage })).rejects.toMatchObject({
      code: 'unsupported-file',
      message: expect.stringMatching(/^My Clippings\.txt looks like a Kindle's My Clippings\.txt, but none of its entries could be read\. The entry at line 1 has no text/),
    });
    expect(await library.listArticles()).toEqual([]);
  });

  it('imports a damaged file (a truncated entry, garbage, an entry of 1 MB) with a warning for each bad entry', async () => {
    const library = await openLibrary();
    const parts = clippingsFile.toString('utf8').split('==========\r\n');
    const huge = `Huge (Some One)\r\n- Your Highlight on Location 1-2 | Added on Sunday, February 23, 2020 2:58:27 PM\r\n\r\n${'x'.repeat(1024 * 1024)}\r\n`;
    const damaged = [...parts.slice(0, 30), 'garbage\r\nmore garbage\r\n', huge, ...parts.slice(30, 40), 'Spent (Miller, Geoffrey)\r\n- Your Highlight on Lo'].join('==========\r\n');
    const result = await library.importFile({ fileName: 'My Clippings.txt', bytes: Buffer.from(damaged) });
    expect(result.clippings).toMatchObject({ books: 1, entries: 40, skipped: 3 });
    expect(result.warnings).toHaveLength(3);
    expect((await library.listArticles()).map((a) => a.title)).toEqual(['Make It Stick']);
  });
});

describe('clippings and the book they come from', () => {
  it('anchors the clippings onto the book when the library holds it: none misplaced', async () => {
    const library = await openLibrary();
    const book = makeItStickBook();
    const imported = await library.importFile({ fileName: 'make-it-stick.md', bytes: Buffer.from(book.markdown) });
    expect(imported.summary.byline).toBe('Peter C. Brown, Henry L. Roediger III, Mark A. McDaniel');
    const result = (await library.importFile({ fileName: 'My Clippings.txt', bytes: clippingsFile })).clippings!;
    const onBook = (await library.getArticle(imported.summary.id)).highlights;
    expect(result.onBooks).toBe(onBook.length);
    expect(result.onBooks).toBe(book.passages.length);
    expect((await library.listArticles()).filter((a) => a.source.kind === 'clippings')).toHaveLength(10);
    const placed = await placementsOnBook(library, imported.summary.id);
    console.log(`onto the book: ${JSON.stringify(placed)} of ${onBook.length}`);
    expect(placed.misplacedQuotes).toEqual([]);
    expect(placed.orphaned).toBe(result.orphaned);
    expect(placed.correct).toBeGreaterThanOrEqual(onBook.length - 2);
    // Again: nothing added.
    const again = (await library.importFile({ fileName: 'My Clippings.txt', bytes: clippingsFile })).clippings!;
    expect(again).toMatchObject({ added: 0, alreadyImported: result.added });
  });

  it('moves the clippings off their quotes-only article when the book is imported later, which goes to the Trash', async () => {
    const library = await openLibrary();
    await library.importFile({ fileName: 'My Clippings.txt', bytes: clippingsFile });
    const quotes = (await library.listArticles()).find((a) => a.title === 'Make It Stick')!;
    const before = (await library.getArticle(quotes.id)).highlights;
    const marked = before[5]!;
    await library.updateHighlight({ articleId: quotes.id, highlightId: marked.id, color: 'blue', note: 'Test this on myself.', tags: ['learning'] });

    const book = makeItStickBook();
    const imported = await library.importFile({ fileName: 'make-it-stick.md', bytes: Buffer.from(book.markdown) });
    expect(imported.warnings.at(-1)).toMatch(new RegExp(`^${before.length} Kindle highlights moved onto it from its clippings.*; the quotes-only article is in the Trash\\.$`));
    expect((await library.listArticles()).some((a) => a.id === quotes.id)).toBe(false);
    expect((await library.listTrash()).map((a) => a.id)).toContain(quotes.id);

    const moved = (await library.getArticle(imported.summary.id)).highlights;
    expect(moved).toHaveLength(before.length);
    const sameOrigin = (h: Highlight) => moved.find((m) => JSON.stringify(m.origin) === JSON.stringify(h.origin) && loose(m.target.quote.exact) === loose(h.target.quote.exact));
    for (const h of before) expect(sameOrigin(h), h.target.quote.exact.slice(0, 40)).toBeDefined();
    expect(sameOrigin(marked)).toMatchObject({ color: 'blue', note: 'Test this on myself.', tags: ['learning'] });
    const placed = await placementsOnBook(library, imported.summary.id);
    console.log(`moved onto the book: ${JSON.stringify(placed)} of ${moved.length}`);
    expect(placed.misplacedQuotes).toEqual([]);
    expect(placed.correct).toBeGreaterThanOrEqual(moved.length - 2);

    // The quotes-only article can be restored, with its highlights as they were.
    await library.restoreArticle(quotes.id);
    expect((await library.getArticle(quotes.id)).highlights).toHaveLength(before.length);
  });
});

describe('passages a book repeats', () => {
  it('places a sentence the book repeats in a chapter summary by the order of locations, and misplaces none', async () => {
    // Indistractable repeats sentences in its summaries ("Is this trigger serving me, or am I serving it?" at 1084 and inside 2687–2748).
    const cuts = entries.filter((e) => e.book.startsWith('Indistractable')).sort((a, b) => a.start - b.start || b.text.length - a.text.length);
    const passages: typeof cuts = [];
    for (const cut of cuts) {
      const same = passages.find((p) => p.start <= cut.end && cut.start <= p.end && (squeeze(p.text).includes(squeeze(cut.text)) || sharesRun(p.text, cut.text)));
      if (same) same.text = joined(same.text, cut.text);
      else passages.push({ ...cut });
    }
    const repeated = passages.filter((p) => passages.some((q) => q !== p && squeeze(q.text).includes(squeeze(p.text))));
    expect(repeated.map((p) => p.start)).toEqual([294, 1084, 1700]);
    const library = await openLibrary();
    const book = bookOf(passages, 'Indistractable: How to Control Your Attention and Choose Your Life', 'Nir Eyal');
    const imported = await library.importFile({ fileName: 'indistractable.md', bytes: Buffer.from(book.markdown) });
    const result = (await library.importFile({ fileName: 'My Clippings.txt', bytes: clippingsFile })).clippings!;
    const placed = await placementsOnBook(library, imported.summary.id, 'Indistractable');
    console.log(`Indistractable: ${JSON.stringify(placed)} of ${result.onBooks}`);
    expect(placed.misplacedQuotes).toEqual([]);
    const onRepeated = (await library.getArticle(imported.summary.id)).highlights.filter((h) => repeated.some((p) => squeeze(p.text) === loose(h.target.quote.exact)));
    expect(onRepeated.filter((h) => !h.orphaned)).toHaveLength(3);
    expect(placed.correct).toBeGreaterThanOrEqual(result.onBooks - 3);
  });
});

/** Two cuts of a passage that overlap in part (the end of one is the start of the other, 40 characters or more). */
function sharesRun(a: string, b: string): boolean {
  return joined(a, b) !== `${a} ${b}`;
}
function joined(a: string, b: string): string {
  const [x, y] = [squeeze(a), squeeze(b)];
  if (x.includes(y)) return x;
  if (y.includes(x)) return y;
  for (let n = Math.min(x.length, y.length); n >= 40; n--) {
    if (x.endsWith(y.slice(0, n))) return x + y.slice(n);
    if (y.endsWith(x.slice(0, n))) return y + x.slice(n);
  }
  return `${a} ${b}`;
}

describe('the CLI', () => {
  it('npm run cli -- import "My Clippings.txt" prints what the import did', async () => {
    const dataDir = await tempDir();
    const folder = await tempDir();
    const path = join(folder, 'My Clippings.txt');
    await writeFile(path, clippingsFile);
    const result = await runCli(['--data-dir', dataDir, 'import', path], { hangAfterMs: 60_000 });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^Imported \d+ highlights from 11 books \(\d+ re-highlights folded, 0 bookmarks and unreadable entries skipped\)\.\n$/);
    expect(result.stdout.trim()).toMatch(/^a-[a-z0-9]+$/);
  });
});
