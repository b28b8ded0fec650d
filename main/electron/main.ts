/**
 * Electron main entry: one instance per library, the app scheme, the window,
 * the menu and the IPC contract, wired to the core library.
 */
import path from 'node:path';
import { app, dialog, ipcMain, session, type BrowserWindow } from 'electron';
import { importInWorker, openLibrary, type Library } from '../core/index.js';
import { electronHandlers } from './handlers.js';
import { importFromDisk } from './import-file.js';
import { registerContract } from './ipc.js';
import { installMenu } from './menu.js';
import { dataDirArgument, fileArgument, LIBRARY_FOLDER, resolveDataDir } from '../core/paths.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { unpackedPath } from './unpacked.js';
import { createMainWindow, denyAllPermissions, guardWebContents } from './window.js';

/**
 * Our version, stamped in by scripts/build-main.mjs: app.getVersion() reports
 * Electron's own version when started on dist/main/main.cjs in development.
 */
const APP_VERSION = process.env.MARGINALIA_VERSION ?? app.getVersion();

/** The arguments after the executable (and, in development, the app entry). */
const documentArgs = (argv: readonly string[]) => argv.slice(app.isPackaged ? 1 : 2);

const dataDir = resolveDataDir(process.argv, process.env, path.join(app.getPath('userData'), LIBRARY_FOLDER));
if (dataDirArgument(process.argv) || process.env.MARGINALIA_DATA_DIR) {
  // A separate library gets its own browser profile, and so its own
  // single-instance lock: tests with a temp library never collide with a
  // running copy, and two apps never write one library.
  app.setPath('userData', path.join(dataDir, '.electron-profile'));
}

// Every renderer is sandboxed, whatever a window's options say.
app.enableSandbox();
registerAppScheme();
app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

let mainWindow: BrowserWindow | undefined;
let library: Library | undefined;
/** Whether the page has loaded and so can receive the "library-changed" event. */
let pageLoaded = false;
/** Files asked for before the library and page were ready (macOS "open-file" fires early). */
const pendingImports: string[] = [];

const currentWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : undefined);

function flushImports(): void {
  if (!library || !pageLoaded) return;
  for (const file of pendingImports.splice(0)) void importFromDisk(library, currentWindow(), file);
}

function importWhenReady(filePath: string): void {
  pendingImports.push(filePath);
  flushImports();
}

function showMainWindow(): void {
  let win = currentWindow();
  if (!win) {
    pageLoaded = false;
    win = mainWindow = createMainWindow(path.join(__dirname, 'preload.cjs'));
    win.webContents.once('did-finish-load', () => {
      pageLoaded = true;
      flushImports();
    });
  }
  if (win.isMinimized()) win.restore();
  win.focus();
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  serveRenderer(path.join(__dirname, '..', 'renderer'));
  // In development the bundle is dist/main/main.cjs, so the repo's assets are
  // two folders up; app.getAppPath() would be dist/main when Electron is
  // started on the file rather than the folder.
  const defaultArticlePath = app.isPackaged
    ? path.join(process.resourcesPath, 'putin-obama-syria.txt')
    : path.join(__dirname, '..', '..', 'assets', 'putin-obama-syria.txt');
  // Parsing runs on a worker thread: a large page never stalls the windows' thread.
  // The worker file is unpacked from the asar archive (electron-builder.yml) so a thread can load it.
  const workerFile = unpackedPath(path.join(__dirname, 'import-worker.cjs'));
  const opened = await openLibrary({ dataDir, defaultArticlePath, importer: importInWorker(workerFile) });
  library = opened;
  registerContract(ipcMain, electronHandlers(opened, { version: APP_VERSION, getWindow: currentWindow }));
  installMenu(opened, currentWindow);
  const launchFile = fileArgument(documentArgs(process.argv));
  if (launchFile) pendingImports.push(launchFile);
  showMainWindow();
}

function failToStart(error: unknown): void {
  console.error('[marginalia] could not start:', error);
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Marginalia could not start', `${message}\n\nLibrary folder: ${dataDir}`);
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns this library; it gets our argv and takes over.
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    const file = fileArgument(documentArgs(argv));
    if (file) importWhenReady(file);
    if (library) showMainWindow();
  });
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    importWhenReady(filePath);
  });
  app.on('activate', () => {
    if (library) showMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Write the library index before leaving (highlights themselves are already durable).
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed || !library) return;
    event.preventDefault();
    library
      .close()
      .catch((error) => console.error('[marginalia] closing the library:', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
  app.whenReady().then(start).catch(failToStart);
}
