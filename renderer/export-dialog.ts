import type { ExportPreset, ExportSelection } from '../shared/contract/schemas.js';
import { exportForm, fieldset } from './export-form.js';

/** What the export dialog needs from the app: the open article, the tags in use, and the export itself. */
export interface ExportDialogHooks {
  openArticleId(): string | undefined;
  knownTags(): Promise<string[]>;
  exportToFolder(selection: ExportSelection, preset: ExportPreset): Promise<void>;
}

/**
 * "Export to folder…": which articles (the open one, those with a tag, or
 * all) and which layout; the host then asks for the folder. Returns the
 * function that opens the dialog, and the disposer.
 */
export function mountExportDialog(hooks: ExportDialogHooks): { open(): Promise<void>; dispose(): void } {
  const scope = fieldset('What to export');
  const article = radio('scope', 'article', 'The open article');
  const tagged = radio('scope', 'tag', 'Articles and highlights tagged');
  const tagSelect = document.createElement('select');
  tagSelect.name = 'tag';
  tagSelect.setAttribute('aria-label', 'Tag');
  tagged.label.append(' ', tagSelect);
  const all = radio('scope', 'all', 'The whole library');
  scope.append(article.label, tagged.label, all.label);

  const { dialog, form, title, preset } = exportForm('export-dialog', 'export-dialog-title', [scope]);
  title.textContent = 'Export to a folder';

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = (form.elements.namedItem('scope') as RadioNodeList).value;
    const articleId = hooks.openArticleId();
    let selection: ExportSelection;
    if (chosen === 'article' && articleId) selection = { articleIds: [articleId] };
    else if (chosen === 'tag' && tagSelect.value) selection = { tag: tagSelect.value };
    else selection = { all: true };
    dialog.close();
    void hooks.exportToFolder(selection, preset());
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
