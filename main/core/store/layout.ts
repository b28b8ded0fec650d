import { join } from 'node:path';
import { journalName, type DeviceId } from '../sync/index.js';

/**
 * Where each file of a library lives inside its data folder.
 *
 * The folder may be kept in sync between devices (Syncthing, Dropbox…), which
 * copy whole files and make conflict copies when two devices wrote the same
 * one. So every file is either shared and written in a way any device can
 * redo (an article, the highlights snapshot), or written by one device only:
 * its journal in each article folder (`journal.<device>.jsonl`), and its own
 * folder `devices/<device>/` for what only it uses (its index of the library,
 * its lock, its backups, its temp files, its repairs).
 */
export class Layout {
  constructor(
    readonly dataDir: string,
    readonly device: DeviceId,
  ) {}

  get devicesDir(): string {
    return join(this.dataDir, 'devices');
  }
  /** This device's own folder: never written by another device. */
  get deviceDir(): string {
    return join(this.devicesDir, this.device);
  }
  /** What this device tells the others of itself (its name). */
  get deviceFile(): string {
    return join(this.deviceDir, 'device.json');
  }
  /** This device's index of the library: a cache of the article folders as this device last read them. */
  get index(): string {
    return join(this.deviceDir, 'library.json');
  }
  /** Where versions 1 and 2 kept the index, one for the whole folder. */
  get legacyIndex(): string {
    return join(this.dataDir, 'library.json');
  }
  get articlesDir(): string {
    return join(this.dataDir, 'articles');
  }
  get backupsDir(): string {
    return join(this.deviceDir, 'backups');
  }
  /** Where versions 1 and 2 kept backups. */
  get legacyBackupsDir(): string {
    return join(this.dataDir, 'backups');
  }
  /** Temp files of writes in progress; only ever written under the folder lock, so cleared at open. */
  get tempDir(): string {
    return join(this.deviceDir, '.tmp');
  }
  /** Every repair made to the library, so that the app reports those another process made (see recoveries.ts). */
  get recoveryLog(): string {
    return join(this.deviceDir, 'recoveries.jsonl');
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
  /** This device's journal of changes to an article's highlights. */
  journal(articleId: string): string {
    return join(this.articlesDir, articleId, journalName(this.device));
  }
  /** Version 2's one journal per article, of whole-highlight changes; folded into the snapshot on first write. */
  legacyJournal(articleId: string): string {
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
