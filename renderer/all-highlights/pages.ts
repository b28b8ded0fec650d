import type { HighlightRow, MarginaliaApi } from '../../shared/contract/schemas.js';
import type { HighlightFilter } from '../../shared/highlight-filter.js';

/** Rows asked for at a time: a few screens of them. */
export const PAGE_ROWS = 200;

/** What a list of highlights knows so far. */
export interface PagesState {
  total: number;
  articles: number;
}

/**
 * The highlights a filter keeps, read from main a page at a time as the
 * list needs them (a library can hold a hundred thousand). `row(slot)` is
 * the row at that place if read, and asks for its page if not; `loaded`
 * hears the places that arrived. An answer to an older filter (or to a
 * list read again since) is dropped.
 */
export class HighlightPages {
  private rows = new Map<number, HighlightRow>();
  private asked = new Set<number>();
  private generation = 0;
  private filter: HighlightFilter = {};
  state: PagesState = { total: 0, articles: 0 };

  constructor(
    private readonly api: Pick<MarginaliaApi, 'listHighlights'>,
    /** Places whose rows arrived (or changed count: `'all'`). */
    private readonly loaded: (slots: number[] | 'all') => void,
    /** A page that could not be read. */
    private readonly failed: (error: unknown) => void,
  ) {}

  /** Reads the list of `filter` from the start (the first page now); rows read before are forgotten once it comes. */
  async reset(filter: HighlightFilter): Promise<PagesState> {
    const generation = ++this.generation;
    this.filter = filter;
    const first = await this.api.listHighlights({ filter, offset: 0, limit: PAGE_ROWS });
    if (generation !== this.generation) return this.state;
    this.rows = new Map(first.rows.map((row, i) => [i, row]));
    this.asked = new Set([0]);
    this.state = { total: first.total, articles: first.articles };
    return this.state;
  }

  row(slot: number): HighlightRow | undefined {
    const row = this.rows.get(slot);
    if (!row) this.ask(Math.floor(slot / PAGE_ROWS));
    return row;
  }

  private ask(page: number): void {
    if (this.asked.has(page)) return;
    this.asked.add(page);
    const generation = this.generation;
    this.api.listHighlights({ filter: this.filter, offset: page * PAGE_ROWS, limit: PAGE_ROWS }).then(
      (answer) => {
        if (generation !== this.generation) return;
        const slots = answer.rows.map((row, i) => {
          this.rows.set(page * PAGE_ROWS + i, row);
          return page * PAGE_ROWS + i;
        });
        if (answer.total !== this.state.total || answer.articles !== this.state.articles) {
          // The library changed between pages: the list is read again (the caller hears 'all' when it has).
          this.state = { total: answer.total, articles: answer.articles };
          void this.reset(this.filter).then(() => this.loaded('all'), this.failed);
          return;
        }
        this.loaded(slots);
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.asked.delete(page);
        this.failed(error);
      },
    );
  }
}
