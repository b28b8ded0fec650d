import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import { TextIndex } from '../../shared/anchoring/index.js';
import type { Store } from './store/index.js';

/** How many articles' texts (and their indexes) are kept: the ones being read and annotated. */
const TEXTS_KEPT = 8;

interface KeptText {
  contentHash: string;
  text: string;
  index?: TextIndex;
}

/**
 * Article texts, as selectors address them: derived once per version of
 * each article, the most recently used last and at most TEXTS_KEPT of them.
 * An import brings its text (`keep`); it is indexed when first anchored against.
 */
export class RecentTexts {
  private readonly texts = new Map<string, KeptText>();

  constructor(private readonly store: Store) {}

  /** The article's text. */
  async textOf(articleId: string): Promise<string> {
    return (await this.entry(articleId)).text;
  }

  /** The article's text, indexed for anchoring (built once per version). */
  async indexOf(articleId: string): Promise<TextIndex> {
    const entry = await this.entry(articleId);
    entry.index ??= new TextIndex(entry.text);
    return entry.index;
  }

  /** Keeps an article's text as the most recently used; the least recently used beyond TEXTS_KEPT go. */
  keep(articleId: string, entry: KeptText): void {
    this.texts.delete(articleId);
    this.texts.set(articleId, entry);
    for (const [oldest] of this.texts) {
      if (this.texts.size <= TEXTS_KEPT) break;
      this.texts.delete(oldest);
    }
  }

  forget(articleId: string): void {
    this.texts.delete(articleId);
  }

  /** The kept text of the article's current version, derived from its document if not kept. */
  private async entry(articleId: string): Promise<KeptText> {
    const article = await this.store.readArticle(articleId);
    const cached = this.texts.get(articleId);
    const entry = cached?.contentHash === article.contentHash ? cached : { contentHash: article.contentHash, text: articleText(documentFromJSON(article.document)).text };
    this.keep(articleId, entry);
    return entry;
  }
}
