/**
 * The native application menu. Commands that need the page (export) are sent
 * to the renderer as events; importing happens here, where the file dialog is.
 */
import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { AppEvent } from '../../shared/contract/schemas.js';
import type { Library } from '../core/index.js';
import { importFromDisk } from './import-file.js';
import { sendEvent } from './ipc.js';

/** File types the importer understands, for the open dialog's filter. */
const IMPORTABLE = ['txt', 'md', 'markdown', 'html', 'htm', 'xhtml', 'epub'];

/** Edit ▸ Find in Article and Search Library reach the page as 'command' events, as Export does. */
const FIND_IN_ARTICLE: AppEvent = { type: 'command', command: 'find-in-article' };
const SEARCH_LIBRARY: AppEvent = { type: 'command', command: 'search-library' };
const ALL_HIGHLIGHTS: AppEvent = { type: 'command', command: 'all-highlights' };
const command = (name: Extract<AppEvent, { type: 'command' }>['command']): AppEvent => ({ type: 'command', command: name });

async function chooseAndImport(library: Library, win: BrowserWindow | undefined): Promise<void> {
  const options = {
    title: 'Import Article',
    properties: ['openFile' as const],
    filters: [
      { name: 'Articles', extensions: IMPORTABLE },
      { name: 'All Files', extensions: ['*'] },
    ],
  };
  const choice = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  const filePath = choice.filePaths[0];
  if (choice.canceled || filePath === undefined) return;
  await importFromDisk(library, win, filePath);
}

function showAbout(win: BrowserWindow | undefined): void {
  const options = {
    type: 'info' as const,
    title: 'About Marginalia',
    message: `Marginalia ${app.getVersion()}`,
    detail: 'Read and annotate articles offline; export your notes as Markdown.',
  };
  void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

/** Installs the application menu; `getWindow` returns the main window, if open. */
export function installMenu(library: Library, getWindow: () => BrowserWindow | undefined): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => void chooseAndImport(library, getWindow()) },
        // The page asks for the address (a dialog of its own, with what the fetch is doing); main then fetches it.
        { label: 'Import from Address…', accelerator: 'CmdOrCtrl+Shift+O', click: () => sendEvent(getWindow(), command('import-address')) },
        {
          label: 'Export Markdown…',
          accelerator: 'CmdOrCtrl+E',
          click: () => sendEvent(getWindow(), { type: 'command', command: 'export-markdown' }),
        },
        {
          label: 'Export to Folder…',
          accelerator: 'CmdOrCtrl+Shift+E',
          click: () => sendEvent(getWindow(), { type: 'command', command: 'export-folder' }),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      // Cut, copy and paste as roles: notes and tags are typed in text fields, and on
      // macOS those shortcuts only work when the menu has these roles.
      submenu: [
        // Undo and redo of highlights, notes, tags and deletions (in a text field, of the typing): the page decides.
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => sendEvent(getWindow(), command('undo')) },
        { label: 'Redo', accelerator: 'Shift+CmdOrCtrl+Z', click: () => sendEvent(getWindow(), command('redo')) },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        { label: 'Find in Article', accelerator: 'CmdOrCtrl+F', click: () => sendEvent(getWindow(), FIND_IN_ARTICLE) },
        { label: 'Search Library…', accelerator: 'CmdOrCtrl+K', click: () => sendEvent(getWindow(), SEARCH_LIBRARY) },
      ],
    },
    {
      label: '&View',
      submenu: [
        { label: 'All Highlights', accelerator: 'CmdOrCtrl+Shift+H', click: () => sendEvent(getWindow(), ALL_HIGHLIGHTS) },
        { type: 'separator' },
        // The text's size is a reading setting (kept in the library), not the window's zoom.
        { label: 'Reading Settings…', accelerator: 'CmdOrCtrl+,', click: () => sendEvent(getWindow(), command('settings')) },
        { label: 'Bigger Text', accelerator: 'CmdOrCtrl+=', click: () => sendEvent(getWindow(), command('text-bigger')) },
        { label: 'Smaller Text', accelerator: 'CmdOrCtrl+-', click: () => sendEvent(getWindow(), command('text-smaller')) },
        { label: 'Default Text Size', accelerator: 'CmdOrCtrl+0', click: () => sendEvent(getWindow(), command('text-reset')) },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        // Developer tools only in development: a shipped app has no use for them.
        ...(app.isPackaged ? [] : [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    { label: '&Help', role: 'help', submenu: [{ label: 'About Marginalia', click: () => showAbout(getWindow()) }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
