import { z } from 'zod';

import { COLORS } from './colors.js';

export { COLORS, type Color } from './colors.js';
export const ColorSchema = z.enum(COLORS);

/**
 * A JSON object whose keys are user strings (tags, front matter names), read
 * into a null-prototype object. `z.record` drops a `__proto__` key (assigning
 * it to a plain object would replace the prototype); here every own key of
 * the parsed JSON is kept, and none can collide with Object.prototype.
 */
export function userKeyedRecord<V extends z.ZodType>(value: V) {
  return z
    .custom<Record<string, unknown>>((raw) => typeof raw === 'object' && raw !== null && !Array.isArray(raw), 'expected an object')
    .transform((raw, ctx) => {
      const record: Record<string, z.output<V>> = Object.create(null);
      for (const [key, item] of Object.entries(raw)) {
        const parsed = value.safeParse(item);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: [key, ...issue.path] } as z.core.$ZodRawIssue);
          return z.NEVER;
        }
        record[key] = parsed.data;
      }
      return record;
    });
}

/** Identifiers are short, URL- and Markdown-safe, and never reused. */
export const ArticleIdSchema = z.string().regex(/^a-[a-z0-9]{8,32}$/, 'not an article id');
export const HighlightIdSchema = z.string().regex(/^h-[a-z0-9]{8,32}$/, 'not a highlight id');

/** A tag: trimmed, no whitespace, no leading '#', at most 64 characters. */
export const TagSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^\s#,][^\s,]*$/u, 'a tag has no spaces or commas and does not start with #');

/**
 * W3C Web Annotation TextQuoteSelector: the highlighted text with up to 32
 * characters of context on each side.
 */
export const TextQuoteSelectorSchema = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1),
  prefix: z.string(),
  suffix: z.string(),
});
export type TextQuoteSelector = z.infer<typeof TextQuoteSelectorSchema>;

/**
 * An offset in Unicode code points over the article text, typed as such on
 * both sides of parsing (see shared/offsets.ts): what the store, the contract
 * and W3C selectors carry.
 */
export const CodePointOffsetSchema = z.number().int().nonnegative().brand<'CodePointOffset', 'inout'>();

/**
 * W3C Web Annotation TextPositionSelector. Offsets count Unicode code points
 * over the article text (see `articleText`), as the W3C model requires.
 */
export const TextPositionSelectorSchema = z
  .object({
    type: z.literal('TextPositionSelector'),
    start: CodePointOffsetSchema,
    end: CodePointOffsetSchema,
  })
  .refine((s) => s.end > s.start, 'end must be after start');
export type TextPositionSelector = z.infer<typeof TextPositionSelectorSchema>;

/** Where a highlight sits: both selectors are always stored, cheapest first. */
export const HighlightTargetSchema = z.object({
  position: TextPositionSelectorSchema,
  quote: TextQuoteSelectorSchema,
});
export type HighlightTarget = z.infer<typeof HighlightTargetSchema>;

export const NoteSchema = z.string().max(100_000);

/** A highlighted passage with its colour, note and tags. */
export const HighlightSchema = z.object({
  id: HighlightIdSchema,
  articleId: ArticleIdSchema,
  target: HighlightTargetSchema,
  color: ColorSchema,
  note: NoteSchema,
  tags: z.array(TagSchema),
  /**
   * Set when a new version of the article no longer has the passage: the
   * highlight keeps its note, tags and last target, and is listed as orphaned
   * until the reader re-attaches it.
   */
  orphaned: z.boolean().optional(),
  /**
   * Where a highlight imported from another app was made, as that app
   * recorded it (a Kindle's location, page and date): shown and exported,
   * never used to anchor. Absent for highlights made in Marginalia.
   */
  origin: z
    .object({
      app: z.enum(['kindle']),
      /** The book's title and author as the other app wrote them. */
      book: z.string().max(2000).optional(),
      /** Kindle location, e.g. `1234-1240`. */
      location: z.string().max(100).optional(),
      page: z.string().max(100).optional(),
      /** When the reader made it there, as written (ISO 8601 when it could be read as a date). */
      addedAt: z.string().max(200).optional(),
    })
    .strict()
    .optional(),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
  /**
   * Notes written on another device at the same time as the one shown (two
   * devices changed the note without seeing each other's change): the one
   * shown is the later, these are kept for the reader to see, and go once
   * the reader writes the note again (or keeps one of them). `device` is the
   * name of the device it was written on. Made by the store from the change
   * records; never written by the renderer.
   */
  noteConflicts: z
    .array(z.object({ note: NoteSchema, device: z.string().max(64), changedAt: z.string().datetime() }).strict())
    .max(64)
    .optional(),
});
export type Highlight = z.infer<typeof HighlightSchema>;

/** The longest page address an article keeps; a longer one is dropped, never cut (a cut address is another address). */
export const MAX_ADDRESS_CHARS = 4096;

/** Where an article came from. */
export const ArticleSourceSchema = z.object({
  /**
   * `file`: imported from a file; `embedded`: the sample shipped with the app;
   * `address`: fetched from a web address the reader gave; `clippings`: a
   * quotes-only article made from another app's highlights (a Kindle's
   * `My Clippings.txt`) for a book the library does not hold.
   */
  kind: z.enum(['file', 'embedded', 'address', 'clippings']),
  /** File name as the user saw it, e.g. `putin-obama-syria.txt`. */
  name: z.string().min(1).max(1024),
  /** Absolute path at import time, when known (not in browser mode). */
  path: z.string().max(4096).optional(),
  /** For `address`: the address the reader gave (redirects are followed from it; where they ended is the metadata's url). */
  url: z.string().max(MAX_ADDRESS_CHARS).optional(),
});
export type ArticleSource = z.infer<typeof ArticleSourceSchema>;

/** ProseMirror document JSON; its structure is checked against the article schema on read. */
export interface DocumentJSON {
  type: string;
  attrs?: Record<string, unknown>;
  content?: DocumentJSON[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}
export const DocumentJSONSchema: z.ZodType<DocumentJSON> = z.lazy(() =>
  z.object({
    type: z.string(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(DocumentJSONSchema).optional(),
    marks: z
      .array(z.object({ type: z.string(), attrs: z.record(z.string(), z.unknown()).optional() }))
      .optional(),
    text: z.string().optional(),
  }),
);

/**
 * What an importer found about an article besides its text: from a web page's
 * metadata (Readability), a Markdown file's front matter, or nothing.
 */
export const ArticleMetadataSchema = z.object({
  byline: z.string().max(1000).optional(),
  /** The page's own address (canonical URL), kept as data; never fetched. */
  url: z.string().max(MAX_ADDRESS_CHARS).optional(),
  siteName: z.string().max(1000).optional(),
  /** Publication date as the source gave it (ISO 8601 when it could be read as a date). */
  published: z.string().max(200).optional(),
  language: z.string().max(64).optional(),
  excerpt: z.string().max(5000).optional(),
  /** A Markdown file's YAML front matter, as parsed. */
  frontMatter: userKeyedRecord(z.unknown()).optional(),
  /** A book's creators (EPUB `dc:creator`), in the book's order. */
  creators: z.array(z.string().max(1000)).max(100).optional(),
  /** A book's unique identifier (EPUB `dc:identifier`, e.g. `urn:isbn:…`): a re-import with the same one is a new version. */
  identifier: z.string().max(1000).optional(),
  publisher: z.string().max(1000).optional(),
  /** The text's direction, when it is right to left (Arabic, Hebrew). */
  direction: z.enum(['ltr', 'rtl']).optional(),
  /** Vertical text (Japanese, Chinese), as CSS writing-mode names it. */
  writingMode: z.enum(['horizontal-tb', 'vertical-rl', 'vertical-lr']).optional(),
});
export type ArticleMetadata = z.infer<typeof ArticleMetadataSchema>;

/** An imported article. Its document never changes after import. */
export const ArticleSchema = z.object({
  id: ArticleIdSchema,
  title: z.string().min(1).max(1000),
  source: ArticleSourceSchema,
  metadata: ArticleMetadataSchema.optional(),
  /** Set when the reader renamed the article: a new version of it keeps the reader's title. */
  titleSetByReader: z.literal(true).optional(),
  /** 1 for the first import; a re-import of the same source makes the next version (absent: 1). */
  version: z.number().int().positive().optional(),
  importedAt: z.string().datetime(),
  /** sha256 (hex) of the article text, to recognise the same content again. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  tags: z.array(TagSchema),
  document: DocumentJSONSchema,
});
export type Article = z.infer<typeof ArticleSchema>;

/** What the library list shows about an article without loading it. */
export const ArticleSummarySchema = z.object({
  id: ArticleIdSchema,
  title: z.string(),
  source: ArticleSourceSchema,
  importedAt: z.string().datetime(),
  contentHash: z.string(),
  tags: z.array(TagSchema),
  byline: z.string().optional(),
  url: z.string().optional(),
  /** The site the article came from, and its publication date, as imported (see ArticleMetadata). */
  siteName: z.string().optional(),
  published: z.string().optional(),
  /** A book's identifier (EPUB `dc:identifier`): a re-import with the same one is a new version. */
  identifier: z.string().optional(),
  version: z.number().int().positive().optional(),
  highlightCount: z.number().int().nonnegative(),
  /** How many of its highlights carry each tag (a null-prototype object keyed by tag), have a note, are orphaned. */
  highlightTags: userKeyedRecord(z.number().int().positive()).optional(),
  notedCount: z.number().int().nonnegative().optional(),
  orphanedCount: z.number().int().nonnegative().optional(),
  /** When the reader last opened it, and how far through it they were (0–1), if known. */
  readAt: z.string().datetime().optional(),
  progress: z.number().min(0).max(1).optional(),
  /** How many of its highlights have each colour (a colour none has is left out). */
  highlightColors: z.partialRecord(ColorSchema, z.number().int().positive()).optional(),
  /**
   * Set when the article's folder is there but the article cannot be opened,
   * saying why ("its article.json was written by a newer Marginalia …"): its
   * files are left as they are, and it is listed rather than silently left out.
   */
  unavailable: z.string().max(2000).optional(),
});
export type ArticleSummary = z.infer<typeof ArticleSummarySchema>;

/** An article with all its highlights, as the reader needs it. */
export const ArticleWithHighlightsSchema = z.object({
  article: ArticleSchema,
  highlights: z.array(HighlightSchema),
});
export type ArticleWithHighlights = z.infer<typeof ArticleWithHighlightsSchema>;

/** What the store did about a damaged file, for the reader to be told. */
export const RecoverySchema = z.object({
  at: z.string(),
  /** The damaged file, as it was named in the library. */
  file: z.string(),
  /** Where the damaged file (or, for a journal, its damaged lines) was moved; it is never overwritten; empty when the file was missing. */
  quarantinedTo: z.string(),
  /** The backup that replaced it, or what was kept of it; null when there was nothing. */
  restoredFrom: z.string().nullable(),
  reason: z.string(),
  /** True when nothing acknowledged was lost by the repair; false when something may be missing; absent: not known. */
  complete: z.boolean().optional(),
});
export type Recovery = z.infer<typeof RecoverySchema>;
