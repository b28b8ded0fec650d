import { externalLinkProblem } from '../../shared/contract/external-link.js';
import { toBase64Pieces } from '../../shared/contract/import-request.js';
import { importMessage } from '../../shared/import-message.js';
import type { ExportPreset, ExportSelection, MarginaliaApi, Response } from '../../shared/contract/schemas.js';
import type { Color, Highlight, HighlightTarget } from '../../shared/model.js';
import type { CodePointOffset } from '../../shared/offsets.js';
import type { Notices } from '../notices.js';
import { newHighlightId } from './ids.js';
import { MAX_IMPORT_BYTES as IMPORT_LIMIT_BYTES } from '../../shared/contract/limits.js';
import type { LibraryView } from '../sidebar/library-view.js';
import { tagActions, type TagActions } from './tag-actions.js';
import { lastArticle } from './last-article.js';
import type { Editing, Store } from './store.js';

/** An article in the trash, with when it was deleted. */
export type TrashedArticle = Response<'listTrash'>[number];
export type { TagCount, TagRemoval } from './tag-actions.js';

/** What the reader can do; each action talks to main and updates the store, reporting failures as notices. */
export interface Actions extends TagActions {
  refreshLibrary(): Promise<void>;
  openArticle(articleId: string): Promise<void>;
  /** Opens the last article read, or the newest one. */
  openFirstArticle(): Promise<void>;
  /**
   * Highlights a passage ([start, end) in code points, with its selectors):
   * shown at once, saved meanwhile; a failed save takes it away again and says why.
   */
  createHighlight(passage: { start: CodePointOffset; end: CodePointOffset; target: HighlightTarget }, color: Color): Promise<void>;
  /** Puts the highlight waiting to be re-attached on the passage [start, end) (code points). */
  reattachHighlight(start: CodePointOffset, end: CodePointOffset): Promise<void>;
  recolorHighlight(highlightId: string, color: Color): Promise<void>;
  saveNote(highlightId: string, note: string): Promise<void>;
  saveTags(highlightId: string, tags: string[]): Promise<void>;
  deleteHighlight(highlightId: string): Promise<void>;
  listTags(): Promise<string[]>;
  importFile(file: File): Promise<void>;
  exportMarkdown(): Promise<void>;
  /** Copies a highlight as a Markdown quote with a link back to the article. */
  copyQuote(highlightId: string): Promise<void>;
  /** Exports articles into a folder kept in sync (the host asks which folder). */
  exportToFolder(selection: ExportSelection, preset: ExportPreset): Promise<void>;
  /** Asks, then opens an article's link in the system browser. */
  openLink(href: string): Promise<void>;
  activate(highlightId: string | null): void;
  edit(editing: Editing): void;

  /** Gives an article the reader's own title; false when it was refused (the notice says why). */
  renameArticle(articleId: string, title: string): Promise<boolean>;
  /**
   * Moves articles to the trash; answers those moved. When the open article
   * is one of them, `next` opens instead (none: the reader shows no article).
   */
  trashArticles(articleIds: readonly string[], next: string | null): Promise<string[]>;
  /** Brings articles back from the trash; `reopen` opens again (the article open when they were deleted). */
  restoreArticles(articleIds: readonly string[], reopen?: string | null): Promise<void>;
  listTrash(): Promise<TrashedArticle[]>;
  /** Removes the articles in the trash for good; answers how many, or null when it failed. */
  emptyTrash(): Promise<number | null>;
  /** Changes how the library is ordered or filtered. */
  setLibraryView(patch: Partial<LibraryView>): void;
  /**
   * Highlights whose change main has not answered yet, as the reader sees
   * them: `shown` (being created or saved) and `gone` (being deleted). A
   * reload of the article's highlights keeps them so.
   */
  unsavedHighlights(): { shown: Set<string>; gone: Set<string> };
}

export function createActions(api: MarginaliaApi, store: Store, notices: Notices): Actions {
  const report = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    notices.show('error', message);
  };
  const attempt = async (work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      report(error);
    }
  };
  const articleId = () => store.get().article?.id;
  const replace = (updated: Highlight) =>
    store.update({ highlights: store.get().highlights.map((h) => (h.id === updated.id ? updated : h)) });

  /** Highlights shown before main has saved them: a change to one waits for its creation. */
  const creating = new Map<string, Promise<unknown>>();
  const created = (highlightId: string) => creating.get(highlightId)?.catch(() => undefined);

  /** After a failed save: the article's highlights as they are on disk. */
  const reloadHighlights = async (id: string) => {
    if (articleId() !== id) return;
    const onDisk = await api.getArticle({ articleId: id }).catch(() => null);
    if (onDisk && articleId() === id) store.update({ highlights: onDisk.highlights });
  };

  const saves = new Map<string, number>();
  /** Saves sent and not answered yet, per highlight. */
  const unanswered = new Map<string, number>();
  /** Deletes sent and not answered yet. */
  const deleting = new Set<string>();
  /** Shows a change at once, then saves it; a failed save reloads what is on disk. */
  const saveOptimistically = async (highlightId: string, change: { note?: string; tags?: string[]; color?: Color }) => {
    const id = articleId();
    const current = store.get().highlights.find((h) => h.id === highlightId);
    if (!id || !current) return;
    // A note written here settles the notes another device wrote at the same time (main drops them too).
    const { noteConflicts, ...rest } = current;
    replace(change.note !== undefined || !noteConflicts ? { ...rest, ...change } : { ...current, ...change });
    const sequence = (saves.get(highlightId) ?? 0) + 1;
    saves.set(highlightId, sequence);
    unanswered.set(highlightId, (unanswered.get(highlightId) ?? 0) + 1);
    try {
      await created(highlightId);
      const saved = await api.updateHighlight({ articleId: id, highlightId, ...change });
      // An older answer must not undo a newer change made meanwhile.
      if (saves.get(highlightId) === sequence && articleId() === id) replace(saved);
    } catch (error) {
      report(error);
      await reloadHighlights(id);
    } finally {
      const left = (unanswered.get(highlightId) ?? 1) - 1;
      if (left === 0) unanswered.delete(highlightId);
      else unanswered.set(highlightId, left);
    }
  };

  /** After tags changed across the library: the open article's highlights (margin, list, chips) as they are now. */
  const tagsChanged = async () => {
    store.update({ tagRevision: store.get().tagRevision + 1 });
    const id = articleId();
    if (id) await reloadHighlights(id);
  };

  /** Shows no article: every one listed was deleted. */
  const closeArticle = () => store.update({ article: null, place: null, highlights: [], activeHighlightId: null, editing: null, reattaching: null });

  const actions: Actions = {
    refreshLibrary: () => attempt(async () => store.update({ library: await api.listArticles({}) })),

    openArticle: (id) =>
      attempt(async () => {
        const { article, highlights, place } = await api.openArticle({ articleId: id });
        // User Timing marks (as VS Code's perf marks): what the bench and a profile read.
        performance.mark('marginalia:article-received', { detail: { articleId: id } });
        lastArticle.set(article.id);
        store.update({ article, place: place ?? null, highlights, activeHighlightId: null, editing: null });
        performance.mark('marginalia:article-shown', { detail: { articleId: id, highlights: highlights.length } });
      }),

    async openFirstArticle() {
      await actions.refreshLibrary();
      // An article the library cannot open (listed with its reason) is never opened at start.
      const readable = store.get().library.filter((a) => a.unavailable === undefined);
      const remembered = lastArticle.get();
      const first = readable.find((a) => a.id === remembered) ?? readable[0];
      if (first) await actions.openArticle(first.id);
    },

    async createHighlight({ start, end, target }, color) {
      const id = articleId();
      if (!id) return;
      const at = new Date().toISOString();
      const shown: Highlight = { id: newHighlightId(), articleId: id, target, color, note: '', tags: [], createdAt: at, updatedAt: at };
      store.update({ highlights: [...store.get().highlights, shown], activeHighlightId: shown.id, lastColor: color, editing: null });
      const saving = api.createHighlight({ articleId: id, id: shown.id, start, end, color });
      creating.set(shown.id, saving);
      try {
        const saved = await saving;
        if (articleId() === id && store.get().highlights.some((h) => h.id === saved.id)) {
          // Main's copy, unless the reader changed it meanwhile (those changes follow it to main).
          if (!saves.has(saved.id)) replace(saved);
        }
        void actions.refreshLibrary();
      } catch (error) {
        report(error);
        const { highlights, activeHighlightId, editing } = store.get();
        store.update({
          highlights: highlights.filter((h) => h.id !== shown.id),
          activeHighlightId: activeHighlightId === shown.id ? null : activeHighlightId,
          editing: editing?.highlightId === shown.id ? null : editing,
        });
      } finally {
        creating.delete(shown.id);
      }
    },

    reattachHighlight: (start, end) =>
      attempt(async () => {
        const id = articleId();
        const highlightId = store.get().reattaching;
        if (!id || !highlightId) return;
        const highlight = await api.reattachHighlight({ articleId: id, highlightId, start, end });
        store.update({
          highlights: store.get().highlights.map((h) => (h.id === highlight.id ? highlight : h)),
          activeHighlightId: highlight.id,
          reattaching: null,
        });
      }),

    async recolorHighlight(highlightId, color) {
      store.update({ lastColor: color });
      await saveOptimistically(highlightId, { color });
    },

    saveNote: (highlightId, note) => saveOptimistically(highlightId, { note }),

    saveTags: (highlightId, tags) => saveOptimistically(highlightId, { tags }),

    async deleteHighlight(highlightId) {
      const id = articleId();
      if (!id) return;
      // Gone at once; a failed delete brings it back from disk and says why.
      const { highlights, activeHighlightId, editing } = store.get();
      store.update({
        highlights: highlights.filter((h) => h.id !== highlightId),
        activeHighlightId: activeHighlightId === highlightId ? null : activeHighlightId,
        editing: editing?.highlightId === highlightId ? null : editing,
      });
      deleting.add(highlightId);
      try {
        await created(highlightId);
        await api.deleteHighlight({ articleId: id, highlightId });
        void actions.refreshLibrary();
      } catch (error) {
        deleting.delete(highlightId);
        report(error);
        await reloadHighlights(id);
      } finally {
        deleting.delete(highlightId);
      }
    },

    async listTags() {
      try {
        return await api.listTags({});
      } catch (error) {
        report(error);
        return [];
      }
    },

    importFile: (file) =>
      attempt(async () => {
        if (file.size > IMPORT_LIMIT_BYTES) {
          const limit = Math.round(IMPORT_LIMIT_BYTES / (1024 * 1024));
          notices.show('error', `"${file.name}" is larger than ${limit} MB and cannot be imported.`);
          return;
        }
        const progress = notices.progress(`Reading "${file.name}"…`);
        try {
          const dataBase64 = toBase64Pieces(new Uint8Array(await file.arrayBuffer()));
          progress.update(`Importing "${file.name}" (${megabytes(file.size)})…`);
          const result = await api.importFile({ fileName: file.name, dataBase64 });
          progress.update(`Opening "${result.summary.title}"…`);
          await actions.refreshLibrary();
          await actions.openArticle(result.summary.id);
          notices.show('info', [importMessage(result), ...result.warnings].join(' '));
        } finally {
          progress.done();
        }
      }),

    copyQuote: (highlightId) =>
      attempt(async () => {
        const id = articleId();
        if (!id) return;
        await created(highlightId);
        const { markdown } = await api.quoteForClipboard({ articleId: id, highlightId });
        await navigator.clipboard.writeText(markdown);
        notices.show('info', 'Copied the quote as Markdown, with a link back to the article.');
      }),

    exportToFolder: (selection, preset) =>
      attempt(async () => {
        const progress = notices.progress('Exporting…');
        try {
          const result = await api.exportToFolder({ selection, preset });
          if (result.status === 'cancelled') return;
          const { folder, created, updated, unchanged, conflicts, warnings } = result;
          const counts = `${created} new, ${updated} updated, ${unchanged} unchanged`;
          const conflict = conflicts === 0 ? '' : ` ${conflicts} ${conflicts === 1 ? 'conflict is' : 'conflicts are'} marked in the files, both versions kept.`;
          notices.show(conflicts === 0 ? 'info' : 'error', `Exported to ${folder}: ${counts}.${conflict}`);
          for (const warning of warnings) notices.show('error', warning);
        } finally {
          progress.done();
        }
      }),

    openLink: (href) =>
      attempt(async () => {
        // The rule main checks again before opening: the reader hears why before being asked.
        const problem = externalLinkProblem(href);
        if (problem) {
          notices.show('error', `This link cannot be opened (${problem}): ${href}`);
          return;
        }
        if (!window.confirm(`Open this link in your web browser?\n\n${href}`)) return;
        const { opened } = await api.openLink({ url: href });
        if (!opened) window.open(href, '_blank', 'noopener,noreferrer');
      }),

    exportMarkdown: () =>
      attempt(async () => {
        const id = articleId();
        if (!id) {
          notices.show('error', 'Open an article to export its highlights.');
          return;
        }
        const result = await api.saveMarkdownExport({ articleId: id });
        if (result.status === 'saved') notices.show('info', `Exported to ${result.path}`);
      }),

    activate: (highlightId) => {
      const { editing } = store.get();
      store.update({
        activeHighlightId: highlightId,
        editing: editing && editing.highlightId === highlightId ? editing : null,
      });
    },

    edit: (editing) => store.update({ editing, ...(editing ? { activeHighlightId: editing.highlightId } : {}) }),

    async renameArticle(id, title) {
      try {
        const summary = await api.renameArticle({ articleId: id, title });
        const { library, article } = store.get();
        store.update({
          library: library.map((a) => (a.id === id ? summary : a)),
          // The same article under its new name: the reader keeps its place (see main.ts).
          ...(article?.id === id ? { article: { ...article, title: summary.title, titleSetByReader: true as const } } : {}),
        });
        return true;
      } catch (error) {
        report(error);
        return false;
      }
    },

    async trashArticles(ids, next) {
      const trashed: string[] = [];
      try {
        for (const id of ids) {
          await api.deleteArticle({ articleId: id });
          trashed.push(id);
        }
      } catch (error) {
        report(error);
      }
      if (trashed.length === 0) return trashed;
      const open = articleId();
      await actions.refreshLibrary();
      if (open && trashed.includes(open)) {
        const listed = store.get().library.some((a) => a.id === next && a.unavailable === undefined);
        if (next && listed) await actions.openArticle(next);
        else closeArticle();
      }
      return trashed;
    },

    async restoreArticles(ids, reopen) {
      try {
        for (const id of ids) await api.restoreArticle({ articleId: id });
      } catch (error) {
        report(error);
      }
      await actions.refreshLibrary();
      if (reopen && store.get().library.some((a) => a.id === reopen)) await actions.openArticle(reopen);
    },

    async listTrash() {
      try {
        return await api.listTrash({});
      } catch (error) {
        report(error);
        return [];
      }
    },

    async emptyTrash() {
      try {
        const { removed } = await api.emptyTrash({});
        notices.show('info', removed === 1 ? 'Removed 1 article for good.' : `Removed ${removed} articles for good.`);
        return removed;
      } catch (error) {
        report(error);
        return null;
      }
    },

    ...tagActions({ api, store, report, tell: (message) => notices.show('info', message), tagsChanged, setLibraryView: (patch) => actions.setLibraryView(patch) }),

    setLibraryView: (patch) => store.update({ libraryView: { ...store.get().libraryView, ...patch } }),

    unsavedHighlights: () => ({ shown: new Set([...creating.keys(), ...unanswered.keys()]), gone: new Set(deleting) }),
  };
  return actions;
}


/** A file size as the reader reads it: "0.4 MB". */
function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
