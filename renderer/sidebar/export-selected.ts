import type { ExportPreset, ExportSelection } from '../../shared/contract/schemas.js';

/** The layouts, as "Export to folder…" offers them (renderer/export-dialog.ts). */
const LAYOUTS: { value: ExportPreset; label: string }[] = [
  { value: 'obsidian', label: 'Obsidian (front matter, callouts, ^block ids)' },
  { value: 'logseq', label: 'Logseq (outline blocks, id:: properties)' },
  { value: 'plain', label: 'Plain Markdown' },
];

/**
 * "Export selected…": asks which layout, then exports the chosen articles
 * into a folder kept in sync (the host asks which folder). Returns the
 * function that opens it for some articles, and the disposer.
 */
export function mountExportSelected(exportToFolder: (selection: ExportSelection, preset: ExportPreset) => Promise<void>): {
  open(articleIds: string[]): void;
  dispose(): void;
} {
  const dialog = document.createElement('dialog');
  dialog.className = 'export-selected-dialog';
  dialog.setAttribute('aria-labelledby', 'export-selected-title');
  const form = document.createElement('form');
  form.method = 'dialog';
  const title = document.createElement('h2');
  title.id = 'export-selected-title';
  const hint = document.createElement('p');
  hint.className = 'export-hint';
  hint.textContent = 'One Markdown file per article. Exporting again updates the files in place and keeps what you wrote in them.';
  const layout = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = 'Layout';
  const preset = document.createElement('select');
  preset.name = 'preset';
  preset.setAttribute('aria-label', 'Layout');
  for (const choice of LAYOUTS) preset.append(new Option(choice.label, choice.value));
  layout.append(legend, preset);
  const buttons = document.createElement('div');
  buttons.className = 'export-buttons';
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'button';
  cancel.textContent = 'Cancel';
  cancel.addEventListener('click', () => dialog.close());
  const submit = document.createElement('button');
  submit.type = 'submit';
  submit.className = 'button';
  submit.textContent = 'Export…';
  buttons.append(cancel, submit);
  form.append(title, hint, layout, buttons);
  dialog.append(form);
  document.body.append(dialog);

  let articleIds: string[] = [];
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    dialog.close();
    if (articleIds.length > 0) void exportToFolder({ articleIds }, preset.value as ExportPreset);
  });

  return {
    open(ids) {
      if (ids.length === 0) return;
      articleIds = ids;
      title.textContent = ids.length === 1 ? 'Export the selected article to a folder' : `Export ${ids.length} selected articles to a folder`;
      dialog.showModal();
    },
    dispose: () => dialog.remove(),
  };
}
