import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { importContent } from '../../main/core/import/index.js';
import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import type { DocumentJSON } from '../../shared/model.js';
import { openTestLibrary } from '../support/library.js';
import { corpus, tempDir } from '../support/temp.js';

/**
 * Structure read from plain text: chapter, book and part lines become
 * headings, and a Project Gutenberg text's header and licence are left out
 * of the article. Every count below was established from the book files
 * with grep (the command is beside each), not taken from the importer; the
 * tests also run the same regular expression over the file, so a changed
 * corpus fails here rather than passing by accident.
 */

/** A book's lines as the file has them (without its BOM and carriage returns), to grep. */
const bookLines = (name: string) => readFileSync(corpus(`books/${name}`), 'utf8').replace(/^\ufeff/, '').split(/\r?\n/);
const grep = (lines: string[], pattern: RegExp) => lines.filter((l) => pattern.test(l));

const imported = new Map<string, ReturnType<typeof importContent>>();
/** Each book is imported once for the whole file (War and Peace takes a few hundred ms). */
function importBook(name: string) {
  if (!imported.has(name)) imported.set(name, importContent(name, readFileSync(corpus(`books/${name}`))));
  return imported.get(name)!;
}
const importText = (fileName: string, text: string) => importContent(fileName, new TextEncoder().encode(text));

const inlineText = (block: DocumentJSON): string => (block.content ?? []).map((n) => n.text ?? '\n').join('');
const headingsOf = (document: DocumentJSON) =>
  (document.content ?? []).filter((b) => b.type === 'heading').map((b) => ({ level: b.attrs!.level as number, text: inlineText(b) }));
const textOf = (document: DocumentJSON) => articleText(documentFromJSON(document)).text;

/** Words as a multiset: to check that leaving out the header and licence dropped nothing of the book. */
function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

describe('headings in plain-text books', () => {
  it("War and Peace: its 15 books and 2 epilogues are level 2, their 365 chapters level 3; its contents stay text", () => {
    const lines = bookLines('war-and-peace.txt');
    // grep -cE '^(BOOK [A-Z]+: |[A-Z]+ EPILOGUE)' → 17: BOOK ONE … BOOK FIFTEEN, FIRST EPILOGUE: 1813 - 20, SECOND EPILOGUE.
    // grep -cE '^CHAPTER [IVXLC]+$' → 365. The contents list indents its copies of these lines, so at the margin they are the body's.
    const parts = grep(lines, /^(BOOK [A-Z]+: |[A-Z]+ EPILOGUE)/);
    const chapters = grep(lines, /^CHAPTER [IVXLC]+$/);
    expect([parts.length, chapters.length]).toEqual([17, 365]);

    const headings = headingsOf(importBook('war-and-peace.txt').document);
    expect(headings.filter((h) => h.level === 2).map((h) => h.text)).toEqual(parts);
    expect(headings.filter((h) => h.level === 3).map((h) => h.text)).toEqual(chapters);
    expect(headings).toHaveLength(parts.length + chapters.length);
    // Every book and epilogue is followed at once by its first chapter.
    headings.forEach((h, i) => h.level === 2 && expect(headings[i + 1]).toEqual({ level: 3, text: 'CHAPTER I' }));

    // grep -cE '^ +CHAPTER [IVXLC]+$' → 365: the contents' entries, which stay paragraphs.
    const entries = grep(lines, /^ +CHAPTER [IVXLC]+$/).length;
    const paragraphs = importBook('war-and-peace.txt').document.content!.filter((b) => b.type === 'paragraph' && /^CHAPTER [IVXLC]+$/.test(inlineText(b)));
    expect(paragraphs).toHaveLength(entries);
  });

  it('Moby-Dick: 135 chapters and the Epilogue, each heading its whole line (a long title goes on over the next line)', () => {
    const lines = bookLines('moby-dick.txt');
    // grep -cE '^CHAPTER [0-9]+\. ' → 270 and grep -c '^Epilogue$' → 2: each is listed once in the contents (which end
    // with their `Epilogue` line) and once in the body. The body's are those after the first `Epilogue`.
    const contentsEnd = lines.indexOf('Epilogue');
    const body = grep(lines.slice(contentsEnd + 1), /^(CHAPTER [0-9]+\. |Epilogue$)/);
    expect(body).toHaveLength(136);
    expect(body.slice(0, 135).every((line, i) => line.startsWith(`CHAPTER ${i + 1}. `))).toBe(true);

    const headings = headingsOf(importBook('moby-dick.txt').document);
    expect(headings).toHaveLength(body.length);
    headings.forEach((h, i) => expect(h.text.startsWith(body[i]!), `${h.text} / ${body[i]}`).toBe(true));
    // A book without parts has its chapters at the level under the title; the Epilogue, with no chapters of its own, is one of them.
    expect(new Set(headings.map((h) => h.level))).toEqual(new Set([2]));
    // `CHAPTER 56. Of the Less Erroneous Pictures of Whales, and the True` goes on: `Pictures of Whaling Scenes.`
    const at56 = lines.lastIndexOf(body[55]!);
    expect(headings[55]!.text).toBe(`${lines[at56]} ${lines[at56 + 1]}`);
  });

  it('Pride and Prejudice: its preface and 61 chapters, the first read without the picture caption’s bracket around it', () => {
    const lines = bookLines('pride-and-prejudice.txt');
    // grep -cE '^CHAPTER [IVXLC]+\.?$|^Chapter [IVXLC]+\.\]?$' → 61: `CHAPTER II.` … `CHAPTER LXI.` (XIII and XIV without
    // the full stop), `Chapter XLVI.`, and `Chapter I.]`, which closes an `[Illustration: …` caption. grep -c '^PREFACE\.$' → 1.
    const chapters = grep(lines, /^CHAPTER [IVXLC]+\.?$|^Chapter [IVXLC]+\.\]?$/).map((l) => l.replace(/\]$/, ''));
    const preface = grep(lines, /^PREFACE\.$/);
    expect([chapters.length, preface.length]).toEqual([61, 1]);

    const headings = headingsOf(importBook('pride-and-prejudice.txt').document);
    expect(headings.map((h) => h.text)).toEqual([...preface, ...chapters]);
    expect(new Set(headings.map((h) => h.level))).toEqual(new Set([2]));
  });
});

/** Readability's expected article for a page: its blocks' text, and which blocks the page itself marks as headings. */
function readabilityPage(name: string): { blocks: string[]; pageHeadings: Set<string> } {
  const html = readFileSync(corpus(`readability/test-pages/${name}/expected.html`));
  const blocks: string[] = [];
  const pageHeadings = new Set<string>();
  const visit = (node: DocumentJSON) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'code_block') {
      const text = inlineText(node);
      blocks.push(text);
      if (node.type === 'heading') pageHeadings.add(text.replace(/\s+/g, ' ').trim());
    } else {
      (node.content ?? []).forEach(visit);
    }
  };
  visit(importContent(`${name}.html`, html).document);
  return { blocks, pageHeadings };
}

/** Hard-wraps a block's lines at 72 characters, as a text saved from a page (or a Project Gutenberg text) is. */
function wrapped(block: string): string {
  const out: string[] = [];
  for (const line of block.split('\n')) {
    let current = '';
    for (const word of line.split(' ')) {
      if (current !== '' && current.length + 1 + word.length > 72) {
        out.push(current);
        current = word;
      } else {
        current = current === '' ? word : `${current} ${word}`;
      }
    }
    out.push(current);
  }
  return out.join('\n');
}

describe('no false headings in the text of web pages', () => {
  it('finds no heading in Readability’s 130 expected articles as plain text, but where the page itself has one', () => {
    const pages = readdirSync(corpus('readability/test-pages')).sort();
    const found: string[] = [];
    for (const name of pages) {
      const { blocks, pageHeadings } = readabilityPage(name);
      // The same text twice: wrapped with blank lines between blocks (a saved text file), and one block a line.
      for (const text of [blocks.map(wrapped).join('\n\n'), blocks.join('\n')]) {
        for (const heading of headingsOf(importText(`${name}.txt`, text).document)) {
          found.push(`${name}: ${heading.text}`);
          expect(pageHeadings, `${name}: "${heading.text}" is not a heading of the page`).toContain(heading.text);
        }
      }
    }
    expect(pages).toHaveLength(130);
    console.log(`plain-text headings in the Readability pages (each one of the page's own headings): ${found.length}\n  ${found.join('\n  ')}`);
  });
});

describe('Project Gutenberg header and licence', () => {
  it('are left out of War and Peace’s article text, and no word of the book is lost', () => {
    const lines = bookLines('war-and-peace.txt');
    // The work lies between `*** START OF THIS PROJECT GUTENBERG EBOOK WAR AND PEACE ***` (line 24) and the note
    // `End of the Project Gutenberg EBook of War and Peace, by Leo Tolstoy` before the END line; every line that
    // names Project Gutenberg is outside it (grep -n Gutenberg).
    const start = lines.findIndex((l) => l.startsWith('*** START OF'));
    const end = lines.findIndex((l) => l.startsWith('End of the Project Gutenberg'));
    expect(grep(lines.slice(start + 1, end), /gutenberg/i)).toEqual([]);
    expect(grep(lines.slice(end), /FULL PROJECT GUTENBERG LICENSE/)).toHaveLength(1);

    const war = importBook('war-and-peace.txt');
    const text = textOf(war.document);
    expect(text).not.toMatch(/gutenberg|\*\*\*|Posting Date|LICENSE/i);
    expect(wordCounts(text)).toEqual(wordCounts([war.title, ...lines.slice(start + 1, end)].join('\n')));
    // The last lines before the END note: `… to recognize a dependence of which we are not` / `conscious.`
    expect(text).toMatch(/to recognize a dependence of which we are not conscious\.$/);
  });

  it('keeps what the header says as metadata, with a note that the header and licence were left out', () => {
    const war = importBook('war-and-peace.txt');
    // The header's lines 10–20: `Title: War and Peace`, `Author: Leo Tolstoy`, `Translators: Louise and Aylmer Maude`,
    // `Posting Date: January 10, 2009 [EBook #2600]`, `Last Updated: July 13, 2018`, `Language: English`.
    expect(war.title).toBe('War and Peace');
    expect(war.metadata).toMatchObject({ byline: 'Leo Tolstoy', language: 'en' });
    expect(war.metadata?.published).toBeUndefined(); // 2009 is when the ebook was posted, not the book's date
    expect(war.metadata?.frontMatter).toEqual({
      source: 'Project Gutenberg',
      ebook: 2600,
      title: 'War and Peace',
      author: 'Leo Tolstoy',
      translator: 'Louise and Aylmer Maude',
      released: 'January 10, 2009',
      updated: 'July 13, 2018',
      language: 'English',
      note: expect.stringMatching(/header .* and licence .* are not part of the article text/),
    });
  });

  it('takes only the markers out of Moby-Dick, which has no header or licence around them', () => {
    const moby = importBook('moby-dick.txt');
    const text = textOf(moby.document);
    expect(text).not.toContain('PROJECT GUTENBERG');
    expect(text).toMatch(/^moby dick\nMOBY-DICK;\nor, THE WHALE\./);
    expect(text).toMatch(/only found another orphan\.$/);
    // `*** START OF THE PROJECT GUTENBERG EBOOK 2701 ***`: the number is the only fact there is.
    expect(moby.metadata?.frontMatter).toMatchObject({ source: 'Project Gutenberg', ebook: 2701 });
    expect(moby.metadata?.byline).toBeUndefined();
  });

  it('reads older headers: the 1990s small print, an opening line instead of fields, an END note without an END line', () => {
    const text = [
      'The Project Gutenberg Etext of A Short Voyage, by Anne Writer',
      '',
      'Please take a look at the important information in this header.',
      '',
      '*END*THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS*Ver.04.29.93*END*',
      '',
      'A SHORT VOYAGE',
      '',
      'We sailed at dawn.',
      '',
      "End of Project Gutenberg's Etext of A Short Voyage, by Anne Writer",
      '',
    ].join('\n');
    const voyage = importText('voyage.txt', text);
    expect(voyage.title).toBe('A Short Voyage');
    expect(voyage.metadata?.byline).toBe('Anne Writer');
    expect(textOf(voyage.document)).toBe('A Short Voyage\nA SHORT VOYAGE\nWe sailed at dawn.');
  });

  it('reads a modern header: its release date, its later update, and the ebook number in brackets', () => {
    const text = [
      'The Project Gutenberg eBook of A Long Walk',
      '',
      'Title: A Long Walk',
      '',
      'Author: Sam Strider',
      '',
      'Release date: June 1, 1998 [eBook #1234]',
      '                Most recently updated: June 17, 2024',
      '',
      'Language: French',
      '',
      '*** START OF THE PROJECT GUTENBERG EBOOK A LONG WALK ***',
      'We walked.',
      '*** END OF THE PROJECT GUTENBERG EBOOK A LONG WALK ***',
      'Section 1. General Terms of Use and Redistributing Project Gutenberg™ electronic works',
    ].join('\n');
    const walk = importText('walk.txt', text);
    expect(textOf(walk.document)).toBe('A Long Walk\nWe walked.');
    expect(walk.metadata).toMatchObject({ byline: 'Sam Strider', language: 'fr' });
    expect(walk.metadata?.frontMatter).toMatchObject({ ebook: 1234, released: 'June 1, 1998', updated: 'June 17, 2024', language: 'French' });
  });

  it('are stored with the article when a book is imported into a library (the metadata fits the article schema)', async () => {
    const library = await openTestLibrary({ dataDir: await tempDir() });
    const { summary } = await library.importFile({ fileName: 'war-and-peace.txt', bytes: readFileSync(corpus('books/war-and-peace.txt')) });
    const { article } = await library.getArticle(summary.id);
    expect(article.metadata?.frontMatter).toMatchObject({ ebook: 2600, note: expect.any(String) });
    expect(article.document).toEqual(importBook('war-and-peace.txt').document);
  });
});

describe('plain text without Project Gutenberg markers or headings', () => {
  it('is imported as before: this document is what the importer made of it before it read structure (checked at df89a23)', () => {
    const text = [
      'Notes on a Walk to the Mill',
      '',
      'We set out early, before the sun was up, and followed the river path',
      "past the old weir and the two cottages where the miller's men used to",
      'live, and by eight we could see the wheel turning.',
      '',
      'Part of the way we ran, because it had begun to rain.',
      '',
      'The sign on the gate read:',
      '    No bathing',
      '    No fishing without a permit',
      '    By order',
      '',
      'Chapter and verse were quoted at us by the keeper, who had read the',
      'Project Gutenberg edition of the county bylaws.',
      '',
    ].join('\r\n');
    const para = (...lines: string[]) => ({
      type: 'paragraph',
      content: lines.flatMap((line, i) => [...(i > 0 ? [{ type: 'hard_break' }] : []), { type: 'text', text: line }]),
    });
    const walk = importText('walk.txt', text);
    expect(walk).toEqual({
      title: 'Notes on a Walk to the Mill',
      document: {
        type: 'doc',
        content: [
          { type: 'title', content: [{ type: 'text', text: 'Notes on a Walk to the Mill' }] },
          para("We set out early, before the sun was up, and followed the river path past the old weir and the two cottages where the miller's men used to live, and by eight we could see the wheel turning."),
          para('Part of the way we ran, because it had begun to rain.'),
          para('The sign on the gate read:', 'No bathing', 'No fishing without a permit', 'By order'),
          para('Chapter and verse were quoted at us by the keeper, who had read the Project Gutenberg edition of the county bylaws.'),
        ],
      },
      warnings: [],
    });
  });
});

/**
 * Moby-Dick's first chapters, set as other books set their chapter lines:
 * the `CHAPTER n. Title.` lines replaced by `replace(n, title)`.
 */
function mobyDickSetAs(chapters: number, replace: (n: number, title: string) => string): { text: string; titles: string[] } {
  const lines = bookLines('moby-dick.txt');
  const from = lines.lastIndexOf('CHAPTER 1. Loomings.');
  const to = lines.findIndex((l, i) => i > from && l.startsWith(`CHAPTER ${chapters + 1}. `));
  const titles: string[] = [];
  const text = lines
    .slice(from, to)
    .map((line) => {
      const chapter = /^CHAPTER (\d+)\. (.*)$/.exec(line);
      if (!chapter) return line;
      const set = replace(Number(chapter[1]), chapter[2]!);
      titles.push(set.trim());
      return set;
    })
    .join('\n');
  return { text, titles };
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V'];
/** Centred in Moby-Dick's 70-column lines. */
const centred = (line: string) => `${' '.repeat(Math.round((70 - line.length) / 2))}${line}`;

describe('headings set other ways', () => {
  it('lines that are only roman numerals, counting up from I, are chapter headings', () => {
    const { text, titles } = mobyDickSetAs(3, (n) => ROMAN[n - 1]!);
    expect(headingsOf(importText('moby.txt', text).document)).toEqual(titles.map((t) => ({ level: 2, text: t })));
  });

  it('a lone roman numeral, or numerals that do not count up, are text', () => {
    expect(headingsOf(importText('moby.txt', mobyDickSetAs(1, (n) => ROMAN[n - 1]!).text).document)).toEqual([]);
    expect(headingsOf(importText('moby.txt', mobyDickSetAs(3, (n) => ROMAN[n + 1]!).text).document)).toEqual([]);
  });

  it('short centred lines are headings where the book centres at least three', () => {
    const { text, titles } = mobyDickSetAs(5, (_, title) => centred(title));
    expect(titles).toEqual(['Loomings.', 'The Carpet-Bag.', 'The Spouter-Inn.', 'The Counterpane.', 'Breakfast.']);
    expect(headingsOf(importText('moby.txt', text).document)).toEqual(titles.map((t) => ({ level: 2, text: t })));
    // Two centred lines are not yet a book's way of setting headings.
    expect(headingsOf(importText('moby.txt', mobyDickSetAs(2, (_, title) => centred(title)).text).document)).toEqual([]);
  });
});
