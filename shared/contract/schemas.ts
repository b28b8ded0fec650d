import { z } from 'zod';
import {
  ArticleIdSchema,
  ArticleSummarySchema,
  ArticleWithHighlightsSchema,
  CodePointOffsetSchema,
  ColorSchema,
  HighlightIdSchema,
  HighlightSchema,
  MAX_ADDRESS_CHARS,
  NoteSchema,
  RecoverySchema,
  TagSchema,
} from '../model.js';
import type { OperationName } from './operations.js';
import { HighlightFilterSchema } from '../highlight-filter.js';
import { HighlightPageSchema, SearchAnswerSchema, TagsOfHighlightsSchema, UndoStateSchema } from './answers.js';
import { ChangesSchema, DeviceNameSchema, DeviceSchema, DevicesSchema } from './devices.js';

export { SearchAnswerSchema, type HighlightRow, type Snippet } from './answers.js';
export { type DeviceInfo, type SeenDeviceInfo } from './devices.js';
export { MAX_DEVICE_NAME_CHARS } from './limits.js';
import { ReaderSettingsSchema } from '../settings-schema.js';

import { externalLinkProblem } from './external-link.js';
import { BASE64_PIECE_CHARS, base64PiecesProblem, fileNameProblem } from './import-request.js';
import { importAddressProblem } from './import-address.js';
import { MAX_IMPORT_BYTES } from './limits.js';

export { MAX_IMPORT_BYTES } from './limits.js';

const Empty = z.object({}).strict();

/** A zod check from a pure function that says what is wrong with a value (its message), or null. */
const problemCheck =
  (problemOf: (value: string) => string | null) =>
  (value: string, context: z.RefinementCtx<string>): void => {
    const problem = problemOf(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  };

/** The end of a selected passage, in code points: after its start, so never 0. */
const PassageEndSchema = z.number().int().positive().brand<'CodePointOffset', 'inout'>();

/** The layouts a folder export can use (see docs/templates.md). */
export const ExportPresetSchema = z.enum(['plain', 'obsidian', 'logseq']);
export type ExportPreset = z.infer<typeof ExportPresetSchema>;

/** Which articles an export writes: some, those with a tag (only its highlights elsewhere), all, or the highlights a filter keeps (see highlight-filter.ts). */
export const ExportSelectionSchema = z.union([
  z.object({ articleIds: z.array(ArticleIdSchema).min(1).max(100_000) }).strict(),
  z.object({ tag: TagSchema }).strict(),
  z.object({ all: z.literal(true) }).strict(),
  z.object({ highlights: HighlightFilterSchema }).strict(),
]);
export type ExportSelection = z.infer<typeof ExportSelectionSchema>;

/** An address the reader may open outside the app: http(s) or mailto, well formed (see external-link.ts). */
export const ExternalUrlSchema = z.string().superRefine(problemCheck(externalLinkProblem));

/** What an import did: the article, warnings for the reader, and for a re-import its new version. */
export const ImportResponseSchema = z.object({
  summary: ArticleSummarySchema,
  warnings: z.array(z.string()),
  newVersion: z
    .object({
      version: z.number().int().positive(),
      anchored: z.number().int().nonnegative(),
      orphaned: z.number().int().nonnegative(),
      unchanged: z.boolean(),
    })
    .optional(),
  /** Set when the file was another app's highlights (a Kindle's `My Clippings.txt`): what became of them. */
  clippings: z
    .object({
      /** Books named in the file. */
      books: z.number().int().nonnegative(),
      /** Highlights and notes read (bookmarks are skipped and counted in `skipped`). */
      entries: z.number().int().nonnegative(),
      skipped: z.number().int().nonnegative(),
      /** Highlights added, and how many re-highlights of one passage were folded into them. */
      added: z.number().int().nonnegative(),
      folded: z.number().int().nonnegative(),
      /** Already in the library from an earlier import of clippings: not added again. */
      alreadyImported: z.number().int().nonnegative(),
      /** Added onto a book the library holds, and added to a quotes-only article of their own. */
      onBooks: z.number().int().nonnegative(),
      quotesOnly: z.number().int().nonnegative(),
      /** On a book the library holds but not found in its text: kept, orphaned. */
      orphaned: z.number().int().nonnegative(),
    })
    .optional(),
});
export type ImportResponse = z.infer<typeof ImportResponseSchema>;

/** Characters, and pieces, of base64 in the largest file the importer accepts (MAX_IMPORT_BYTES). */
const MAX_BASE64_CHARS = Math.ceil(MAX_IMPORT_BYTES / 3) * 4;
const MAX_BASE64_PIECES = Math.ceil(MAX_BASE64_CHARS / BASE64_PIECE_CHARS);
const TOO_LARGE = `the file is larger than the ${MAX_IMPORT_BYTES / 1024 / 1024} MB import limit`;

/**
 * An importFile request checked for everything but the base64 of its
 * pieces, which a host checks a piece at a time
 * (base64PiecesProblemInPieces) so that the 65 MB of a 49 MB file never
 * hold its thread; `contract.importFile.request` is this and that check in
 * one go.
 */
export const ImportFileFieldsSchema = z
  .object({
    fileName: z.string().max(1024).superRefine(problemCheck(fileNameProblem)),
    /** The file's bytes as toBase64Pieces sends them: at most MAX_IMPORT_BYTES. */
    dataBase64: z
      .array(z.string().max(BASE64_PIECE_CHARS, `a piece is longer than ${BASE64_PIECE_CHARS} characters (BASE64_PIECE_CHARS)`))
      .max(MAX_BASE64_PIECES, TOO_LARGE)
      .refine((pieces) => pieces.reduce((chars, piece) => chars + piece.length, 0) <= MAX_BASE64_CHARS, TOO_LARGE),
  })
  .strict();

/**
 * The contract: for each operation, the request it accepts and the response
 * it returns. Main validates every request with these schemas; the renderer
 * gets the types.
 */
export const contract = {
  /** Which host serves the renderer, and where the data lives. */
  getAppInfo: {
    request: Empty,
    response: z.object({ host: z.enum(['electron', 'browser']), version: z.string(), dataDir: z.string() }),
  },
  /** All articles, newest first, with their highlight counts. */
  listArticles: { request: Empty, response: z.array(ArticleSummarySchema) },
  /** One article with its highlights. */
  getArticle: { request: z.object({ articleId: ArticleIdSchema }).strict(), response: ArticleWithHighlightsSchema },
  /** An article to read: with its highlights and where the reader last was in it (found in this version), if anywhere. */
  openArticle: {
    request: z.object({ articleId: ArticleIdSchema }).strict(),
    response: ArticleWithHighlightsSchema.extend({ place: z.object({ start: CodePointOffsetSchema, end: CodePointOffsetSchema }).optional() }),
  },
  /** Undoes the reader's last change (refused when what it changed was changed since); what it was, and what undo and redo would do next. */
  undo: { request: Empty, response: UndoStateSchema.extend({ undone: z.string().nullable() }) },
  /** Does again the last change undone. */
  redo: { request: Empty, response: UndoStateSchema.extend({ redone: z.string().nullable() }) },
  /** What undo and redo would do next, by name (null: nothing). */
  undoState: { request: Empty, response: UndoStateSchema },
  /** How the reader wants the page: text size, line width, typeface, line height, theme. */
  getSettings: { request: Empty, response: ReaderSettingsSchema },
  /** Changes some settings; answers them all. */
  saveSettings: { request: ReaderSettingsSchema.partial().strict(), response: ReaderSettingsSchema },
  /** Records that the reader is reading an article now, and where: the first passage on screen (code points of its text). */
  saveReading: {
    request: z
      .object({ articleId: ArticleIdSchema, place: z.object({ start: CodePointOffsetSchema, end: PassageEndSchema }).strict().refine((p) => p.end > p.start, 'end must be after start').optional() })
      .strict(),
    response: z.object({ readAt: z.string().datetime() }),
  },
  /** Imports a file's bytes as a new article, or as a new version of the article from the same source. */
  importFile: {
    // canonical base64 pieces, checked after the other fields (the same order as a check of its own on the field)
    request: ImportFileFieldsSchema.superRefine(({ dataBase64 }, context) => {
      const problem = base64PiecesProblem(dataBase64);
      if (problem) context.addIssue({ code: 'custom', path: ['dataBase64'], message: problem });
    }),
    response: ImportResponseSchema,
  },
  /**
   * Fetches the page at a web address (http(s), no credentials) and imports
   * it as importFile would; the address is the article's source, so the same
   * address again makes a new version. `redirects`: each address a redirect
   * led to, in order (empty when there was none).
   */
  importAddress: {
    request: z
      .object({ url: z.string().max(MAX_ADDRESS_CHARS, `the address is longer than ${MAX_ADDRESS_CHARS} characters`).superRefine(problemCheck(importAddressProblem)) })
      .strict(),
    response: ImportResponseSchema.extend({ redirects: z.array(z.string()) }),
  },
  /**
   * Highlights [start, end) of the article text, in code points. The reader
   * may choose the new highlight's id (so it can show the highlight while it
   * is saved); the same request again returns the same highlight.
   */
  createHighlight: {
    request: z
      .object({
        articleId: ArticleIdSchema,
        id: HighlightIdSchema.optional(),
        start: CodePointOffsetSchema,
        end: PassageEndSchema,
        color: ColorSchema,
        note: NoteSchema.optional(),
        tags: z.array(TagSchema).max(100).optional(),
      })
      .strict()
      .refine((r) => r.end > r.start, 'end must be after start'),
    response: HighlightSchema,
  },
  /** Changes a highlight's colour, note or tags. */
  updateHighlight: {
    request: z
      .object({
        articleId: ArticleIdSchema,
        highlightId: HighlightIdSchema,
        color: ColorSchema.optional(),
        note: NoteSchema.optional(),
        tags: z.array(TagSchema).max(100).optional(),
      })
      .strict(),
    response: HighlightSchema,
  },
  /** Puts an orphaned (or any) highlight on the passage [start, end) (code points), keeping its note, tags and colour. */
  reattachHighlight: {
    request: z
      .object({
        articleId: ArticleIdSchema,
        highlightId: HighlightIdSchema,
        start: CodePointOffsetSchema,
        end: PassageEndSchema,
      })
      .strict()
      .refine((r) => r.end > r.start, 'end must be after start'),
    response: HighlightSchema,
  },
  deleteHighlight: {
    request: z.object({ articleId: ArticleIdSchema, highlightId: HighlightIdSchema }).strict(),
    response: z.object({ deleted: z.literal(true) }),
  },
  /** Gives an article the reader's own title (kept by later versions of it). */
  renameArticle: {
    request: z.object({ articleId: ArticleIdSchema, title: z.string().min(1).max(1000) }).strict(),
    response: ArticleSummarySchema,
  },
  /** Moves an article, with its highlights, to the trash (restorable until the trash is emptied). */
  deleteArticle: {
    request: z.object({ articleId: ArticleIdSchema }).strict(),
    response: z.object({ trashed: z.literal(true) }),
  },
  /** The articles in the trash, most recently deleted first. */
  listTrash: {
    request: Empty,
    response: z.array(ArticleSummarySchema.extend({ trashedAt: z.string().datetime().optional() })),
  },
  /** Brings an article back from the trash, as it was. */
  restoreArticle: {
    request: z.object({ articleId: ArticleIdSchema }).strict(),
    response: ArticleSummarySchema,
  },
  /** Removes the articles in the trash for good. */
  emptyTrash: {
    request: Empty,
    response: z.object({ removed: z.number().int().nonnegative() }),
  },
  /**
   * Searches the whole library: titles, authors, sites, full texts, quotes,
   * notes and tags; prefix and typo-tolerant, "phrases", and the filters
   * tag:, color:, author:, has:note (see main/core/search/query.ts).
   */
  search: {
    request: z.object({ query: z.string().max(1000), limit: z.number().int().min(1).max(500).optional() }).strict(),
    response: SearchAnswerSchema,
  },
  /** A page of every highlight the filter keeps, by article (most recently highlighted first), in document order within each. */
  listHighlights: {
    request: z
      .object({ filter: HighlightFilterSchema, offset: z.number().int().nonnegative().max(10_000_000), limit: z.number().int().min(1).max(500) })
      .strict(),
    response: HighlightPageSchema,
  },
  /** Every tag in use, for autocomplete, most used first. */
  listTags: { request: Empty, response: z.array(TagSchema) },
  /** Every tag on a highlight, with how many highlights and articles carry it, most used first. */
  listTagCounts: {
    request: Empty,
    response: z.array(z.object({ tag: TagSchema, highlights: z.number().int().positive(), articles: z.number().int().positive() })),
  },
  /**
   * Renames a tag, and the tags nested under it (`a/…`), on every highlight;
   * onto a tag already in use, the two become one (`merged`).
   */
  renameTag: {
    request: z.object({ from: TagSchema, to: TagSchema }).strict(),
    response: z.object({ highlights: z.number().int().nonnegative(), articles: z.number().int().nonnegative(), merged: z.boolean() }),
  },
  /** Removes a tag, and the tags nested under it, from every highlight; the answer is what restoreTags takes to undo it. */
  removeTag: {
    request: z.object({ tag: TagSchema }).strict(),
    response: z.object({ tag: TagSchema, removedFrom: z.array(TagsOfHighlightsSchema) }),
  },
  /** Puts tags back on highlights (the undo of removeTag); highlights deleted since are skipped. */
  restoreTags: {
    request: z.object({ restore: z.array(TagsOfHighlightsSchema).max(100_000) }).strict(),
    response: z.object({ highlights: z.number().int().nonnegative() }),
  },
  /** The article's highlights and notes as Markdown. */
  exportMarkdown: {
    request: z.object({ articleId: ArticleIdSchema }).strict(),
    response: z.object({ fileName: z.string(), markdown: z.string() }),
  },
  /** Asks where to save the Markdown export and writes it. */
  saveMarkdownExport: {
    request: z.object({ articleId: ArticleIdSchema }).strict(),
    response: z.union([
      z.object({ status: z.literal('saved'), path: z.string() }),
      z.object({ status: z.literal('cancelled') }),
    ]),
  },
  /**
   * Exports articles into a folder (an Obsidian vault, a Logseq graph…), one
   * file per article, kept in sync: a second export updates each file in
   * place, keeping what the reader wrote there. The host asks for the folder.
   */
  exportToFolder: {
    request: z.object({ selection: ExportSelectionSchema, preset: ExportPresetSchema }).strict(),
    response: z.union([
      z.object({
        status: z.literal('exported'),
        folder: z.string(),
        created: z.number().int().nonnegative(),
        updated: z.number().int().nonnegative(),
        unchanged: z.number().int().nonnegative(),
        conflicts: z.number().int().nonnegative(),
        warnings: z.array(z.string()),
      }),
      z.object({ status: z.literal('cancelled') }),
    ]),
  },
  /** One highlight as a Markdown quote with a link back to the article, for the clipboard. */
  quoteForClipboard: {
    request: z.object({ articleId: ArticleIdSchema, highlightId: HighlightIdSchema }).strict(),
    response: z.object({ markdown: z.string() }),
  },
  /**
   * Opens a link of the article in the system browser, after the reader said
   * yes. Only http(s) and mailto addresses; `opened: false` means the host has
   * no system browser to hand it to (browser mode: the page opens it itself).
   */
  openLink: {
    request: z.object({ url: ExternalUrlSchema }).strict(),
    response: z.object({ opened: z.boolean() }),
  },
  /**
   * Damaged library files repaired, for the reader to be told: since the app
   * started, and by other processes (the CLI) or earlier runs not yet told.
   * `quarantinedTo` is empty when the file was missing; `complete` says
   * whether the repair lost nothing acknowledged (absent: not known).
   */
  listRecoveries: {
    request: Empty,
    response: z.array(RecoverySchema),
  },
  /**
   * Waits for changes another device (through a sync engine) or process
   * (the CLI) makes to the library: answers as soon as articles changed after
   * `since` (the `version` of an earlier answer), or after about 25 s with
   * none. Without `since`, answers at once with the version to ask from.
   * The page asks again after each answer (a long poll, alike over IPC and HTTP).
   */
  waitForChanges: {
    request: z.object({ since: z.number().int().nonnegative().optional() }).strict(),
    response: ChangesSchema,
  },
  /** This device (name, id) and every device that changed this library, this one first, with when each last opened it. */
  devices: { request: Empty, response: DevicesSchema },
  /** Renames this device: the name the other devices show on its changes. */
  renameDevice: { request: z.object({ name: DeviceNameSchema }).strict(), response: DeviceSchema },
} satisfies Record<OperationName, { request: z.ZodType; response: z.ZodType }>;

export type Contract = typeof contract;
export type Request<Op extends OperationName> = z.input<Contract[Op]['request']>;
export type Response<Op extends OperationName> = z.output<Contract[Op]['response']>;

/** What the renderer sees: one async function per operation, plus events. */
export type MarginaliaApi = {
  [Op in OperationName]: (request: Request<Op>) => Promise<Response<Op>>;
} & {
  /** Subscribes to main → renderer events; returns the function that unsubscribes. */
  onEvent(listener: (event: AppEvent) => void): () => void;
};

/** Events main sends to the renderer. */
export const AppEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('library-changed'), openArticleId: ArticleIdSchema.optional() }),
  z.object({ type: z.literal('command'), command: z.enum(['export-markdown', 'export-folder', 'import', 'import-address', 'find-in-article', 'search-library', 'all-highlights', 'settings', 'text-bigger', 'text-smaller', 'text-reset', 'undo', 'redo']) }),
  z.object({ type: z.literal('notice'), level: z.enum(['info', 'error']), message: z.string() }),
]);
export type AppEvent = z.infer<typeof AppEventSchema>;
