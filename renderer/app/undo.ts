import type { MarginaliaApi } from '../../shared/contract/schemas.js';
import type { Actions } from './actions.js';
import type { Store } from './store.js';

/** Undo and redo from the page: Ctrl/⌘+Z, Ctrl/⌘+Shift+Z (and Ctrl+Y), the Edit menu, the notices' Undo. */
export interface UndoActions {
  undo(): Promise<void>;
  redo(): Promise<void>;
}

/**
 * Undoes or redoes the reader's last change in main (see main's
 * undo-log.ts), then shows the library and the open article as they are
 * now; a refusal (something changed since) is told as a notice.
 */
export function undoActions(
  api: Pick<MarginaliaApi, 'undo' | 'redo' | 'openArticle'>,
  store: Store,
  actions: Pick<Actions, 'refreshLibrary' | 'openFirstArticle'>,
  tell: (level: 'info' | 'error', message: string) => void,
): UndoActions {
  const showNow = async () => {
    await actions.refreshLibrary();
    const open = store.get().article;
    if (!open || !store.get().library.some((a) => a.id === open.id)) {
      await actions.openFirstArticle();
    } else {
      const { highlights } = await api.openArticle({ articleId: open.id });
      if (store.get().article?.id === open.id) store.update({ highlights, editing: null, tagRevision: store.get().tagRevision + 1 });
    }
  };
  const run = async (direction: 'undo' | 'redo') => {
    try {
      const answer = direction === 'undo' ? await api.undo({}) : await api.redo({});
      const name = 'undone' in answer ? answer.undone : answer.redone;
      if (name === null) {
        tell('info', direction === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
        return;
      }
      await showNow();
      tell('info', direction === 'undo' ? `Undid “${name}”.` : `Redid “${name}”.`);
    } catch (error) {
      tell('error', (error as Error).message);
    }
  };
  return { undo: () => run('undo'), redo: () => run('redo') };
}
