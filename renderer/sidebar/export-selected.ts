import type { ExportPreset, ExportSelection } from '../../shared/contract/schemas.js';
import { exportForm } from '../export-form.js';

/**
 * "Export selected…" and "Export these…": asks which layout, then exports
 * what was chosen (articles picked in the library, the highlights a filter
 * keeps) into a folder kept in sync (the host asks which folder). Returns
 * the function that opens it, and the disposer.
 */
export function mountExportSelected(exportToFolder: (selection: ExportSelection, preset: ExportPreset) => Promise<void>): {
  /** Opens the dialog for `selection`, titled `title` ("Export 3 selected articles to a folder"). */
  open(selection: ExportSelection, title: string): void;
  dispose(): void;
} {
  const { dialog, form, title, preset } = exportForm('export-selected-dialog', 'export-selected-title', []);

  let chosen: ExportSelection | null = null;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    dialog.close();
    if (chosen) void exportToFolder(chosen, preset());
  });

  return {
    open(selection, heading) {
      chosen = selection;
      title.textContent = heading;
      dialog.showModal();
    },
    dispose: () => dialog.remove(),
  };
}
