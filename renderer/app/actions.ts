import { importMessage } from '../../shared/import-message.js';
import type { ExportPreset, ExportSelection, MarginaliaApi } from '../../shared/contract/schemas.js';
import type { Color, Highlight } from '../../shared/model.js';
import type { Notices } from '../notices.js';
import { toBase64 } from './base64.js';
import { MAX_IMPORT_BYTES as IMPORT_LIMIT_BYTES } from '../../shared/contract/limits.js';
import { lastArticle } from './last-article.js';
import type { Editing, Store } from './store.js';

/** What the reader can do; each action talks to main and updates the store, reporting failures as notices. */
export interface Actions {
  refreshLibrary(): Promise<void>;
  openArticle(articleId: string): Promise<void>;
  /** Opens the last article read, or the newest one. */
  openFirstArticle(): Promise<void>;
  createHighlight(start: number, end: number, color: Color): Promise<void>;
  /** Puts the highlight waiting to be re-attached on the passage [start, end) (code points). */
  reattachHighlight(start: number, end: number): Promise<void>;
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

  const saves = new Map<string, number>();
  /** Shows a note or tag change at once, then saves it; a failed save reloads what is on disk. */
  const saveOptimistically = async (highlightId: string, change: { note?: string; tags?: string[] }) => {
    const id = articleId();
    const current = store.get().highlights.find((h) => h.id === highlightId);
    if (!id || !current) return;
    replace({ ...current, ...change });
    const sequence = (saves.get(highlightId) ?? 0) + 1;
    saves.set(highlightId, sequence);
    try {
      const saved = await api.updateHighlight({ articleId: id, highlightId, ...change });
      // An older answer must not undo a newer change made meanwhile.
      if (saves.get(highlightId) === sequence) replace(saved);
    } catch (error) {
      report(error);
      if (articleId() === id) {
        const onDisk = await api.getArticle({ articleId: id }).catch(() => null);
        if (onDisk) store.update({ highlights: onDisk.highlights });
      }
    }
  };

  const actions: Actions = {
    refreshLibrary: () => attempt(async () => store.update({ library: await api.listArticles({}) })),

    openArticle: (id) =>
      attempt(async () => {
        const { article, highlights } = await api.getArticle({ articleId: id });
        // User Timing marks (as VS Code's perf marks): what the bench and a profile read.
        performance.mark('marginalia:article-received', { detail: { articleId: id } });
        lastArticle.set(article.id);
        store.update({ article, highlights, activeHighlightId: null, editing: null });
        performance.mark('marginalia:article-shown', { detail: { articleId: id, highlights: highlights.length } });
      }),

    async openFirstArticle() {
      await actions.refreshLibrary();
      const { library } = store.get();
      const remembered = lastArticle.get();
      const first = library.find((a) => a.id === remembered) ?? library[0];
      if (first) await actions.openArticle(first.id);
    },

    createHighlight: (start, end, color) =>
      attempt(async () => {
        const id = articleId();
        if (!id) return;
        const highlight = await api.createHighlight({ articleId: id, start, end, color });
        store.update({
          highlights: [...store.get().highlights, highlight],
          activeHighlightId: highlight.id,
          lastColor: color,
          editing: null,
        });
        void actions.refreshLibrary();
      }),

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

    recolorHighlight: (highlightId, color) =>
      attempt(async () => {
        const id = articleId();
        if (!id) return;
        replace(await api.updateHighlight({ articleId: id, highlightId, color }));
        store.update({ lastColor: color });
      }),

    saveNote: (highlightId, note) => saveOptimistically(highlightId, { note }),

    saveTags: (highlightId, tags) => saveOptimistically(highlightId, { tags }),

    deleteHighlight: (highlightId) =>
      attempt(async () => {
        const id = articleId();
        if (!id) return;
        await api.deleteHighlight({ articleId: id, highlightId });
        const { activeHighlightId, editing } = store.get();
        store.update({
          highlights: store.get().highlights.filter((h) => h.id !== highlightId),
          activeHighlightId: activeHighlightId === highlightId ? null : activeHighlightId,
          editing: editing?.highlightId === highlightId ? null : editing,
        });
        void actions.refreshLibrary();
      }),

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
          const dataBase64 = toBase64(new Uint8Array(await file.arrayBuffer()));
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
        if (!/^(https?:\/\/|mailto:)/i.test(href)) {
          notices.show('error', `This link cannot be opened: ${href}`);
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
  };
  return actions;
}

/** A file size as the reader reads it: "0.4 MB". */
function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
