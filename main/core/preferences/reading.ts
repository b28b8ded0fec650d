import { z } from 'zod';
import { ArticleIdSchema, TextQuoteSelectorSchema, CodePointOffsetSchema } from '../../../shared/model.js';
import type { Store } from '../store/index.js';
import { PreferenceFile } from './preference-file.js';

/** The format of `reading.json`. */
export const READING_FILE_VERSION = 1;

/**
 * Where the reader was in an article: the first passage on screen when they
 * last stopped scrolling, described as a highlight is (its text and where it
 * was), so that it is found again in a new version of the article as a
 * highlight is, not as a pixel offset that any change of font would break.
 */
export const ReadingPlaceSchema = z.object({
  start: CodePointOffsetSchema,
  end: CodePointOffsetSchema,
  quote: TextQuoteSelectorSchema,
  /** How far through the article it is (0–1), for the list and the progress bar before the article is open. */
  progress: z.number().min(0).max(1),
});
export type ReadingPlace = z.infer<typeof ReadingPlaceSchema>;

const ReadingSchema = z.object({
  /** When the reader last opened the article. */
  readAt: z.string().datetime(),
  place: ReadingPlaceSchema.optional(),
});
export type Reading = z.infer<typeof ReadingSchema>;

const ReadingFileSchema = z.object({
  version: z.literal(READING_FILE_VERSION),
  articles: z.record(ArticleIdSchema, ReadingSchema),
});
type ReadingFile = z.infer<typeof ReadingFileSchema>;

/** The articles' reading states kept at most: the least recently read go first. */
const MAX_ARTICLES = 20_000;

/** When each article was last read, and where: `reading.json` at the top of the library. */
export class ReadingLog {
  private readonly file: PreferenceFile<ReadingFile>;

  constructor(store: Store) {
    this.file = new PreferenceFile(store, 'reading.json', ReadingFileSchema, () => ({ version: READING_FILE_VERSION, articles: {} }), 'started afresh: articles open at the top until you read them again');
  }

  async of(articleId: string): Promise<Reading | undefined> {
    const { articles } = await this.file.read();
    return Object.hasOwn(articles, articleId) ? articles[articleId] : undefined;
  }

  /** Every article's reading state, by id. */
  async all(): Promise<ReadonlyMap<string, Reading>> {
    return new Map(Object.entries((await this.file.read()).articles));
  }

  /** Records that an article is being read (now), and where, if known; a place not given keeps the one before. */
  async record(articleId: string, at: Date, place?: ReadingPlace): Promise<Reading> {
    let recorded!: Reading;
    await this.file.change(({ articles }) => {
      const before = Object.hasOwn(articles, articleId) ? articles[articleId] : undefined;
      recorded = { readAt: at.toISOString(), ...((place ?? before?.place) && { place: place ?? before!.place }) };
      const next: Record<string, Reading> = {};
      // The most recently read last, so that the oldest go first when there are too many.
      for (const [id, reading] of Object.entries(articles)) if (id !== articleId) next[id] = reading;
      next[articleId] = recorded;
      const ids = Object.keys(next);
      for (const id of ids.slice(0, Math.max(0, ids.length - MAX_ARTICLES))) delete next[id];
      return { version: READING_FILE_VERSION, articles: next };
    });
    return recorded;
  }

  /** Forgets an article's reading (it was deleted for good). */
  async forget(articleIds: readonly string[]): Promise<void> {
    if (articleIds.length === 0) return;
    const gone = new Set(articleIds);
    await this.file.change(({ articles }) => ({ version: READING_FILE_VERSION, articles: Object.fromEntries(Object.entries(articles).filter(([id]) => !gone.has(id))) }));
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
