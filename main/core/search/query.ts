import { COLORS, type Color } from '../../../shared/colors.js';
import { fold, foldedWords } from './fold.js';

/**
 * The search box's language, parsed without looking at any index:
 *
 * - words: every word must be found (in any field, see `SearchIndex.search`);
 * - the last word of the query, when it is a plain word, is also matched as a
 *   prefix (`whal` finds `whale`, `whaling`): the query is usually still being
 *   typed; earlier words are matched whole;
 * - words of `TYPO_LENGTH_1` characters or more also find words one edit away
 *   (a letter changed, added, dropped, or two letters swapped), of
 *   `TYPO_LENGTH_2` or more two edits away;
 * - `"quoted phrases"`: their words, in that order, next to each other;
 * - filters: `tag:NAME` (also the nested tags `NAME/…`), `color:yellow` (one
 *   of shared/colors.ts; several colours: any of them), `author:NAME` (or
 *   `author:"Leo Tolstoy"`), `has:note`. A filter whose key or value is not
 *   one of these (`foo:bar`, `color:orange`) is searched as words;
 * - a query of filters only lists what the filters match.
 */
export interface ParsedQuery {
  /** Words to find (folded). */
  words: QueryWord[];
  /** Quoted phrases, each as its folded words; never empty arrays. */
  phrases: string[][];
  filters: QueryFilters;
}

/** A word of the query, and how loosely it may match. */
export interface QueryWord {
  /** The folded word. */
  text: string;
  /** Also match words that start with it. */
  prefix: boolean;
  /** How many edits a matching word may be away (0, 1 or 2). */
  typos: 0 | 1 | 2;
}

/** Filters narrow what words found; with no words, they list. */
export interface QueryFilters {
  /** Folded tag names: each must be on the highlight (or article), itself or as a parent. */
  tags: string[];
  /** The highlight has one of these colours (empty: any). */
  colors: Color[];
  /** Each name (its folded words) must be in the article's byline. */
  authors: string[][];
  /** The highlight has a note. */
  hasNote: boolean;
}

/** Words shorter than this are matched whole even when last: a one-letter prefix matches half the language. */
export const MIN_PREFIX_LENGTH = 2;
/** Words this long or longer tolerate one typo; shorter words have too many neighbours one edit away. */
export const TYPO_LENGTH_1 = 5;
/** Words this long or longer tolerate two typos. */
export const TYPO_LENGTH_2 = 9;

/** A term of the query before its meaning is known: a quoted phrase, or a run of non-space characters. */
type Token = { kind: 'phrase'; text: string } | { kind: 'bare'; text: string };

const FILTER = /^([\p{L}]+):(.*)$/su;

/** Splits the query at spaces, keeping "quoted phrases" (an unclosed quote runs to the end) and `key:"quoted values"` whole. */
function tokens(query: string): Token[] {
  const found: Token[] = [];
  let i = 0;
  while (i < query.length) {
    if (/\s/.test(query[i]!)) {
      i++;
      continue;
    }
    if (query[i] === '"') {
      const close = query.indexOf('"', i + 1);
      const end = close < 0 ? query.length : close;
      found.push({ kind: 'phrase', text: query.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    let end = i;
    while (end < query.length && !/\s/.test(query[end]!)) {
      // key:"a quoted value" stays one token
      if (query[end] === '"' && end > i && query[end - 1] === ':') {
        const close = query.indexOf('"', end + 1);
        end = close < 0 ? query.length : close + 1;
        continue;
      }
      end++;
    }
    found.push({ kind: 'bare', text: query.slice(i, end) });
    i = end;
  }
  return found;
}

const unquote = (value: string): string => value.replace(/^"/, '').replace(/"$/, '');

/** Reads `key:value` into `filters`; false when it is not a filter we know (it is then searched as words). */
function readFilter(token: string, filters: QueryFilters): boolean {
  const match = FILTER.exec(token);
  if (!match) return false;
  const key = fold(match[1]!);
  const value = unquote(match[2]!).trim();
  if (!value) return false;
  switch (key) {
    case 'tag': {
      const tag = fold(value).replace(/^#/, '').replace(/\/+$/, '');
      if (!tag) return false;
      filters.tags.push(tag);
      return true;
    }
    case 'color':
    case 'colour': {
      const color = COLORS.find((c) => c === fold(value));
      if (!color) return false;
      if (!filters.colors.includes(color)) filters.colors.push(color);
      return true;
    }
    case 'author': {
      const words = foldedWords(fold(value));
      if (words.length === 0) return false;
      filters.authors.push(words);
      return true;
    }
    case 'has':
      if (fold(value) !== 'note') return false;
      filters.hasNote = true;
      return true;
    default:
      return false;
  }
}

/** Parses a query (see `ParsedQuery` for the language). Never throws. */
export function parseQuery(query: string): ParsedQuery {
  const parsed: ParsedQuery = { words: [], phrases: [], filters: { tags: [], colors: [], authors: [], hasNote: false } };
  const all = tokens(query);
  all.forEach((token, index) => {
    if (token.kind === 'phrase') {
      const words = foldedWords(fold(token.text));
      if (words.length > 0) parsed.phrases.push(words);
      return;
    }
    if (readFilter(token.text, parsed.filters)) return;
    const words = foldedWords(fold(token.text));
    const lastToken = index === all.length - 1;
    words.forEach((text, w) => {
      const last = lastToken && w === words.length - 1;
      parsed.words.push({
        text,
        prefix: last && text.length >= MIN_PREFIX_LENGTH,
        typos: text.length >= TYPO_LENGTH_2 ? 2 : text.length >= TYPO_LENGTH_1 ? 1 : 0,
      });
    });
  });
  return parsed;
}

/** True when the query has nothing to look for: no words, phrases or filters. */
export function isEmptyQuery(parsed: ParsedQuery): boolean {
  const f = parsed.filters;
  return parsed.words.length === 0 && parsed.phrases.length === 0 && f.tags.length === 0 && f.colors.length === 0 && f.authors.length === 0 && !f.hasNote;
}
