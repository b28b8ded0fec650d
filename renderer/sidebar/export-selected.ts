import type { ExportPreset, ExportSelection } from '../../shared/contract/schemas.js';
import { exportForm } from '../export-form.js';

/**
 * "Export selected…": asks which layout, then exports the chosen articles
 * into a folder kept in sync (the host asks which folder). Returns the
 * function that opens it for some articles, and the disposer.
 */
export function mountExportSelected(exportToFolder: (selection: ExportSelection, preset: ExportPreset) => Promise<void>): {
  open(articleIds: string[]): void;
  dispose(): void;
} {
  const { dialog, form, title, preset } = exportForm('export-selected-dialog', 'export-selected-title', []);

  let articleIds: string[] = [];
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    dialog.close();
    if (articleIds.length > 0) void exportToFolder({ articleIds }, preset());
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
