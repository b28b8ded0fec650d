import type { MarginaliaApi } from '../../shared/contract/schemas.js';
import type { Actions } from './actions.js';
import { withOutsideChanges } from './outside-highlights.js';
import type { Store } from './store.js';

/** Waits after a failed wait (the host restarting, the machine waking), growing to the longest. */
const RETRY_FIRST_MS = 1000;
const RETRY_LONGEST_MS = 30_000;

export interface OutsideChangesHooks {
  api: Pick<MarginaliaApi, 'waitForChanges' | 'getArticle'>;
  store: Store;
  actions: Pick<Actions, 'refreshLibrary' | 'openArticle' | 'unsavedHighlights'>;
  /** Told after each change is shown (e.g. to read the devices again). */
  shown?(articleIds: readonly string[]): void;
  /** The open article was deleted elsewhere: it stays on screen, and the reader should be told. */
  openArticleGone?(title: string): void;
}

/**
 * Shows, without a reload, what another device (through a sync engine) or
 * process (the CLI) changed in the library: waits on main (waitForChanges, a
 * long poll), then lists the library again and, when the open article
 * changed, its highlights and notes, keeping the reader's place and any
 * change the reader is making (a note being typed is refreshed once its
 * editor closes). Returns the function that stops it.
 */
export function followOutsideChanges({ api, store, actions, shown, openArticleGone }: OutsideChangesHooks): () => void {
  let stopped = false;
  /** An article whose highlights changed while the reader was editing one: read again when the editor closes. */
  let staleWhileEditing: string | null = null;

  const reloadOpen = async (articleId: string) => {
    const open = store.get().article;
    if (open?.id !== articleId) return;
    const listed = store.get().library.find((a) => a.id === articleId);
    if (!listed) {
      // Deleted (to the trash) on another device: not taken from under the reader mid-sentence.
      openArticleGone?.(open.title);
      return;
    }
    if (store.get().editing) staleWhileEditing = articleId;
    if (listed.contentHash !== open.contentHash) {
      // A new version of the text: highlights are placed in it afresh. Never under an open editor.
      if (!store.get().editing) await actions.openArticle(articleId);
      return;
    }
    const onDisk = await api.getArticle({ articleId }).catch(() => null);
    const now = store.get();
    if (!onDisk || now.article?.id !== articleId) return;
    const unsaved = actions.unsavedHighlights();
    if (now.editing) unsaved.shown.add(now.editing.highlightId);
    const highlights = withOutsideChanges(now.highlights, onDisk.highlights, unsaved);
    const removed = (id: string | null) => id !== null && !highlights.some((h) => h.id === id);
    store.update({
      highlights,
      ...(removed(now.activeHighlightId) && { activeHighlightId: null }),
      ...(removed(now.reattaching) && { reattaching: null }),
    });
  };

  const show = async (articleIds: readonly string[]) => {
    await actions.refreshLibrary();
    // Tags on other articles may have changed: what the lists read of them is stale.
    store.update({ tagRevision: store.get().tagRevision + 1 });
    const open = store.get().article;
    if (open && articleIds.includes(open.id)) await reloadOpen(open.id);
    shown?.(articleIds);
  };

  const stopEditing = store.subscribe((state, previous) => {
    if (state.editing || !previous.editing || staleWhileEditing === null) return;
    const articleId = staleWhileEditing;
    staleWhileEditing = null;
    void reloadOpen(articleId);
  });

  void (async () => {
    // From the host's first version: a change noticed while this page was loading is shown too (at worst twice).
    let since = 0;
    let retryMs = RETRY_FIRST_MS;
    while (!stopped) {
      try {
        const answer = await api.waitForChanges({ since });
        retryMs = RETRY_FIRST_MS;
        if (stopped) break;
        if (answer.articleIds.length > 0) await show(answer.articleIds);
        since = answer.version;
      } catch {
        // Main is away (restarting, asleep): ask again later; nothing is lost, the next answer has it all.
        await new Promise((resolve) => setTimeout(resolve, retryMs));
        retryMs = Math.min(retryMs * 2, RETRY_LONGEST_MS);
      }
    }
  })();

  return () => {
    stopped = true;
    stopEditing();
  };
}
