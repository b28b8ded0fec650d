import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { MarginaliaError } from '../../../shared/contract/errors.js';
import type { Article } from '../../../shared/model.js';
import type { Backups } from './backups.js';
import { syncDirectory, writeFileDurably } from './durable-file.js';
import { ArticleFileSchema } from './files.js';
import { describeDamage, readRecordJournal } from './journal.js';
import type { SyncRecord } from '../sync/index.js';
import type { Layout } from './layout.js';
import { jsonFile, quarantine, writeJSON } from './read-file.js';
import { recoveryOf, type RecoveryLog } from './recoveries.js';
import { ArticleUnavailableError, FutureVersionError, StoreFileError, storageError } from './store-errors.js';

/** What a repair needs: where the files are, their backups, the log repairs go to, and the folder lock. */
export interface RepairContext {
  layout: Layout;
  backups: Backups;
  log: RecoveryLog;
  /** Runs `repair` holding the folder lock (at once when the caller already holds it). */
  underLock<T>(repair: () => Promise<T>): Promise<T>;
}

/** A store file as read: good, absent, or damaged. A file from a newer version throws FutureVersionError. */
export type FileRead<T> = { status: 'ok'; data: T } | { status: 'missing' } | { status: 'damaged'; error: StoreFileError };

/** Reads and validates one store file without repairing anything. */
export async function readStoreFile<T>(path: string, schema: z.ZodType<T>): Promise<FileRead<T>> {
  const db = jsonFile(path, schema);
  try {
    await db.read();
  } catch (error) {
    if (error instanceof StoreFileError) return { status: 'damaged', error };
    if (error instanceof FutureVersionError) throw error;
    throw storageError(error);
  }
  return db.data === null ? { status: 'missing' } : { status: 'ok', data: db.data };
}

/**
 * An article's `article.json`. A damaged or missing one is replaced by its
 * newest good copy (the backups, then the earlier versions beside it), the
 * damaged file moved to quarantine; the repair is logged. Throws
 * ArticleUnavailableError when there is no good copy, or the file is from a
 * newer Marginalia (left as it is), and not-found when there is no such
 * article (an import cut short leaves only an empty folder, which goes).
 */
export async function readArticleRepairing(ctx: RepairContext, articleId: string): Promise<Article> {
  const path = ctx.layout.article(articleId);
  const first = await readArticleFile(path, articleId);
  if (first.status === 'ok') return first.data.article;
  if (!existsSync(ctx.layout.articleDir(articleId))) throw new MarginaliaError('not-found', `No article with id ${articleId}.`);
  return ctx.underLock(async () => {
    const read = await readArticleFile(path, articleId); // another writer may have repaired it meanwhile
    if (read.status === 'ok') return read.data.article;
    if (!existsSync(ctx.layout.articleDir(articleId))) throw new MarginaliaError('not-found', `No article with id ${articleId}.`);
    if (read.status === 'missing' && (await isImportCutShort(ctx, articleId))) {
      await rm(ctx.layout.articleDir(articleId), { recursive: true, force: true });
      await syncDirectory(ctx.layout.articlesDir);
      throw new MarginaliaError('not-found', `No article with id ${articleId}.`);
    }
    if (read.status === 'missing' && !existsSync(join(ctx.backups.dir, articleId))) {
      // Never on this device: another device's article whose article.json the sync engine has not brought yet.
      throw new MarginaliaError('not-found', `No article with id ${articleId} yet.`);
    }
    const moved = read.status === 'damaged' ? await quarantine(path, ctx.layout.quarantineDir, `${articleId}-article.json`) : '';
    const reason = read.status === 'damaged' ? read.error.reason : 'is missing';
    for (const candidate of await articleCopies(ctx, articleId)) {
      const copy = await readArticleFile(candidate, articleId).catch(() => null);
      if (copy?.status !== 'ok' || copy.data.article.id !== articleId) continue;
      await writeJSON(path, ArticleFileSchema, copy.data, ctx.layout.tempDir).catch((e) => Promise.reject(storageError(e)));
      await ctx.log.record(recoveryOf(path, moved, candidate, reason));
      return copy.data.article;
    }
    await ctx.log.record(recoveryOf(path, moved, null, reason, false));
    throw new ArticleUnavailableError(
      articleId,
      read.status === 'damaged'
        ? `its article.json was damaged (${reason}) and has no good backup; it was moved to ${moved}`
        : 'its article.json is missing and has no good backup',
    );
  });
}

/** Reads an `article.json`; one from a newer Marginalia makes its article unavailable. */
async function readArticleFile(path: string, articleId: string) {
  try {
    return await readStoreFile(path, ArticleFileSchema);
  } catch (error) {
    if (error instanceof FutureVersionError) {
      throw new ArticleUnavailableError(articleId, `its article.json was written by a newer Marginalia (format version ${error.version}); update the app to open it`);
    }
    throw error;
  }
}

/** Good copies of an article to restore from, best first: its backups (newest first), then its earlier versions. */
async function articleCopies(ctx: RepairContext, articleId: string): Promise<string[]> {
  const backups = (await ctx.backups.generations(articleId, 'article')).map((b) => b.path);
  const versions: string[] = [];
  for (let v = 1; v <= 1000 && existsSync(ctx.layout.articleVersion(articleId, v)); v++) versions.unshift(ctx.layout.articleVersion(articleId, v));
  return [...backups, ...versions];
}

/**
 * An import this device's crash cut short: no article, no backup here, and
 * nothing else in the folder but the empty snapshot this device writes first.
 * A folder with anything more in it (another device's journal, files still
 * arriving) is another device's article on its way: it waits, and is never
 * removed (a sync engine would carry the removal to the device that has it).
 */
async function isImportCutShort(ctx: RepairContext, articleId: string): Promise<boolean> {
  if (existsSync(join(ctx.backups.dir, articleId))) return false;
  const names = await readdir(ctx.layout.articleDir(articleId)).catch(() => [] as string[]);
  if (names.some((name) => name !== 'highlights.json')) return false;
  if (names.length === 0) return true;
  try {
    const snapshot = JSON.parse(await readFile(ctx.layout.highlights(articleId), 'utf8')) as { generation?: unknown; records?: unknown[]; highlights?: unknown[] };
    return snapshot.generation === 0 && (snapshot.records ?? []).length === 0 && (snapshot.highlights ?? []).length === 0;
  } catch {
    return false;
  }
}

/**
 * The journal's changes. A damaged line (complete, but failing its checksum
 * or schema) is moved to quarantine and the journal rewritten with every
 * other good line, so each damage is reported once; the repair is logged.
 */
export async function readJournalRepairing(ctx: RepairContext, articleId: string): Promise<SyncRecord[]> {
  const path = ctx.layout.journal(articleId);
  const first = await readRecordJournal(path).catch((e) => Promise.reject(storageError(e)));
  if (first.damaged.length === 0) return first.records;
  return ctx.underLock(async () => {
    const read = await readRecordJournal(path).catch((e) => Promise.reject(storageError(e)));
    if (read.damaged.length === 0) return read.records;
    const { tempDir, quarantineDir } = ctx.layout;
    const copy = join(quarantineDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${articleId}-journal-damaged-lines.jsonl`);
    try {
      await writeFileDurably(copy, read.damaged.map((d) => `${d.text}\n`).join(''), { tempDir });
      // The torn tail of a write cut short goes too: it was never acknowledged.
      await writeFileDurably(path, read.goodLines.join(''), { tempDir, folderExists: true });
    } catch (error) {
      throw storageError(error);
    }
    const kept = read.damaged.length === 1 ? 'kept up to the damaged line, and every good line after it' : 'kept every line but the damaged ones';
    await ctx.log.record(recoveryOf(path, copy, kept, describeDamage(read.damaged), false));
    return read.records;
  });
}
