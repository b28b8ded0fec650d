import { z } from 'zod';
import { ArticleIdSchema, CodePointOffsetSchema, ColorSchema, HighlightIdSchema, TagSchema } from '../model.js';

/**
 * The larger answers of the contract (schemas.ts): what a search found, a
 * page of All highlights, what undo can do, the tags a removal took. Main
 * checks its answers against them in tests; the renderer gets their types.
 */

/** A short excerpt with the words a search matched marked ([start, end) UTF-16 offsets into `text`); never HTML. */
export const SnippetSchema = z.object({
  text: z.string(),
  marks: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
  /** Whether the excerpt starts after, or ends before, the text it was taken from: shown as "…". */
  cutBefore: z.boolean(),
  cutAfter: z.boolean(),
});
export type Snippet = z.infer<typeof SnippetSchema>;

/** What a search found, best first, in two groups: articles (by title, author, site, tags or text) and highlights. */
export const SearchAnswerSchema = z.object({
  articles: z.array(
    z.object({
      articleId: ArticleIdSchema,
      title: z.string(),
      byline: z.string().optional(),
      siteName: z.string().optional(),
      published: z.string().optional(),
      /** Where the words were found: title, byline, siteName, tags, text. */
      fields: z.array(z.string()),
      /** For a match in the text, the passage (code points) that holds the most of the words. */
      passage: z.object({ start: CodePointOffsetSchema, end: CodePointOffsetSchema }).optional(),
      /** The first word marked in the snippet, in the article text (code points): where the reader is taken. */
      match: z.object({ start: CodePointOffsetSchema, end: CodePointOffsetSchema }).optional(),
      snippet: SnippetSchema.optional(),
    }),
  ),
  highlights: z.array(
    z.object({
      articleId: ArticleIdSchema,
      articleTitle: z.string(),
      highlightId: HighlightIdSchema,
      color: ColorSchema,
      tags: z.array(TagSchema),
      /** Where the words were found: quote, note, tags. */
      fields: z.array(z.string()),
      quote: SnippetSchema,
      note: SnippetSchema.optional(),
      orphaned: z.literal(true).optional(),
      createdAt: z.string(),
    }),
  ),
  /** How many matched in all, before the limit. */
  total: z.object({ articles: z.number().int().nonnegative(), highlights: z.number().int().nonnegative() }),
  /** Set when phrases could not all be checked in order (a text could not be read, or more texts than one search reads): hits have every word. */
  phrasesUnchecked: z.literal(true).optional(),
});

/** One highlight as "All highlights" lists it: quote and note cut to what a row shows (see main/core/all-highlights.ts). */
export const HighlightRowSchema = z.object({
  articleId: ArticleIdSchema,
  articleTitle: z.string(),
  id: HighlightIdSchema,
  color: ColorSchema,
  quote: z.string(),
  quoteCut: z.boolean(),
  note: z.string(),
  noteCut: z.boolean(),
  tags: z.array(TagSchema),
  orphaned: z.boolean(),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
  /** The name of the device that changed it last; absent while only one device has changed the library. */
  changedOn: z.string().optional(),
});
export type HighlightRow = z.infer<typeof HighlightRowSchema>;

export const HighlightPageSchema = z.object({
  total: z.number().int().nonnegative(),
  articles: z.number().int().nonnegative(),
  rows: z.array(HighlightRowSchema).max(500),
});

export const UndoStateSchema = z.object({ undo: z.string().nullable(), redo: z.string().nullable() });

/** The tags some of one article's highlights lost, or get back. */
export const TagsOfHighlightsSchema = z
  .object({
    articleId: ArticleIdSchema,
    highlights: z.array(z.object({ id: HighlightIdSchema, tags: z.array(TagSchema).min(1).max(100) }).strict()).max(100_000),
  })
  .strict();
