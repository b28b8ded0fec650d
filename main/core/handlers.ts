import type { Response } from '../../shared/contract/schemas.js';
import type { Handlers } from './dispatch.js';
import type { Library } from './library.js';

/** What a host adds to the core: who it is, and how it saves an export. */
export interface HostServices {
  host: 'electron' | 'browser';
  version: string;
  saveMarkdownExport(articleId: string): Promise<Response<'saveMarkdownExport'>>;
  /** Hands a checked http(s)/mailto address to the system browser; false when there is none. */
  openLink(url: string): Promise<boolean>;
}

/** The contract's operations implemented over a library; requests arrive already validated. */
export function coreHandlers(library: Library, host: HostServices): Handlers {
  return {
    getAppInfo: async () => ({ host: host.host, version: host.version, dataDir: library.dataDir }),
    listArticles: () => library.listArticles(),
    getArticle: ({ articleId }) => library.getArticle(articleId),
    importFile: async ({ fileName, dataBase64 }) => {
      const bytes = Buffer.from(dataBase64, 'base64');
      return library.importFile({ fileName, bytes });
    },
    createHighlight: (request) => library.createHighlight(request),
    updateHighlight: (request) => library.updateHighlight(request),
    deleteHighlight: (request) => library.deleteHighlight(request),
    reattachHighlight: (request) => library.reattachHighlight(request),
    listTags: () => library.listTags(),
    exportMarkdown: ({ articleId }) => library.exportMarkdown(articleId),
    saveMarkdownExport: ({ articleId }) => host.saveMarkdownExport(articleId),
    listRecoveries: async () => library.recoveries(),
    openLink: async ({ url }) => ({ opened: await host.openLink(url) }),
  };
}
