import { AsyncLocalStorage } from 'node:async_hooks';
import { z } from 'zod';
import { MarginaliaError } from '../../../shared/contract/errors.js';
import { ArticleIdSchema, HighlightSchema, type Highlight } from '../../../shared/model.js';
import { PreferenceFile } from '../preferences/preference-file.js';
import type { Store } from '../store/index.js';
import type { HighlightChange } from '../store/journal.js';

/** The format of `undo.json`. */
export const UNDO_FILE_VERSION = 1;
/** Changes kept to undo (the oldest go first). */
const KEPT = 100;

const ChangeSchema = z.object({ articleId: ArticleIdSchema, before: HighlightSchema.nullable(), after: HighlightSchema.nullable() });
/** One thing the reader did, as they would name it ("Delete highlight"), and everything it changed. */
const StepSchema = z.object({
  label: z.string(),
  at: z.string().datetime(),
  highlights: z.array(ChangeSchema),
  /** Articles moved to the trash. */
  trashed: z.array(ArticleIdSchema),
});
type Step = z.infer<typeof StepSchema>;
type Change = z.infer<typeof ChangeSchema>;

const UndoFileSchema = z.object({ version: z.literal(UNDO_FILE_VERSION), undo: z.array(StepSchema), redo: z.array(StepSchema) });
type UndoFile = z.infer<typeof UndoFileSchema>;

/** What undo and redo can do next, by name. */
export interface UndoState {
  undo: string | null;
  redo: string | null;
}

/** Two highlights are the same when every field is (keys in any order). */
function same(a: Highlight | null, b: Highlight | null): boolean {
  if (a === null || b === null) return a === b;
  const canonical = (h: Highlight) => JSON.stringify(h, Object.keys(h).sort());
  return canonical(a) === canonical(b) && JSON.stringify(a.target) === JSON.stringify(b.target);
}

/**
 * Undo and redo of the reader's annotation changes — create, delete,
 * recolour, note, tags, re-attach, tag rename, merge and removal, article
 * delete — kept in the library (`undo.json`, written before the change is
 * answered) so that they survive a restart. A change is recorded by running
 * it inside `record`: every highlight the store writes meanwhile (in that
 * async context only, so two requests at once are told apart) is kept as it
 * was and as it became. Undo puts each back only where it is still as the
 * change left it: a highlight changed since (by the CLI, another window)
 * refuses the whole undo with a clear message, and nothing is written.
 */
export class UndoLog {
  private readonly file: PreferenceFile<UndoFile>;
  private readonly current = new AsyncLocalStorage<Step>();

  constructor(private readonly store: Store, private readonly now: () => Date) {
    this.file = new PreferenceFile(store, 'undo.json', UndoFileSchema, () => ({ version: UNDO_FILE_VERSION, undo: [], redo: [] }), 'started afresh: earlier changes can no longer be undone');
    store.onHighlightsChanged((articleId, changes) => this.current.getStore()?.highlights.push(...changes.map((c) => ({ articleId, ...c }))));
  }

  /** Runs a change the reader makes, and keeps what it changed to undo it (a change that changed nothing is not kept). */
  async record<T>(label: string, work: () => Promise<T>): Promise<T> {
    const step: Step = { label, at: this.now().toISOString(), highlights: [], trashed: [] };
    const result = await this.current.run(step, work);
    if (step.highlights.length > 0 || step.trashed.length > 0) {
      await this.file.change((log) => ({ ...log, undo: [...log.undo, step].slice(-KEPT), redo: [] }));
      await this.file.flush();
    }
    return result;
  }

  /** Notes an article moved to the trash by the change being recorded. */
  trashed(articleId: string): void {
    this.current.getStore()?.trashed.push(articleId);
  }

  async state(): Promise<UndoState> {
    const { undo, redo } = await this.file.read();
    return { undo: undo.at(-1)?.label ?? null, redo: redo.at(-1)?.label ?? null };
  }

  /** Undoes the last change; answers its name, or null when there is nothing to undo. */
  undo(): Promise<string | null> {
    return this.move('undo');
  }

  /** Does again the last change undone; its name, or null. */
  redo(): Promise<string | null> {
    return this.move('redo');
  }

  private async move(direction: 'undo' | 'redo'): Promise<string | null> {
    const log = await this.file.read();
    const step = log[direction].at(-1);
    if (!step) return null;
    const back = direction === 'undo';
    await this.check(step, back);
    await this.apply(step, back);
    await this.file.change((now) => {
      const from = now[direction].slice(0, -1);
      const to = [...now[back ? 'redo' : 'undo'], step].slice(-KEPT);
      return back ? { ...now, undo: from, redo: to } : { ...now, redo: from, undo: to };
    });
    await this.file.flush();
    return step.label;
  }

  /** Refuses (changing nothing) when anything the step changed was changed since, or its article is gone. */
  private async check(step: Step, back: boolean): Promise<void> {
    const what = back ? 'undone' : 'done again';
    for (const [articleId, changes] of byArticle(step.highlights)) {
      let highlights: readonly Highlight[];
      try {
        highlights = (await this.store.readHighlights(articleId)).highlights;
      } catch {
        throw new MarginaliaError('invalid-request', `“${step.label}” cannot be ${what}: its article is no longer in the library.`);
      }
      const byId = new Map(highlights.map((h) => [h.id, h]));
      for (const change of changes) {
        const id = (change.before ?? change.after)!.id;
        if (!same(byId.get(id) ?? null, back ? change.after : change.before)) {
          throw new MarginaliaError('invalid-request', `“${step.label}” cannot be ${what}: a highlight it changed was changed since (in another window or by the command line). Nothing was changed.`);
        }
      }
    }
  }

  private async apply(step: Step, back: boolean): Promise<void> {
    // Articles come back from the trash before their highlights are put back; they go after.
    if (back) for (const articleId of step.trashed) await this.restore(articleId, step.label);
    for (const [articleId, changes] of byArticle(step.highlights)) {
      await this.store.changeHighlights(articleId, (file) => {
        for (const change of back ? [...changes].reverse() : changes) {
          const to = back ? change.before : change.after;
          const id = (change.before ?? change.after)!.id;
          const at = file.highlights.findIndex((h) => h.id === id);
          if (to === null) {
            if (at >= 0) file.highlights.splice(at, 1);
          } else if (at >= 0) file.highlights[at] = to;
          else file.highlights.push(to);
        }
      });
    }
    if (!back) for (const articleId of step.trashed) await this.store.trashArticle(articleId, this.now());
  }

  /** Brings an article back from the trash; one already back (its notice's Undo, the Trash view) is left as it is. */
  private async restore(articleId: string, label: string): Promise<void> {
    try {
      await this.store.restoreArticle(articleId);
    } catch (error) {
      if (!(error instanceof MarginaliaError) || error.code !== 'not-found') throw error;
      if (!(await this.store.listEntries()).some((e) => e.id === articleId)) {
        throw new MarginaliaError('invalid-request', `“${label}” cannot be undone: the article is no longer in the trash (it was emptied).`);
      }
    }
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

function byArticle(changes: readonly Change[]): Map<string, Change[]> {
  const grouped = new Map<string, Change[]>();
  for (const change of changes) grouped.set(change.articleId, [...(grouped.get(change.articleId) ?? []), change]);
  return grouped;
}

export type { HighlightChange };
