import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldBook, isClippingsFile, kindleDate, readBookLine, readClippings, type Clipping } from '../../main/core/clippings/index.js';
import { corpus } from '../support/temp.js';

const realBytes = readFileSync(corpus('clippings/kindle-my-clippings.txt'));
const realText = realBytes.toString('utf8');
const fixtureBytes = readFileSync(new URL('../fixtures/clippings/notes-bookmarks-french.txt', import.meta.url));
const real = readClippings(realText);

/** The file's lines, counted without the parser: what each kind of entry's second line says. */
const lines = realText.replace(/\uFEFF/g, '').split(/\r?\n/);
const countLines = (pattern: RegExp) => lines.filter((l) => pattern.test(l)).length;

const bookOf = (clippings: readonly Clipping[], title: string) => clippings.filter((c) => c.book.title === title);
const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('reading a Kindle My Clippings.txt', () => {
  it('reads every entry of the real file, by kind, as simple line counting finds them', () => {
    const highlights = countLines(/^- (Your Highlight|Votre surlignement)/);
    const notes = countLines(/^- (Your Note|Votre note)/);
    const bookmarks = countLines(/^- (Your Bookmark|Votre signet)/);
    expect(countLines(/^==========$/)).toBe(644);
    expect(highlights + notes + bookmarks).toBe(644);
    expect(real.clippings.filter((c) => c.kind === 'highlight')).toHaveLength(highlights);
    expect(real.clippings.filter((c) => c.kind === 'note')).toHaveLength(notes);
    expect(real.clippings.filter((c) => c.kind === 'bookmark')).toHaveLength(bookmarks);
    expect(real.warnings).toEqual([]);
    // Every passage is the entry's fourth line, word for word.
    const texts = realText.replace(/\uFEFF/g, '').split(/\r?\n==========\r?\n?/).filter((e) => e.trim()).map((e) => e.split(/\r?\n/)[3]);
    expect(real.clippings.map((c) => c.text)).toEqual(texts.map((t) => t!.trim()));
  });

  it('finds its books with their titles and authors, without the byte-order marks some entries start with', () => {
    expect(realText.split('\uFEFF').length - 1).toBe(37); // BOMs in the file, before entries
    const books = new Map(real.clippings.map((c) => [c.book.line, c.book]));
    expect([...books.values()].map((b) => [b.title, b.author])).toEqual([
      ['Make It Stick', 'Peter C. Brown'],
      ['The Elon Musk Blog Series: Wait But Why', 'Urban, Tim'],
      ['Les vaisseaux du coeur (Littérature) (French Edition)', 'Groult, Benoîte'],
      ['C041 PDF La vie après la mort', undefined],
      ['C039 PDF Electrosensibles', undefined],
      ['C027 PDF Prière de guérir', undefined],
      ['Me, Myself, and Us : The Science of Personality and the Art of Well-being (9781586489687)', 'Little, Brian R.'],
      ['Le deuxieme sexe_tome1', 'Beauvoir de,Simone'],
      ['Spent', 'Miller, Geoffrey'],
      ['Indistractable', 'Nir Eyal'],
      ['Everyday Zen', 'Charlotte J. Beck'],
    ]);
    for (const book of books.values()) expect(book.line).not.toMatch(/\uFEFF/);
  });

  it('reads title lines whose authors hold parentheses, commas and semicolons', () => {
    expect(readBookLine('Title (Smith (ed.), Jane)')).toMatchObject({ title: 'Title', author: 'Smith (ed.), Jane' });
    expect(readBookLine('\uFEFFIndistractable (Nir Eyal;)')).toMatchObject({ title: 'Indistractable', author: 'Nir Eyal', creators: ['Nir Eyal'] });
    expect(readBookLine('Good Omens (Pratchett, Terry;Gaiman, Neil)').creators).toEqual(['Pratchett, Terry', 'Gaiman, Neil']);
    expect(readBookLine('C027 PDF Prière de guérir')).toEqual({ line: 'C027 PDF Prière de guérir', title: 'C027 PDF Prière de guérir', creators: [] });
    expect(readBookLine('(Only a bracket)')).toMatchObject({ title: '(Only a bracket)', creators: [] });
    expect(readBookLine('Unbalanced (Smith')).toMatchObject({ title: 'Unbalanced (Smith', creators: [] });
  });

  it('reads English and French dates as ISO 8601 local times, and keeps what it cannot read as written', () => {
    expect(real.clippings[0]!.addedAt).toBe('2020-02-23T14:58:27');
    expect(kindleDate('Saturday, April 18, 2020 12:08:34 AM')).toBe('2020-04-18T00:08:34');
    expect(kindleDate('Saturday, April 18, 2020 12:08:34 PM')).toBe('2020-04-18T12:08:34');
    expect(kindleDate('dimanche 23 février 2020 14:58:27')).toBe('2020-02-23T14:58:27');
    expect(kindleDate('dimanche 1er mars 2020 14:05:09')).toBe('2020-03-01T14:05:09');
    expect(kindleDate('jeudi 13 août 2020 23:59:59')).toBe('2020-08-13T23:59:59');
    expect(kindleDate('Sunday, February 30, 2020 1:00:00 PM')).toBe('Sunday, February 30, 2020 1:00:00 PM');
    expect(kindleDate('quelque part en 2020')).toBe('quelque part en 2020');
    // Every date of the real file is read.
    expect(real.clippings.filter((c) => !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(c.addedAt ?? ''))).toEqual([]);
  });

  it('reads notes, bookmarks, pages with locations and the French forms', () => {
    const { clippings, warnings } = readClippings(fixtureBytes.toString('utf8'));
    expect(warnings).toEqual([]);
    expect(clippings.map((c) => c.kind)).toEqual(['highlight', 'note', 'bookmark', 'highlight', 'note', 'highlight', 'note', 'bookmark', 'highlight', 'highlight']);
    expect(clippings[0]).toMatchObject({ page: { written: '12' }, location: { written: '170-172', span: { start: 170, end: 172 } }, addedAt: '2020-02-03T22:15:09' });
    expect(clippings[5]).toMatchObject({ book: { title: 'La Chambre claire', author: 'Barthes (éd. 1980), Roland' }, location: { written: '60-62' }, addedAt: '2020-03-01T14:05:09' });
    expect(clippings[8]).toMatchObject({ location: { written: '130-131' }, addedAt: '2020-08-13T23:59:59' });
    expect(clippings[9]!.addedAt).toBe('quelque part en 2020');
    expect(clippings[2]).toMatchObject({ kind: 'bookmark', text: '', location: { written: '201' } });
  });
});

describe('folding re-highlights of one passage', () => {
  const makeItStick = foldBook(bookOf(real.clippings, 'Make It Stick'));
  const meMyself = foldBook(bookOf(real.clippings, 'Me, Myself, and Us : The Science of Personality and the Art of Well-being (9781586489687)'));
  const at = (passages: typeof makeItStick.passages, start: number) => passages.filter((p) => p.location!.span.start === start);

  it('keeps the longer of two cuts at the same location, with the earliest date', () => {
    const cuts = bookOf(real.clippings, 'Make It Stick').filter((c) => c.location!.written === '333-336');
    expect(cuts.map((c) => c.text.length)).toEqual([399, 396]);
    const [passage, ...others] = at(makeItStick.passages, 333);
    expect(others).toEqual([]);
    expect(passage!.text).toBe(squeeze(cuts[0]!.text));
    expect(passage!.clippings).toHaveLength(2);
    expect(passage!.addedAt).toBe([cuts[0]!.addedAt!, cuts[1]!.addedAt!].sort()[0]);
  });

  it('folds shorter highlights inside a long one at overlapping locations into it (689–707 holds 689–695 and 704–706)', () => {
    const [passage, ...others] = at(makeItStick.passages, 689);
    expect(others).toEqual([]);
    expect(passage!.location!.written).toBe('689-707');
    expect(passage!.clippings.map((c) => c.location!.written).sort()).toEqual(['689-695', '689-707', '704-706']);
    expect(at(makeItStick.passages, 704)).toEqual([]);
  });

  it('joins two cuts that overlap in part into the passage they both cut from', () => {
    const [passage, ...others] = at(meMyself.passages, 1219);
    expect(others).toEqual([]);
    expect(passage!.text.startsWith('Please write, with your finger, the letter Q on your forehead.')).toBe(true);
    expect(passage!.text.endsWith('Oh,')).toBe(true);
    const cuts = passage!.clippings.map((c) => squeeze(c.text));
    for (const cut of cuts) expect(passage!.text).toContain(cut);
    // "there anything we can do …" (twice) and "Is there anything we can do …" are one question.
    const question = meMyself.passages.filter((p) => p.text.includes('anything we can do to reduce the potential costs'));
    expect(question.map((p) => p.text)).toEqual(['Is there anything we can do to reduce the potential costs of acting out of character?']);
    expect(question[0]!.clippings).toHaveLength(3);
  });

  it('keeps neighbours that only touch at a location, or share a word at their edge, apart', () => {
    expect(at(makeItStick.passages, 2760)).toHaveLength(2);
    const prayer = foldBook(bookOf(real.clippings, 'C027 PDF Prière de guérir'));
    const shareAWord = prayer.passages.filter((p) => /Transportons/.test(p.text));
    expect(shareAWord).toHaveLength(2);
  });

  it('counts every folded re-highlight: passages and folds add up to the highlights read', () => {
    const books = new Map<string, Clipping[]>();
    for (const c of real.clippings) books.set(c.book.line, [...(books.get(c.book.line) ?? []), c]);
    let passages = 0;
    let folded = 0;
    for (const list of books.values()) {
      const book = foldBook(list);
      passages += book.passages.length;
      folded += book.folded;
      expect(book.passages.reduce((n, p) => n + p.clippings.length, 0)).toBe(list.length);
    }
    expect(passages + folded).toBe(644);
    expect(folded).toBeGreaterThan(60);
  });

  it('attaches a note to the highlight ending at its location, and keeps a note without one as a passage of its own', () => {
    const { clippings } = readClippings(fixtureBytes.toString('utf8'));
    const room = foldBook(bookOf(clippings, 'The Reading Room'));
    expect(room.folded).toBe(1);
    expect(room.passages.map((p) => [p.kind, p.text, p.note, p.location?.written, p.addedAt])).toEqual([
      ['highlight', 'A library is a place where every book waits for the reader it was written for.', 'Compare with Borges.', '170-172', '2020-02-03T22:15:09'],
      ['note', '', 'A thought with no passage under it.', '455', '2020-02-04T12:00:00'],
    ]);
    const barthes = foldBook(bookOf(clippings, 'La Chambre claire'));
    expect(barthes.passages[0]).toMatchObject({ kind: 'highlight', note: 'Le punctum, encore.', location: { written: '60-62' } });
  });
});

describe('recognising a clippings file by what it holds', () => {
  it('takes the real file and the hand-made one whatever their names, and nothing else', () => {
    expect(isClippingsFile(realBytes)).toBe(true);
    expect(isClippingsFile(fixtureBytes)).toBe(true);
    for (const other of ['books/moby-dick.txt', 'books/war-and-peace.txt', 'sample/putin-obama-syria.txt', 'commonmark/spec.json', 'hostile/utf16le-bom.txt', 'hostile/nul-and-control-chars.txt']) {
      expect(isClippingsFile(readFileSync(corpus(other))), other).toBe(false);
    }
    expect(isClippingsFile(Buffer.from('A title\n- Your Highlight on Location 1-2 | Added on Sunday, February 23, 2020 2:58:27 PM\n\nno separator anywhere\n'))).toBe(false);
    expect(isClippingsFile(Buffer.from('Notes\n==========\nnothing Kindle-like here\n'))).toBe(false);
  });
});

describe('damaged clippings files', () => {
  it('skips a truncated last entry, garbage between separators and an entry of 1 MB, each with a warning, and reads the rest', () => {
    const entries = realText.split('==========\r\n');
    const garbage = 'this is not a clipping\r\njust some words\r\n';
    const huge = `Huge (Some One)\r\n- Your Highlight on Location 1-2 | Added on Sunday, February 23, 2020 2:58:27 PM\r\n\r\n${'x'.repeat(1024 * 1024)}\r\n`;
    const truncated = 'Spent (Miller, Geoffrey)\r\n- Your Highlight on Loca';
    const damaged = [...entries.slice(0, 10), garbage, huge, ...entries.slice(10, 20), truncated].join('==========\r\n');
    const read = readClippings(damaged);
    expect(read.clippings).toHaveLength(20);
    expect(read.unreadable).toBe(3);
    expect(read.warnings).toHaveLength(3);
    expect(read.warnings[0]).toMatch(/^The entry at line \d+ is not a Kindle clipping .*; it was skipped\.$/);
    expect(read.warnings[1]).toMatch(/is 1,048,576 characters long, more than a Kindle clips; it was skipped/);
    expect(read.warnings[2]).toMatch(/the file ends in the middle of it/);
  });
});
