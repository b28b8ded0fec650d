/** Writes highlights and notes out of Marginalia. */
export { exportMarkdown, exportFileName, blockIdOf } from './markdown.js';
export { escapeMarkdownText } from './escape.js';
