/**
 * The library `npm run bench:search` searches: articles made from the team's
 * corpus (the readability pages' text, and three books cut into chapters,
 * plus a few whole books), each varied so that no two texts are the same
 * (paragraphs shuffled, paragraphs of another source mixed in, a sentence of
 * new words added), with highlights whose quotes are word-aligned passages of
 * their article. Seeded: the same arguments give the same library.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { TextIndex } from '../../shared/anchoring/index.js';
import { COLORS, type Highlight } from '../../shared/model.js';
import { utf16 } from '../../shared/offsets.js';
import { randomGenerator } from './edits.js';

const CORPUS = new URL('../../../shared/corpus/', import.meta.url);

/** An article as the search index takes it (what `SearchIndex.setArticle` reads). */
export interface LibraryArticle {
  id: string;
  title: string;
  byline?: string;
  siteName?: string;
  published?: string;
  importedAt: string;
  tags: string[];
  text: string;
}

export interface SearchLibrary {
  articles: LibraryArticle[];
  highlights: Highlight[];
}

/** Tags highlights are given: flat ones and nested `parent/child` ones. */
export const LIBRARY_TAGS = [
  'idea', 'quote', 'to-read', 'history', 'philosophy', 'love', 'method',
  'war/napoleon', 'war/battle', 'sea/whales', 'sea/ships', 'science/physics', 'science/biology', 'people/family', 'topic/sub',
];

/** Names with diacritics, so folded search has something to fold. */
const NAMES = ['Benoîte', 'Zoë', 'Łukasz', 'Müller', 'Ångström', 'Piñata', 'Façade', 'Dvořák', 'Søren', 'Crème'];

interface Source {
  title: string;
  byline?: string;
  siteName?: string;
  published?: string;
  paragraphs: string[];
}

const ENTITIES = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"], ['nbsp', ' '], ['mdash', '—'], ['ndash', '–'], ['hellip', '…'], ['rsquo', '’'], ['lsquo', '‘'], ['rdquo', '”'], ['ldquo', '“']]);

/** The visible text of Readability's expected output, one paragraph per block (good enough for a bench). */
function htmlParagraphs(html: string): string[] {
  const text = html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/?(p|div|h[1-6]|li|ul|ol|blockquote|pre|tr|table|section|article|figure|figcaption|br)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&([a-z]+);/gi, (whole, name: string) => ENTITIES.get(name.toLowerCase()) ?? whole);
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0);
}

function readabilityPages(): Source[] {
  const dir = new URL('readability/test-pages/', CORPUS);
  const pages: Source[] = [];
  for (const name of readdirSync(dir).sort()) {
    const paragraphs = htmlParagraphs(readFileSync(new URL(`${name}/expected.html`, dir), 'utf8'));
    if (paragraphs.join(' ').length < 500) continue;
    const meta = JSON.parse(readFileSync(new URL(`${name}/expected-metadata.json`, dir), 'utf8')) as Record<string, string | null>;
    pages.push({
      title: meta.title || name,
      byline: meta.byline ?? undefined,
      siteName: meta.siteName ?? undefined,
      published: meta.publishedTime ?? undefined,
      paragraphs,
    });
  }
  return pages;
}

const BOOKS = [
  { file: 'war-and-peace.txt', title: 'War and Peace', byline: 'Leo Tolstoy' },
  { file: 'moby-dick.txt', title: 'Moby-Dick; or, The Whale', byline: 'Herman Melville' },
  { file: 'pride-and-prejudice.txt', title: 'Pride and Prejudice', byline: 'Jane Austen' },
];

/** A book's paragraphs (blank-line separated, hard wraps joined), without Project Gutenberg's header and licence. */
function bookText(file: string): string {
  let text = readFileSync(new URL(`books/${file}`, CORPUS), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const start = text.indexOf('*** START OF');
  if (start >= 0) text = text.slice(text.indexOf('\n', start) + 1);
  const end = text.indexOf('*** END OF');
  if (end >= 0) text = text.slice(0, end);
  return text;
}

const paragraphsOf = (text: string): string[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);

function bookChapters(): { chapters: Source[]; wholeBooks: Source[] } {
  const chapters: Source[] = [];
  const wholeBooks: Source[] = [];
  for (const book of BOOKS) {
    const text = bookText(book.file);
    wholeBooks.push({ title: book.title, byline: book.byline, paragraphs: paragraphsOf(text) });
    const parts = text.split(/^(CHAPTER [IVXLC\d]+\.?.*)$/m);
    for (let i = 1; i + 1 < parts.length; i += 2) {
      const paragraphs = paragraphsOf(parts[i + 1]!);
      if (paragraphs.join(' ').length < 1000) continue; // a table-of-contents line
      chapters.push({ title: `${book.title}: ${parts[i]!.trim()}`, byline: book.byline, paragraphs });
    }
  }
  return { chapters, wholeBooks };
}

function shuffleWindow<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  if (out.length < 3) return out;
  const from = Math.floor(random() * out.length);
  const to = Math.min(out.length, from + 2 + Math.floor(random() * 8));
  for (let i = to - 1; i > from; i--) {
    const j = from + Math.floor(random() * (i - from + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A made-up word: a real library keeps meeting names and terms it has not seen. */
function madeUpWord(random: () => number): string {
  const syllables = ['ka', 'lo', 'mir', 'zen', 'tra', 'vel', 'qui', 'dor', 'ny', 'sha', 'pe', 'rū', 'bo', 'ix', 'ul'];
  let word = '';
  const count = 2 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) word += syllables[Math.floor(random() * syllables.length)];
  return word;
}

/** A word-aligned passage of 20–300 characters at a random place in `text` (cost independent of the text's length). */
function passageIn(text: string, random: () => number): { start: number; end: number } | null {
  let start = Math.floor(random() * Math.max(1, text.length - 20));
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  while (start < text.length && /\s/.test(text[start]!)) start++;
  let end = Math.min(text.length, start + 20 + Math.floor(random() * 280));
  while (end < text.length && end - start < 300 && !/\s/.test(text[end]!)) end++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end - start >= 20 && end - start <= 300 ? { start, end } : null;
}

const id = (prefix: string, n: number): string => `${prefix}-${n.toString(36).padStart(10, '0')}`;

/**
 * Builds the library: `articles` articles (one in 2,000 a whole book, about
 * half the rest web pages and half book chapters) and `highlights` highlights
 * spread over them by text length, one in ten with a note, a third tagged.
 */
export function buildSearchLibrary(options: { articles: number; highlights: number; seed?: number }): SearchLibrary {
  const random = randomGenerator(options.seed ?? 2600);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const pages = readabilityPages();
  const { chapters, wholeBooks } = bookChapters();
  const epoch = Date.UTC(2024, 0, 1);

  const articles: LibraryArticle[] = [];
  for (let a = 0; a < options.articles; a++) {
    const whole = a % 2000 === 1999;
    const source = whole ? wholeBooks[(a / 2000) % wholeBooks.length | 0]! : random() < 0.5 ? pick(pages) : pick(chapters);
    let paragraphs = random() < 0.6 ? shuffleWindow(source.paragraphs, random) : [...source.paragraphs];
    if (!whole && random() < 0.5) {
      const other = pick(random() < 0.5 ? pages : chapters).paragraphs;
      const at = Math.floor(random() * (paragraphs.length + 1));
      paragraphs.splice(at, 0, ...other.slice(0, 1 + Math.floor(random() * 3)));
    }
    const fresh = Array.from({ length: 3 + Math.floor(random() * 6) }, () => madeUpWord(random));
    if (random() < 0.2) fresh.push(pick(NAMES));
    paragraphs = [...paragraphs];
    paragraphs.splice(Math.floor(random() * (paragraphs.length + 1)), 0, `${fresh.join(' ')}.`);
    const title = whole ? source.title : a < 200 ? source.title : `${source.title} (${fresh[0]})`;
    articles.push({
      id: id('a', a),
      title,
      byline: source.byline,
      siteName: source.siteName,
      published: source.published,
      importedAt: new Date(epoch + a * 3_600_000).toISOString(),
      tags: random() < 0.1 ? [pick(LIBRARY_TAGS)] : [],
      text: [title, ...paragraphs].join('\n'),
    });
  }

  // Highlights go to articles in proportion to the square root of their length: a book gets more than a page, not thousands more.
  const weights = articles.map((article) => Math.sqrt(article.text.length));
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  const articleFor = (): LibraryArticle => {
    const x = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return articles[lo]!;
  };

  const textIndexes = new Map<string, TextIndex>();
  const highlights: Highlight[] = [];
  for (let h = 0; highlights.length < options.highlights; h++) {
    const article = articleFor();
    const range = passageIn(article.text, random);
    if (!range) continue;
    let index = textIndexes.get(article.id);
    if (!index) textIndexes.set(article.id, (index = new TextIndex(article.text)));
    const exact = article.text.slice(range.start, range.end);
    const tags = random() < 0.3 ? [pick(LIBRARY_TAGS), ...(random() < 0.3 ? [pick(LIBRARY_TAGS)] : [])] : [];
    const noteSource = articleFor();
    const noteRange = highlights.length % 10 === 0 ? passageIn(noteSource.text, random) : null;
    const at = new Date(epoch + h * 60_000).toISOString();
    highlights.push({
      id: id('h', h),
      articleId: article.id,
      target: {
        position: { type: 'TextPositionSelector', start: index.toCodePoint(utf16(range.start)), end: index.toCodePoint(utf16(range.end)) },
        quote: {
          type: 'TextQuoteSelector',
          exact,
          prefix: article.text.slice(Math.max(0, range.start - 32), range.start),
          suffix: article.text.slice(range.end, range.end + 32),
        },
      },
      color: pick(COLORS),
      note: noteRange ? `My note: ${noteSource.text.slice(noteRange.start, noteRange.end)}` : '',
      tags: [...new Set(tags)],
      createdAt: at,
      updatedAt: at,
    });
  }
  return { articles, highlights };
}

/** Words nobody searches for alone: left out of generated queries (the "common" kind measures them apart). */
export const COMMON_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each
  few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once
  only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under
  until up upon very was we were what when where which while who whom why will with would you your yours yourself yourselves said one could into like made much must now shall
  little well great time good made every without being might never upon though still`.split(/\s+/),
);

/** The kinds of query the bench measures, each a list of query strings. */
export type QueryKind = 'one word' | 'two words' | 'prefix' | 'typo' | 'phrase' | 'filter' | 'common word';

const WORD_RUN = /[\p{L}]+/gu;

/** The letter-only words of a stretch of text, with their positions. */
function wordsNear(text: string, at: number, span = 400): string[] {
  return text.slice(at, at + span).match(WORD_RUN)?.slice(1) ?? []; // the first may be cut
}

function typo(word: string, random: () => number): string {
  const i = 1 + Math.floor(random() * (word.length - 2));
  const edit = Math.floor(random() * 3);
  if (edit === 0) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swap
  if (edit === 1) return word.slice(0, i) + word.slice(i + 1); // drop
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return word.slice(0, i) + letters[Math.floor(random() * 26)] + word.slice(i + 1); // change
}

/**
 * Queries a reader might type, drawn from the library's own texts: words
 * (not the most common ones), pairs of words from one sentence, the first
 * letters of a long word, a long word with one typo, a phrase of two to
 * four words, a word with a filter (tag, colour, note, author), and, apart,
 * the commonest words alone.
 */
export function benchQueries(library: SearchLibrary, perKind: number, seed = 7): Map<QueryKind, string[]> {
  const random = randomGenerator(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const someWords = (min: number): string[] => {
    for (;;) {
      const text = pick(library.articles).text;
      const words = wordsNear(text, Math.floor(random() * text.length)).filter((w) => w.length >= min && !COMMON_WORDS.has(w.toLowerCase()));
      if (words.length >= 2) return words;
    }
  };
  const queries = new Map<QueryKind, string[]>();
  const make = (kind: QueryKind, one: () => string) => queries.set(kind, Array.from({ length: perKind }, one));
  make('one word', () => someWords(4)[0]!);
  make('two words', () => someWords(4).slice(0, 2).join(' '));
  make('prefix', () => {
    const word = someWords(6)[0]!;
    return word.slice(0, 3 + Math.floor(random() * 3));
  });
  make('typo', () => typo(someWords(6)[0]!, random));
  make('phrase', () => {
    for (;;) {
      const quote = pick(library.highlights).target.quote.exact;
      const words = wordsNear(quote, Math.floor(random() * quote.length / 2), 120);
      const length = 2 + Math.floor(random() * 3);
      const run = words.slice(0, length);
      if (run.length === length && run.some((w) => !COMMON_WORDS.has(w.toLowerCase()))) return `"${run.join(' ')}"`;
    }
  });
  const authors = [...new Set(library.articles.map((a) => a.byline?.split(/\s+/).pop()).filter((n): n is string => !!n && n.length > 3))];
  let f = 0;
  make('filter', () => {
    const word = someWords(4)[0]!;
    switch (f++ % 5) {
      case 0:
        return `tag:${pick(LIBRARY_TAGS).split('/')[0]} ${word}`;
      case 1:
        return `color:${pick(COLORS)} ${word}`;
      case 2:
        return `has:note ${word}`;
      case 3:
        return `author:${pick(authors)} ${word}`;
      default:
        return random() < 0.5 ? `tag:${pick(LIBRARY_TAGS)}` : `tag:${pick(LIBRARY_TAGS)} color:${pick(COLORS)}`;
    }
  });
  const common = [...COMMON_WORDS].filter((w) => w.length >= 3);
  make('common word', () => pick(common));
  return queries;
}
