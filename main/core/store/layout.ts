import { join } from 'node:path';

/** Where each file of a library lives inside its data folder. */
export class Layout {
  constructor(readonly dataDir: string) {}

  get index(): string {
    return join(this.dataDir, 'library.json');
  }
  get articlesDir(): string {
    return join(this.dataDir, 'articles');
  }
  get backupsDir(): string {
    return join(this.dataDir, 'backups');
  }
  /** Temp files of writes in progress; only ever written under the folder lock, so cleared at open. */
  get tempDir(): string {
    return join(this.dataDir, '.tmp');
  }
  /** Every repair made to the library, so that the app reports those another process made (see recoveries.ts). */
  get recoveryLog(): string {
    return join(this.dataDir, 'recoveries.jsonl');
  }
  get quarantineDir(): string {
    return join(this.dataDir, 'quarantine');
  }
  articleDir(articleId: string): string {
    return join(this.articlesDir, articleId);
  }
  article(articleId: string): string {
    return join(this.articlesDir, articleId, 'article.json');
  }
  /** An earlier version of an article, kept when a re-import replaced it. */
  articleVersion(articleId: string, version: number): string {
    return join(this.articlesDir, articleId, `article.v${version}.json`);
  }
  highlights(articleId: string): string {
    return join(this.articlesDir, articleId, 'highlights.json');
  }
  journal(articleId: string): string {
    return join(this.articlesDir, articleId, 'journal.jsonl');
  }
  /** Version 1 kept a whole article in one file. */
  legacyArticle(articleId: string): string {
    return join(this.articlesDir, `${articleId}.json`);
  }
}

/** Article folders are named by article id. */
export const ARTICLE_DIR_NAME = /^a-[a-z0-9]{8,32}$/;
/** Version 1 article files. */
export const LEGACY_ARTICLE_FILE = /^(a-[a-z0-9]{8,32})\.json$/;
