import { filterWords, highlightMatches, isTagUnder, type HighlightFilter } from '../../shared/highlight-filter.js';
import type { Highlight } from '../../shared/model.js';
import { nextTurn } from './in-pieces.js';
import type { IndexEntry, Store } from './store/index.js';

/**
 * "All highlights": every highlight of the library that a filter keeps,
 * grouped by article (the article highlighted most recently first) and in
 * document order within each, served a page at a time. The whole filtered
 * list is made once and kept while the library is unchanged, so scrolling
 * through a hundred thousand highlights reads each article's highlights once.
 */

/** Code points of a quote or note a row carries: enough for the lines a row shows. */
export const ROW_TEXT_CODE_POINTS = 400;

/** One highlight as the view lists it. */
export interface HighlightRow {
  articleId: string;
  articleTitle: string;
  id: string;
  color: Highlight['color'];
  /** The passage, cut after ROW_TEXT_CODE_POINTS (`quoteCut` says so). */
  quote: string;
  quoteCut: boolean;
  /** The note, cut likewise; '' when none. */
  note: string;
  noteCut: boolean;
  tags: string[];
  orphaned: boolean;
  createdAt: string;
  updatedAt: string;
  /** The name of the device that changed it last; absent while only one device has changed the library. */
  changedOn?: string;
}

export interface HighlightPage {
  /** Highlights the filter keeps, in all. */
  total: number;
  /** Articles they are in. */
  articles: number;
  /** Rows from `offset`, at most `limit` of them. */
  rows: HighlightRow[];
}

interface Listed {
  key: string;
  fingerprint: string;
  rows: HighlightRow[];
  articles: number;
}

/** Articles whose highlights are read before the thread is given back. */
const ARTICLES_PER_TURN = 64;

/** Who changed each highlight of an article last, by highlight id (see Store.highlightAuthors). */
type Authors = ReadonlyMap<string, { deviceName: string }>;

export class AllHighlights {
  private listed: Listed | null = null;
  /**
   * The authors of the articles whose rows were shown, each read once and
   * kept until the article changes: a page asks only for its own articles.
   */
  private readonly authors = new Map<string, Promise<Authors>>();
  /** Whether more than one device changed the library, kept until an article changes. */
  private severalDevicesNow: Promise<boolean> | null = null;

  /** `severalDevices` says whether rows should name the device that changed them last. */
  constructor(
    private readonly store: Store,
    private readonly severalDevices: () => Promise<boolean> = async () => false,
  ) {
    store.onEntryChanged((articleId) => {
      this.authors.delete(articleId);
      this.severalDevicesNow = null;
    });
  }

  /** The page of the filtered list from `offset`. */
  async page(filter: HighlightFilter, offset: number, limit: number): Promise<HighlightPage> {
    const { rows, articles } = await this.list(filter);
    return { total: rows.length, articles, rows: await this.withDevices(rows.slice(offset, offset + limit)) };
  }

  /** Forgets the devices' names read so far (this device was renamed). */
  forgetAuthors(): void {
    this.authors.clear();
  }

  /** The rows, each with the device that changed it last when the library has more than one. */
  private async withDevices(rows: HighlightRow[]): Promise<HighlightRow[]> {
    if (rows.length === 0) return rows;
    this.severalDevicesNow ??= this.severalDevices().catch(() => false);
    if (!(await this.severalDevicesNow)) return rows;
    const articleIds = [...new Set(rows.map((row) => row.articleId))];
    const authors = new Map(await Promise.all(articleIds.map(async (id) => [id, await this.authorsOf(id)] as const)));
    return rows.map((row) => {
      const author = authors.get(row.articleId)?.get(row.id);
      return author ? { ...row, changedOn: author.deviceName } : row;
    });
  }

  private authorsOf(articleId: string): Promise<Authors> {
    const known = this.authors.get(articleId);
    if (known) return known;
    const reading: Promise<Authors> = this.store.highlightAuthors(articleId).catch((error: unknown) => {
      // Not kept: the next page asks again (the article may be arriving through sync).
      if (this.authors.get(articleId) === reading) this.authors.delete(articleId);
      console.warn(`[marginalia] all highlights: who changed ${articleId} is not known now:`, (error as Error).message);
      return new Map();
    });
    this.authors.set(articleId, reading);
    return reading;
  }

  /** Every highlight the filter keeps, in the view's order (made again only when the library changed). */
  async list(filter: HighlightFilter): Promise<{ rows: HighlightRow[]; articles: number }> {
    const entries = candidates(await this.store.listEntries(), filter);
    const key = JSON.stringify(filter);
    const fingerprint = JSON.stringify(entries.map((e) => [e.id, e.title, e.stamp]));
    if (this.listed?.key === key && this.listed.fingerprint === fingerprint) return this.listed;
    const words = filterWords(filter);
    const groups: { latest: string; title: string; rows: HighlightRow[] }[] = [];
    for (let i = 0; i < entries.length; i++) {
      if (i > 0 && i % ARTICLES_PER_TURN === 0) await nextTurn();
      const entry = entries[i]!;
      let highlights: readonly Highlight[];
      try {
        highlights = (await this.store.readHighlights(entry.id)).highlights;
      } catch (error) {
        // An article that cannot be read now (deleted meanwhile, damaged) is left out; the library says why.
        console.warn(`[marginalia] all highlights: ${entry.id} left out:`, (error as Error).message);
        continue;
      }
      const kept = highlights.filter((h) => highlightMatches(h, filter, words)).sort(inDocumentOrder);
      if (kept.length === 0) continue;
      const latest = kept.reduce((at, h) => (h.createdAt > at ? h.createdAt : at), '');
      groups.push({ latest, title: entry.title, rows: kept.map((h) => rowOf(entry, h)) });
    }
    groups.sort((a, b) => b.latest.localeCompare(a.latest) || a.title.localeCompare(b.title));
    this.listed = { key, fingerprint, rows: groups.flatMap((g) => g.rows), articles: groups.length };
    return this.listed;
  }
}

/** The articles that may hold highlights the filter keeps (the index entries' counts rule out the rest without reading them). */
function candidates(entries: readonly IndexEntry[], filter: HighlightFilter): IndexEntry[] {
  return entries.filter((e) => {
    if (e.unavailable !== undefined || e.highlightCount === 0) return false;
    if (filter.articleId !== undefined && e.id !== filter.articleId) return false;
    if (filter.tag !== undefined && !Object.keys(e.highlightTags).some((t) => isTagUnder(t, filter.tag!))) return false;
    if (filter.noted && e.notedCount === 0) return false;
    if (filter.orphaned && e.orphanedCount === 0) return false;
    return true;
  });
}

/** Document order: by where the passage starts, then the longer first; an orphan by where it was. */
export const inDocumentOrder = (a: Highlight, b: Highlight): number =>
  a.target.position.start - b.target.position.start || b.target.position.end - a.target.position.end || a.id.localeCompare(b.id);

function cut(text: string): [string, boolean] {
  if (text.length <= ROW_TEXT_CODE_POINTS) return [text, false];
  const points = Array.from(text);
  return points.length <= ROW_TEXT_CODE_POINTS ? [text, false] : [points.slice(0, ROW_TEXT_CODE_POINTS).join(''), true];
}

function rowOf(entry: IndexEntry, h: Highlight): HighlightRow {
  const [quote, quoteCut] = cut(h.target.quote.exact);
  const [note, noteCut] = cut(h.note);
  return {
    articleId: entry.id,
    articleTitle: entry.title,
    id: h.id,
    color: h.color,
    quote,
    quoteCut,
    note,
    noteCut,
    tags: h.tags,
    orphaned: h.orphaned === true,
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
  };
}
