/** Writes highlights and notes out of Marginalia: Markdown files, folders kept in sync, clipboard quotes. */
export { exportMarkdown, exportFileName, blockIdOf, presetTemplate, isPresetName, type ExportOptions } from './markdown.js';
export { compileTemplate, loadTemplate, type ExportTemplate, type ConflictFields } from './template.js';
export { PRESET_NAMES, DEFAULT_PRESET, type PresetName } from './presets/index.js';
export { exportToFolder, type FolderExportOptions, type FolderExportReport, type ExportedFile, type FileStatus } from './folder.js';
export { mergeExport, type SyncInput, type SyncResult } from './sync.js';
export { pageText, type RenderedPage, type HighlightBlock } from './page.js';
export { type ArticleSource, type Selection } from './select.js';
export { quoteForClipboard } from './clipboard.js';
export { escapeMarkdownText, normaliseForMarkdown } from './escape.js';
export { uuidOf } from './uuid.js';
export { marginaliaLink } from './fields.js';
export { placedOrder, isOrphaned } from './order.js';
export { syncStateDir } from './sync-state.js';
