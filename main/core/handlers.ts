import type { ExportPreset, Request, Response } from '../../shared/contract/schemas.js';
import { exportToFolder, presetTemplate, quoteForClipboard, syncStateDir } from './export/index.js';
import { MarginaliaError } from '../../shared/contract/errors.js';
import type { Handlers } from './dispatch.js';
import { decodeBase64InPieces } from './in-pieces.js';
import { importFromAddress } from './fetch/index.js';
import type { Library } from './library.js';

/** What a host adds to the core: who it is, and how it saves an export. */
export interface HostServices {
  host: 'electron' | 'browser';
  version: string;
  saveMarkdownExport(articleId: string): Promise<Response<'saveMarkdownExport'>>;
  /** Hands a checked http(s)/mailto address to the system browser; false when there is none. */
  openLink(url: string): Promise<boolean>;
  /** The folder a folder export writes to (asked of the reader where the host can), or null if cancelled. */
  chooseExportFolder(preset: ExportPreset): Promise<string | null>;
}

/** The contract's operations implemented over a library; requests arrive already validated. */
export function coreHandlers(library: Library, host: HostServices): Handlers {
  // The reader's changes, made through the app, are kept to undo (the CLI's are not: see undo-log.ts).
  const { undo } = library;
  return {
    getAppInfo: async () => ({ host: host.host, version: host.version, dataDir: library.dataDir }),
    listArticles: () => library.listArticles(),
    getArticle: ({ articleId }) => library.getArticle(articleId),
    importFile: async ({ fileName, dataBase64 }) => {
      const bytes = await decodeBase64InPieces(dataBase64);
      return library.importFile({ fileName, bytes });
    },
    // Fetched only now, because the reader asked; like importFile, not an undoable change (a re-import keeps versions).
    importAddress: ({ url }) => importFromAddress(library, url),
    openArticle: ({ articleId }) => library.openArticle(articleId),
    saveReading: ({ articleId, place }) => library.saveReading(articleId, place),
    getSettings: () => library.settings.get(),
    saveSettings: (patch) => library.settings.change(patch),
    createHighlight: (request) => undo.record('Highlight', () => library.createHighlight(request)),
    updateHighlight: (request) => undo.record(changeName(request), () => library.updateHighlight(request)),
    deleteHighlight: (request) => undo.record('Delete highlight', () => library.deleteHighlight(request)),
    reattachHighlight: (request) => undo.record('Re-attach highlight', () => library.reattachHighlight(request)),
    undo: async () => ({ undone: await undo.undo(), ...(await undo.state()) }),
    redo: async () => ({ redone: await undo.redo(), ...(await undo.state()) }),
    undoState: () => undo.state(),
    search: ({ query, limit }) => library.search(query, limit),
    listHighlights: ({ filter, offset, limit }) => library.listHighlights(filter, offset, limit),
    listTags: () => library.listTags(),
    listTagCounts: () => library.tagCounts(),
    renameArticle: ({ articleId, title }) => library.renameArticle(articleId, title),
    deleteArticle: ({ articleId }) =>
      undo.record('Delete article', async () => {
        const deleted = await library.deleteArticle(articleId);
        undo.trashed(articleId);
        return deleted;
      }),
    listTrash: () => library.listTrash(),
    restoreArticle: ({ articleId }) => library.restoreArticle(articleId),
    emptyTrash: () => library.emptyTrash(),
    renameTag: ({ from, to }) => undo.record(`Rename #${from}`, () => library.renameTag(from, to)),
    removeTag: ({ tag }) => undo.record(`Remove #${tag}`, () => library.removeTag(tag)),
    restoreTags: ({ restore }) => undo.record('Put tags back', () => library.restoreTags(restore)),
    exportMarkdown: ({ articleId }) => library.exportMarkdown(articleId),
    saveMarkdownExport: ({ articleId }) => host.saveMarkdownExport(articleId),
    listRecoveries: async () => library.recoveries(),
    openLink: async ({ url }) => ({ opened: await host.openLink(url) }),
    exportToFolder: async ({ selection, preset }) => {
      const folder = await host.chooseExportFolder(preset);
      if (!folder) return { status: 'cancelled' as const };
      const chosen = 'articleIds' in selection ? { articles: selection.articleIds } : selection;
      const { colorNames } = await library.settings.get();
      const report = await exportToFolder(library, chosen, { folder, stateDir: syncStateDir(library.dataDir), template: presetTemplate(preset), colorNames });
      const count = (status: string) => report.files.filter((f) => f.status === status).length;
      return {
        status: 'exported' as const,
        folder: report.folder,
        created: count('created') + count('recreated'),
        updated: count('updated'),
        unchanged: count('unchanged'),
        conflicts: report.conflicts,
        warnings: report.warnings,
      };
    },
    waitForChanges: ({ since }) => library.waitForChanges(since),
    devices: () => library.devices(),
    renameDevice: ({ name }) => library.renameDevice(name),
    quoteForClipboard: async ({ articleId, highlightId }) => {
      const { article, highlights } = await library.getArticle(articleId);
      const highlight = highlights.find((h) => h.id === highlightId);
      if (!highlight) throw new MarginaliaError('not-found', `No highlight with id ${highlightId} in this article.`);
      return { markdown: quoteForClipboard(article, highlight) };
    },
  };
}

/** What the reader would call a change of a highlight. */
function changeName(request: Request<'updateHighlight'>): string {
  if (request.color !== undefined) return 'Recolour highlight';
  if (request.note !== undefined) return 'Edit note';
  return 'Edit tags';
}
