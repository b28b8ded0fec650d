/**
 * The names of all renderer → main operations. Kept free of dependencies so
 * the sandboxed preload can import it without bundling the schemas.
 */
export const OPERATIONS = [
  'getAppInfo',
  'listArticles',
  'getArticle',
  'openArticle',
  'saveReading',
  'undo',
  'redo',
  'undoState',
  'getSettings',
  'saveSettings',
  'importFile',
  'importAddress',
  'createHighlight',
  'updateHighlight',
  'deleteHighlight',
  'reattachHighlight',
  'search',
  'listHighlights',
  'listTags',
  'listTagCounts',
  'renameTag',
  'removeTag',
  'restoreTags',
  'renameArticle',
  'deleteArticle',
  'listTrash',
  'restoreArticle',
  'emptyTrash',
  'exportMarkdown',
  'saveMarkdownExport',
  'listRecoveries',
  'openLink',
  'exportToFolder',
  'quoteForClipboard',
  'waitForChanges',
  'devices',
  'renameDevice',
] as const;
export type OperationName = (typeof OPERATIONS)[number];

/** The IPC channel of an operation. */
export const channelOf = (op: OperationName): string => `marginalia:${op}`;

/** The single main → renderer event channel. */
export const EVENT_CHANNEL = 'marginalia:event';
