import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TextIndex } from '../../../shared/anchoring/index.js';
import type { CodePointOffset } from '../../../shared/offsets.js';
import { readFileIfExists, writeFileDurably } from '../store/index.js';

/** Texts kept parsed in memory: those of the articles the last searches read. */
const TEXTS_KEPT = 16;

/**
 * Plain copies of the article texts (`search/texts/<id>.<hash>.txt`), so
 * that a search reads a passage for its snippet, or checks a phrase, without
 * parsing the article's document: a 3 MB text file reads in a few ms where
 * War and Peace's article.json takes ~100 ms to parse and flatten. A copy
 * is only a cache: made when the article is indexed, remade from the
 * article when missing, and never read for anything but searching.
 */
export class ArticleTexts {
  private readonly kept = new Map<string, TextIndex>();

  constructor(
    private readonly dir: string,
    private readonly fromArticle: (articleId: string) => Promise<string>,
    private readonly tempDir: string,
  ) {}

  /** Keeps the text of an article's current version (`hash`: its contentHash), replacing older copies. */
  async keep(articleId: string, hash: string, text: string): Promise<void> {
    await this.forget(articleId);
    await writeFileDurably(this.path(articleId, hash), text, { tempDir: this.tempDir });
    this.remember(`${articleId}.${hash}`, new TextIndex(text));
  }

  /** Forgets an article's copies (it was deleted, or is about to be replaced). */
  async forget(articleId: string): Promise<void> {
    for (const key of this.kept.keys()) if (key.startsWith(`${articleId}.`)) this.kept.delete(key);
    let names: string[] = [];
    try {
      names = await readdir(this.dir);
    } catch {
      return;
    }
    for (const name of names) if (name.startsWith(`${articleId}.`)) await rm(join(this.dir, name), { force: true });
  }

  /** The article's text between two code-point offsets (clamped). */
  async passage(articleId: string, hash: string, start: CodePointOffset, end: CodePointOffset): Promise<string> {
    const index = await this.indexOf(articleId, hash);
    return index.text.slice(index.toUtf16(start), index.toUtf16(end));
  }

  private async indexOf(articleId: string, hash: string): Promise<TextIndex> {
    const key = `${articleId}.${hash}`;
    const kept = this.kept.get(key);
    if (kept) return this.remember(key, kept);
    const text = await readFileIfExists(this.path(articleId, hash));
    if (text !== null) return this.remember(key, new TextIndex(text));
    const made = await this.fromArticle(articleId);
    await this.keep(articleId, hash, made);
    return this.kept.get(key)!;
  }

  private remember(key: string, index: TextIndex): TextIndex {
    this.kept.delete(key);
    this.kept.set(key, index);
    for (const [oldest] of this.kept) {
      if (this.kept.size <= TEXTS_KEPT) break;
      this.kept.delete(oldest);
    }
    return index;
  }

  private path(articleId: string, hash: string): string {
    return join(this.dir, `${articleId}.${hash.slice(0, 16)}.txt`);
  }
}
