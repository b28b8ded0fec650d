/**
 * The contract handlers of the Electron host: the core's, plus the one thing
 * only Electron can do, asking where to save the Markdown export.
 */
import path from 'node:path';
import { app, dialog, shell, type BrowserWindow } from 'electron';
import { MarginaliaError } from '../../shared/contract/index.js';
import { coreHandlers, writeFileDurably, type Handlers, type Library } from '../core/index.js';
import { openCheckedLink } from './open-link.js';

/** What the Electron host knows that the core does not. */
export interface ElectronHost {
  version: string;
  /** The window save dialogs attach to, if one is open. */
  getWindow(): BrowserWindow | undefined;
}

/** Builds the handlers the main window's IPC calls reach. */
export function electronHandlers(library: Library, host: ElectronHost): Handlers {
  return coreHandlers(library, {
    host: 'electron',
    version: host.version,
    async openLink(url) {
      // The contract already refused anything unsafe; checked again right before the address leaves the app.
      await openCheckedLink(url, (address) => shell.openExternal(address));
      return true;
    },
    async chooseExportFolder(preset) {
      const options = {
        title: `Export to a Folder (${preset})`,
        buttonLabel: 'Export Here',
        defaultPath: app.getPath('documents'),
        properties: ['openDirectory' as const, 'createDirectory' as const],
      };
      const win = host.getWindow();
      const choice = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return choice.canceled ? null : (choice.filePaths[0] ?? null);
    },
    async saveMarkdownExport(articleId) {
      const { fileName, markdown } = await library.exportMarkdown(articleId);
      const options = {
        title: 'Export Notes as Markdown',
        defaultPath: path.join(app.getPath('documents'), fileName),
        filters: [{ name: 'Markdown', extensions: ['md'] }],
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      };
      const win = host.getWindow();
      const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { status: 'cancelled' as const };
      try {
        // Temp file + fsync + rename: a crash never leaves half an export over an older one.
        await writeFileDurably(choice.filePath, markdown, { mode: 0o644 });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new MarginaliaError('storage', `Could not save ${path.basename(choice.filePath)}: ${reason}`);
      }
      return { status: 'saved' as const, path: choice.filePath };
    },
  });
}
