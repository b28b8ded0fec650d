import type { TextIndex } from '../../../shared/anchoring/index.js';
import type { ArticleSummary } from '../../../shared/model.js';
import type { Store } from '../store/index.js';
import { sameBook, sameTitle } from './same-book.js';

/** What importing clippings needs of the library: its store, clock, articles and their texts. */
export interface ClippingsLibrary {
  store: Store;
  now(): Date;
  listArticles(): Promise<ArticleSummary[]>;
  textOf(articleId: string): Promise<string>;
  indexOf(articleId: string): Promise<TextIndex>;
  /** Keeps a just-written article's text, so that reading it next does not derive it again. */
  keepText(articleId: string, contentHash: string, text: string): void;
  /** Moves an article to the trash (restorable), as deleting it in the library does. */
  trash(articleId: string): Promise<unknown>;
}

/**
 * The library's article of a book (imported from a file or an address, not
 * a quotes-only one), most recently imported first. Its authors are its
 * byline, or, without one, the creators its file named (an EPUB's).
 */
export async function findBookArticle(
  library: ClippingsLibrary,
  articles: readonly ArticleSummary[],
  book: { title: string; creators: readonly string[] },
): Promise<ArticleSummary | undefined> {
  for (const article of articles) {
    if (article.source.kind !== 'file' && article.source.kind !== 'address') continue;
    if (!sameTitle(book.title, article.title)) continue;
    const authors = article.byline ? [article.byline] : ((await library.store.readArticle(article.id)).metadata?.creators ?? []);
    if (sameBook(book, { title: article.title, authors })) return article;
  }
  return undefined;
}
