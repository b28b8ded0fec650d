import type { ExportPreset, ExportSelection } from '../shared/contract/schemas.js';

/** What the export dialog needs from the app: the open article, the tags in use, and the export itself. */
export interface ExportDialogHooks {
  openArticleId(): string | undefined;
  knownTags(): Promise<string[]>;
  exportToFolder(selection: ExportSelection, preset: ExportPreset): Promise<void>;
}

const PRESETS: { value: ExportPreset; label: string }[] = [
  { value: 'obsidian', label: 'Obsidian (front matter, callouts, ^block ids)' },
  { value: 'logseq', label: 'Logseq (outline blocks, id:: properties)' },
  { value: 'plain', label: 'Plain Markdown' },
];

/**
 * "Export to folder…": which articles (the open one, those with a tag, or
 * all) and which layout; the host then asks for the folder. Returns the
 * function that opens the dialog, and the disposer.
 */
export function mountExportDialog(hooks: ExportDialogHooks): { open(): Promise<void>; dispose(): void } {
  const dialog = document.createElement('dialog');
  dialog.className = 'export-dialog';
  dialog.setAttribute('aria-labelledby', 'export-dialog-title');
  const form = document.createElement('form');
  form.method = 'dialog';
  const title = document.createElement('h2');
  title.id = 'export-dialog-title';
  title.textContent = 'Export to a folder';
  const hint = document.createElement('p');
  hint.className = 'export-hint';
  hint.textContent = 'One Markdown file per article. Exporting again updates the files in place and keeps what you wrote in them.';

  const scope = fieldset('What to export');
  const article = radio('scope', 'article', 'The open article');
  const tagged = radio('scope', 'tag', 'Articles and highlights tagged');
  const tagSelect = document.createElement('select');
  tagSelect.name = 'tag';
  tagSelect.setAttribute('aria-label', 'Tag');
  tagged.label.append(' ', tagSelect);
  const all = radio('scope', 'all', 'The whole library');
  scope.append(article.label, tagged.label, all.label);

  const layout = fieldset('Layout');
  const presetSelect = document.createElement('select');
  presetSelect.name = 'preset';
  presetSelect.setAttribute('aria-label', 'Layout');
  for (const preset of PRESETS) presetSelect.append(new Option(preset.label, preset.value));
  layout.append(presetSelect);

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
  form.append(title, hint, scope, layout, buttons);
  dialog.append(form);
  document.body.append(dialog);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = (form.elements.namedItem('scope') as RadioNodeList).value;
    const articleId = hooks.openArticleId();
    let selection: ExportSelection;
    if (chosen === 'article' && articleId) selection = { articleIds: [articleId] };
    else if (chosen === 'tag' && tagSelect.value) selection = { tag: tagSelect.value };
    else selection = { all: true };
    dialog.close();
    void hooks.exportToFolder(selection, presetSelect.value as ExportPreset);
  });

  return {
    async open() {
      const tags = await hooks.knownTags();
      tagSelect.replaceChildren(...tags.map((t) => new Option(`#${t}`, t)));
      tagged.input.disabled = tags.length === 0;
      tagSelect.disabled = tags.length === 0;
      article.input.disabled = !hooks.openArticleId();
      (article.input.disabled ? all : article).input.checked = true;
      dialog.showModal();
    },
    dispose: () => dialog.remove(),
  };
}

function fieldset(legendText: string): HTMLFieldSetElement {
  const set = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = legendText;
  set.append(legend);
  return set;
}

function radio(name: string, value: string, text: string): { label: HTMLLabelElement; input: HTMLInputElement } {
  const label = document.createElement('label');
  label.className = 'export-choice';
  const input = document.createElement('input');
  input.type = 'radio';
  input.name = name;
  input.value = value;
  label.append(input, ` ${text}`);
  return { label, input };
}
