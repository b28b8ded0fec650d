import type { ArticleMetadata } from '../../../../shared/model.js';
import { collapseSpaces, truncate } from '../clean-text.js';
import type { GutenbergWork } from './gutenberg-markers.js';

/** What a Project Gutenberg header says about the book: its title (for the article) and the metadata to keep. */
export interface GutenbergFacts {
  title?: string;
  metadata: ArticleMetadata;
}

/**
 * The header's `Field: value` lines. A field's value may go on over
 * indented lines (a long title; a modern header's `Most recently updated:`
 * under its release date, which is a field of its own).
 */
function headerFields(header: string[]): Map<string, string> {
  const fields = new Map<string, string>();
  let last: string | undefined;
  for (const line of header) {
    const field = /^\s*([A-Z][A-Za-z -]{1,30}):\s+(\S.*)$/.exec(line);
    if (field) {
      last = field[1]!.toLowerCase();
      if (!fields.has(last)) fields.set(last, field[2]!.trim());
    } else if (last && /^\s+\S/.test(line)) {
      fields.set(last, `${fields.get(last)} ${line.trim()}`);
    } else {
      last = undefined;
    }
  }
  return fields;
}

/**
 * Language names as Project Gutenberg's headers write them, and their
 * language tags: the most common languages of its catalogue. A name not
 * here is still kept as written in the front matter.
 */
const LANGUAGE_TAGS = new Map([
  ['english', 'en'], ['french', 'fr'], ['german', 'de'], ['finnish', 'fi'], ['dutch', 'nl'],
  ['italian', 'it'], ['spanish', 'es'], ['portuguese', 'pt'], ['chinese', 'zh'], ['swedish', 'sv'],
  ['danish', 'da'], ['norwegian', 'no'], ['latin', 'la'], ['greek', 'el'], ['esperanto', 'eo'],
  ['hungarian', 'hu'], ['polish', 'pl'], ['russian', 'ru'], ['czech', 'cs'], ['japanese', 'ja'],
]);

/** `[EBook #2600]`, `[eBook #1342]`, `EBook-No. 123`; or a modern START line's `EBOOK 2701`. */
const EBOOK_NUMBER = /\bE-?(?:BOOK|TEXT)(?:\s*#\s*|-No\.\s*|\s+)(\d{1,6})\b/i;

/** The header's first line in older texts: `The Project Gutenberg EBook of War and Peace, by Leo Tolstoy`. */
const OPENING_LINE = /^\s*(?:The )?Project Gutenberg(?:'s|’s|\s+E-?(?:Book|text)\s+of)\s+(.+?)(?:,\s+by\s+(.+))?\s*$/i;

/** Said in the front matter, so a reader knows why the article starts and ends where it does. */
export const LEFT_OUT_NOTE =
  "Project Gutenberg's header (before its START line) and licence (after its END line) are not part of the article text. " +
  'The licence is at https://www.gutenberg.org/license.';

/**
 * The facts of a Project Gutenberg text: title and author (as today, the
 * title becomes the article's, the author its byline), the language (as a
 * tag when it is a language we know the tag of), and, in the front matter,
 * what the header says as written (title, author, translator, release date,
 * last update, language, ebook number) with a note that the header and
 * licence were left out. The release date is not the article's `published`
 * date: the library shows that date beside the article, and "2009" beside
 * War and Peace would mislead.
 */
export function gutenbergFacts(work: GutenbergWork): GutenbergFacts {
  const fields = headerFields(work.header);
  const opening = work.header.map((l) => OPENING_LINE.exec(l)).find((m) => m !== null);
  const field = (...names: string[]) => {
    const value = names.map((n) => fields.get(n)).find((v) => v !== undefined);
    return value ? truncate(collapseSpaces(value.replace(/\[[^\]]*\]/g, '')), 1000) || undefined : undefined;
  };
  const title = field('title') ?? (opening?.[1] ? truncate(opening[1], 1000) : undefined);
  const author = field('author') ?? (opening?.[2] ? truncate(opening[2], 1000) : undefined);
  const language = field('language');
  const ebook = EBOOK_NUMBER.exec(work.header.join('\n')) ?? EBOOK_NUMBER.exec(work.startLine ?? '');

  const frontMatter: Record<string, unknown> = { source: 'Project Gutenberg' };
  const keep = (key: string, value: string | number | undefined) => {
    if (value !== undefined) frontMatter[key] = value;
  };
  keep('ebook', ebook ? Number(ebook[1]) : undefined);
  keep('title', title);
  keep('author', author);
  keep('translator', field('translator', 'translators', 'translated by'));
  keep('editor', field('editor', 'editors'));
  keep('illustrator', field('illustrator', 'illustrators'));
  keep('released', field('release date', 'posting date', 'first posted'));
  keep('updated', field('most recently updated', 'last updated'));
  keep('language', language);
  frontMatter.note = LEFT_OUT_NOTE;

  const metadata: ArticleMetadata = { frontMatter };
  if (author) metadata.byline = author;
  const tag = LANGUAGE_TAGS.get(language?.toLowerCase() ?? '');
  if (tag) metadata.language = tag;
  return { ...(title ? { title } : {}), metadata };
}
