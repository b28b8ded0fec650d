import type { TextIndex } from '../../../shared/anchoring/index.js';
import { MarginaliaError } from '../../../shared/contract/errors.js';
import type { ImportResponse } from '../../../shared/contract/schemas.js';
import { ArticleSchema, type Article, type ArticleSummary, type Highlight } from '../../../shared/model.js';
import { newArticleId } from '../ids.js';
import { decodeText } from '../import/decode.js';
import { changeOnBook, type BookChange, type BookClippings } from './book-plan.js';
import { readClippings, type Clipping } from './entries.js';
import { foldBook } from './fold.js';
import { changeQuotesOnly, type QuotesChange } from './quotes-plan.js';
import { bookKey, sameBook } from './same-book.js';
import { findBookArticle, type ClippingsLibrary } from './library-side.js';

/** What importing a clippings file did, as the import answer carries it. */
export type ClippingsReport = NonNullable<ImportResponse['clippings']>;

/** Warnings listed one by one before the rest are counted. */
const WARNINGS_LISTED = 10;

/** One book's part of an import: the article it goes to and what changes there. */
type Plan =
  | { kind: 'book'; clippings: BookClippings; articleId: string; index: TextIndex; current: readonly Highlight[]; change: BookChange }
  | { kind: 'quotes'; clippings: BookClippings; article: Article; existing: boolean; current: readonly Highlight[]; change: QuotesChange };

/**
 * Imports a Kindle's `My Clippings.txt`: every book in it, each onto the
 * article of that book when the library holds it (see changeOnBook), else
 * into a quotes-only article for it (see changeQuotesOnly). Every book is
 * read and planned before anything is written, so a file that cannot be
 * read changes nothing; importing the same file again adds nothing.
 */
export async function importClippings(library: ClippingsLibrary, fileName: string, bytes: Uint8Array) {
  const decoded = decodeText(bytes, fileName);
  const read = readClippings(decoded.text);
  if (read.clippings.length === 0) {
    const why = read.warnings[0] ? ` ${read.warnings[0]}` : '';
    throw new MarginaliaError('unsupported-file', `${fileName} looks like a Kindle's My Clippings.txt, but none of its entries could be read.${why}`);
  }
  const at = library.now().toISOString();
  const articles = (await library.listArticles()).filter((a) => a.unavailable === undefined);
  const plans: Plan[] = [];
  for (const clippings of booksOf(read.clippings)) plans.push(await planBook(library, articles, clippings, fileName, at));
  for (const plan of plans) await write(library, plan, at);

  const report: ClippingsReport = {
    books: plans.length,
    entries: read.clippings.filter((c) => c.kind !== 'bookmark').length,
    skipped: read.unreadable + plans.reduce((n, p) => n + p.clippings.bookmarks, 0),
    added: sum(plans, (p) => p.change.added),
    folded: sum(plans, (p) => p.clippings.folded + p.change.lengthened),
    alreadyImported: sum(plans, (p) => p.change.alreadyImported),
    onBooks: sum(plans, (p) => (p.kind === 'book' ? p.change.added : 0)),
    quotesOnly: sum(plans, (p) => (p.kind === 'quotes' ? p.change.added : 0)),
    orphaned: sum(plans, (p) => p.change.orphaned),
  };
  // The article to show: the one this import added most to, else the largest book's.
  const shown = [...plans].sort((a, b) => b.change.added - a.change.added || b.clippings.passages.length - a.clippings.passages.length)[0]!;
  const shownId = shown.kind === 'book' ? shown.articleId : shown.article.id;
  const summary: ArticleSummary = (await library.listArticles()).find((a) => a.id === shownId)!;
  const warnings = [...decoded.warnings, ...read.warnings.slice(0, WARNINGS_LISTED)];
  if (read.warnings.length > WARNINGS_LISTED) warnings.push(`… and ${read.warnings.length - WARNINGS_LISTED} more entries were skipped.`);
  return { summary, warnings, clippings: report };
}

/** The file's clippings by book, in the order books first appear, each folded (see foldBook). */
function booksOf(clippings: readonly Clipping[]): BookClippings[] {
  const byBook = new Map<string, Clipping[]>();
  for (const clipping of clippings) {
    const key = bookKey(clipping.book);
    const list = byBook.get(key) ?? [];
    if (list.length === 0) byBook.set(key, list);
    list.push(clipping);
  }
  return [...byBook.values()].map((list) => {
    const { passages, folded } = foldBook(list.filter((c) => c.kind !== 'bookmark'));
    return { book: list[0]!.book, passages, folded, bookmarks: list.filter((c) => c.kind === 'bookmark').length };
  });
}

async function planBook(library: ClippingsLibrary, articles: readonly ArticleSummary[], clippings: BookClippings, fileName: string, at: string): Promise<Plan> {
  const onBook = await findBookArticle(library, articles, clippings.book);
  if (onBook) {
    const current = (await library.store.readHighlights(onBook.id)).highlights;
    const index = await library.indexOf(onBook.id);
    const change = changeOnBook(clippings, onBook.id, current, index, at);
    return { kind: 'book', clippings, articleId: onBook.id, index, current, change };
  }
  const quotes = articles.find((a) => a.source.kind === 'clippings' && sameBook(clippings.book, { title: a.title, authors: a.byline ? [a.byline] : [] }));
  if (quotes) {
    const article = await library.store.readArticle(quotes.id);
    const current = (await library.store.readHighlights(quotes.id)).highlights;
    const change = changeQuotesOnly(clippings, clippings.book.title, quotes.id, current, await library.textOf(quotes.id), at);
    const next = { ...article, document: change.document.document, contentHash: change.document.contentHash, version: (article.version ?? 1) + 1 };
    return { kind: 'quotes', clippings, article: ArticleSchema.parse(next), existing: true, current, change };
  }
  const id = newArticleId();
  const change = changeQuotesOnly(clippings, clippings.book.title, id, [], '', at);
  const { creators, author } = clippings.book;
  const article: Article = ArticleSchema.parse({
    id,
    title: change.document.document.content![0]!.content![0]!.text!,
    source: { kind: 'clippings', name: fileName },
    ...(author && { metadata: { byline: creators.join(', '), creators } }),
    importedAt: at,
    contentHash: change.document.contentHash,
    tags: [],
    document: change.document.document,
  });
  return { kind: 'quotes', clippings, article, existing: false, current: [], change };
}

/**
 * Writes one book's plan: one write of its highlights (and of its quotes-only
 * article). Should the highlights have changed since they were read (the
 * reader working meanwhile), the change is worked out again from them.
 */
async function write(library: ClippingsLibrary, plan: Plan, at: string): Promise<void> {
  if (!plan.change.changed) return;
  const { store } = library;
  if (plan.kind === 'book') {
    await store.changeHighlights(plan.articleId, (file) => {
      if (!sameHighlights(file.highlights, plan.current)) plan.change = changeOnBook(plan.clippings, plan.articleId, file.highlights, plan.index, at);
      file.highlights = plan.change.highlights;
    });
    return;
  }
  const { article, change } = plan;
  if (plan.existing) {
    await store.replaceArticle(article, (file) => {
      if (!sameHighlights(file.highlights, plan.current)) throw new MarginaliaError('invalid-request', `"${article.title}" changed while its clippings were imported; import the file again.`);
      file.highlights = change.highlights;
    });
  } else {
    await store.addArticle(article);
    await store.changeHighlights(article.id, (file) => {
      file.highlights = change.highlights;
    });
  }
  library.keepText(article.id, article.contentHash, change.document.text);
}

const sameHighlights = (a: readonly Highlight[], b: readonly Highlight[]) => a.length === b.length && a.every((h, i) => h.id === b[i]!.id && h.updatedAt === b[i]!.updatedAt);
const sum = (plans: readonly Plan[], count: (plan: Plan) => number) => plans.reduce((n, p) => n + count(p), 0);
