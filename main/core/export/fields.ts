import type { ColorNames } from '../../../shared/settings.js';
import type { Article, Highlight } from '../../../shared/model.js';
import type { CodePointOffset } from '../../../shared/offsets.js';
import { markdownParagraphs } from './escape.js';
import { noteBlocks, noteMarkdown } from './note.js';
import { isOrphaned } from './order.js';
import { originText } from './origin.js';
import { uuidOf } from './uuid.js';

/** What templates know about the article (see docs/templates.md). Missing values are null. */
export interface ArticleFields {
  id: string;
  title: string;
  source: { name: string; path: string | null; url: string | null };
  author: string | null;
  siteName: string | null;
  published: string | null;
  imported: string;
  exported: string;
  /** The article's own tags. */
  tags: string[];
  /** The article's tags and its highlights' tags, once each, sorted. */
  allTags: string[];
  /** `marginalia://article/<id>`: opens the article in Marginalia. */
  link: string;
}

/** What templates know about one highlight (see docs/templates.md). */
export interface HighlightFields {
  id: string;
  /** The id as an Obsidian block id (`^blockId`). */
  blockId: string;
  /** A UUID derived from the id: the same every export (Logseq `id::`). */
  uuid: string;
  /** 1-based position among the exported highlights: placed ones in document order, then the orphaned ones (see `placedOrder`). */
  index: number;
  /** The article's current version no longer has the passage: the quote is what was highlighted, no longer in the text. */
  orphaned: boolean;
  /** The name the reader gave the highlight's colour ("key idea"), or ''. */
  colorName: string;
  color: string;
  /** The passage as Markdown block quote lines (`> …`). */
  quote: string;
  /** The passage exactly as highlighted. */
  quoteText: string;
  /** The passage as Markdown-safe lines, one per paragraph. */
  quoteParagraphs: string[];
  /**
   * The note as the Markdown it was written in ('' when there is none):
   * `*ninety*`, `[[Kerry]]` and `#syria` stay as written; only what would
   * reach past the note is closed (see `noteMarkdown`).
   */
  note: string;
  /** The note exactly as written. */
  noteText: string;
  /** The note's top-level Markdown blocks (paragraphs, lists, code…), each as written; a block may span lines. */
  noteParagraphs: string[];
  tags: string[];
  /** Code-point offsets of the passage in the article text; null when orphaned (the passage is gone). */
  start: CodePointOffset | null;
  end: CodePointOffset | null;
  created: string;
  updated: string;
  /** Where a highlight imported from another app was made (`Kindle, location 1234–1240, 23 Feb 2020`), or ''. */
  origin: string;
  /** `marginalia://article/<articleId>#<highlightId>`. */
  link: string;
  article: ArticleFields;
}

/**
 * A template's view of some fields: a null-prototype copy, so that to a strict
 * template `toString`, `constructor` or `hasOwnProperty` is a misspelt field
 * (an error naming its line), not an Object.prototype member that Handlebars'
 * prototype protection renders as nothing. Handlebars writes the object into
 * that error's message, hence a (symbol-keyed, so unreachable) string form.
 */
export function templateView<T extends object>(fields: T): T {
  const view = Object.assign(Object.create(null) as T, fields);
  Object.defineProperty(view, Symbol.toPrimitive, { value: () => '[fields]' });
  return view;
}

/** The link that opens an article (and optionally a highlight) in Marginalia. */
export function marginaliaLink(articleId: string, highlightId?: string): string {
  return `marginalia://article/${articleId}${highlightId ? `#${highlightId}` : ''}`;
}

export function articleFields(article: Article, highlights: readonly Highlight[], exportedAt: Date): ArticleFields {
  const meta = article.metadata ?? {};
  return templateView({
    id: article.id,
    title: article.title,
    source: templateView({ name: article.source.name, path: article.source.path ?? null, url: meta.url ?? null }),
    author: meta.byline ?? null,
    siteName: meta.siteName ?? null,
    published: meta.published ?? null,
    imported: article.importedAt,
    exported: exportedAt.toISOString(),
    tags: [...article.tags],
    allTags: [...new Set([...article.tags, ...highlights.flatMap((h) => h.tags)])].sort(),
    link: marginaliaLink(article.id),
  });
}

/** A highlight's fields; `uuid` is '' unless `withUuid` (it costs a SHA-1, and most layouts never use it). */
export function highlightFields(highlight: Highlight, index: number, article: ArticleFields, withUuid = true, colorNames?: ColorNames): HighlightFields {
  const quoteText = highlight.target.quote.exact;
  const quoteParagraphs = markdownParagraphs(quoteText);
  const note = noteMarkdown(highlight.note);
  const orphaned = isOrphaned(highlight);
  return templateView({
    id: highlight.id,
    blockId: highlight.id,
    uuid: withUuid ? uuidOf(highlight.id) : '',
    index: index + 1,
    orphaned,
    color: highlight.color,
    colorName: colorNames?.[highlight.color]?.trim() ?? '',
    quote: quoteParagraphs.map((line) => `> ${line}`).join('\n>\n'),
    quoteText,
    quoteParagraphs,
    note,
    noteText: highlight.note,
    noteParagraphs: noteBlocks(note),
    tags: [...highlight.tags],
    start: orphaned ? null : highlight.target.position.start,
    end: orphaned ? null : highlight.target.position.end,
    created: highlight.createdAt,
    updated: highlight.updatedAt,
    origin: originText(highlight.origin),
    link: marginaliaLink(article.id, highlight.id),
    article,
  });
}
