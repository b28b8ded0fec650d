import type { ExportPreset } from '../shared/contract/schemas.js';
import { dialogButtons } from './dialog-buttons.js';

/** The layouts an export into a folder offers. */
const PRESETS: { value: ExportPreset; label: string }[] = [
  { value: 'obsidian', label: 'Obsidian (front matter, callouts, ^block ids)' },
  { value: 'logseq', label: 'Logseq (outline blocks, id:: properties)' },
  { value: 'plain', label: 'Plain Markdown' },
];

/** An export dialog's parts: the dialog, its form and title, and the chosen layout. */
export interface ExportForm {
  dialog: HTMLDialogElement;
  form: HTMLFormElement;
  title: HTMLHeadingElement;
  /** The layout chosen. */
  preset(): ExportPreset;
}

/**
 * A modal dialog for exporting into a folder kept in sync: its title, what
 * exporting again does, the `choices` given (what to export), the layout,
 * and Cancel / Export…. Shared by "Export to folder…" and "Export selected…".
 */
export function exportForm(className: string, titleId: string, choices: HTMLElement[]): ExportForm {
  const dialog = document.createElement('dialog');
  dialog.className = className;
  dialog.setAttribute('aria-labelledby', titleId);
  const form = document.createElement('form');
  form.method = 'dialog';
  const title = document.createElement('h2');
  title.id = titleId;
  const hint = document.createElement('p');
  hint.className = 'export-hint';
  hint.textContent = 'One Markdown file per article. Exporting again updates the files in place and keeps what you wrote in them.';
  const layout = fieldset('Layout');
  const select = document.createElement('select');
  select.name = 'preset';
  select.setAttribute('aria-label', 'Layout');
  for (const preset of PRESETS) select.append(new Option(preset.label, preset.value));
  layout.append(select);
  const buttons = dialogButtons(dialog, 'Export…');
  form.append(title, hint, ...choices, layout, buttons);
  dialog.append(form);
  document.body.append(dialog);
  return { dialog, form, title, preset: () => select.value as ExportPreset };
}

/** A fieldset with its legend. */
export function fieldset(legendText: string): HTMLFieldSetElement {
  const set = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = legendText;
  set.append(legend);
  return set;
}
