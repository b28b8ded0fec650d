import { copyFile, mkdir, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { MarginaliaError } from '../../../shared/contract/errors.js';
import type { Backups } from './backups.js';
import { readJournal, type JournalRecord } from './journal.js';
import type { Layout } from './layout.js';
import { jsonFile, quarantine, writeJSON } from './read-file.js';
import { recoveryOf, type Recovery } from './recoveries.js';
import { StoreFileError, storageError } from './store-errors.js';

/** What a repair needs: where the files are, their backups, and the list repairs are reported to. */
export interface RepairContext {
  layout: Layout;
  backups: Backups;
  recoveries: Recovery[];
}

/**
 * Reads a store file. A damaged one is moved to quarantine and replaced by
 * its newest backup that reads well; the repair is recorded in
 * `recoveries`. A file from a newer version is refused and left alone.
 */
export async function readRepairing<T>(
  ctx: RepairContext,
  path: string,
  articleId: string,
  name: 'article' | 'highlights',
  schema: z.ZodType<T>,
): Promise<T | null> {
  const db = jsonFile(path, schema);
  try {
    await db.read();
    return db.data;
  } catch (error) {
    if (!(error instanceof StoreFileError)) throw storageError(error);
    const moved = await quarantine(path, ctx.layout.quarantineDir, `${articleId}-${name}.json`);
    for (const backup of await ctx.backups.generations(articleId, name)) {
      const candidate = jsonFile(backup, schema);
      try {
        await candidate.read();
      } catch {
        continue;
      }
      if (!candidate.data) continue;
      await writeJSON(path, schema, candidate.data, ctx.layout.tempDir).catch((e) => Promise.reject(storageError(e)));
      ctx.recoveries.push(recoveryOf(path, moved, backup, error.reason));
      return candidate.data;
    }
    ctx.recoveries.push(recoveryOf(path, moved, null, error.reason));
    // Without its highlights an article is still worth reading; without its document it is not.
    if (name === 'highlights') return null;
    throw new MarginaliaError(
      'storage',
      `The ${name} file of this article was damaged (${error.reason}) and has no good backup; it was moved to ${moved}.`,
    );
  }
}

/** The journal's changes; a damaged line (not a torn last one) is reported and the journal cut there. */
export async function readJournalRepairing(ctx: RepairContext, articleId: string): Promise<JournalRecord[]> {
  const path = ctx.layout.journal(articleId);
  const read = await readJournal(path).catch((e) => Promise.reject(storageError(e)));
  if (read.damaged) {
    const copy = join(ctx.layout.quarantineDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${articleId}-journal.jsonl`);
    await mkdir(ctx.layout.quarantineDir, { recursive: true });
    await copyFile(path, copy);
    await truncate(path, read.validBytes);
    ctx.recoveries.push(recoveryOf(path, copy, 'kept up to the damaged line', read.damaged));
  }
  return read.records;
}
