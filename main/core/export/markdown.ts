import type { Article, Highlight } from '../../../shared/model.js';
import type { ColorNames } from '../../../shared/settings.js';
import { pageText } from './page.js';
import { DEFAULT_PRESET, PRESETS, PRESET_NAMES, type PresetName } from './presets/index.js';
import { compileTemplate, type ExportTemplate } from './template.js';

/** What an export needs to know besides the article and its highlights. */
export interface ExportOptions {
  exportedAt: Date;
  /** The layout; the default preset (obsidian) when not given. */
  template?: ExportTemplate;
  /** The names the reader gave the colours (Settings), shown with each highlight. */
  colorNames?: ColorNames;
}

/** The block id of a highlight: stable, derived from its id, so a re-export can find it again. */
export const blockIdOf = (highlight: Highlight): string => highlight.id;

const compiled = new Map<PresetName, ExportTemplate>();

/** A preset layout, compiled once. */
export function presetTemplate(name: PresetName = DEFAULT_PRESET): ExportTemplate {
  let template = compiled.get(name);
  if (!template) {
    template = compileTemplate(PRESETS[name], name);
    compiled.set(name, template);
  }
  return template;
}

export const isPresetName = (name: string): name is PresetName => (PRESET_NAMES as string[]).includes(name);

/**
 * Writes an article's highlights and notes as Markdown in the given layout
 * (by default: YAML front matter, the title, then each highlight in document
 * order with its quote, block id, note and tags).
 */
export function exportMarkdown(article: Article, highlights: readonly Highlight[], options: ExportOptions): string {
  return pageText((options.template ?? presetTemplate()).render(article, highlights, options));
}

export { exportFileName } from './file-name.js';
