/**
 * The main window and the guards every web page of the app runs under:
 * no navigation away from our scheme, no pop-ups, no webviews, no permissions.
 */
import { BrowserWindow, dialog, shell, type Session, type WebContents } from 'electron';
import { openCheckedLink } from './open-link.js';
import { APP_ENTRY_URL, isAllowedNavigation, isExternalLink, secureWebPreferences } from './security-policy.js';

/**
 * Offers to open a link in the system browser. Asks first because the link
 * comes from an imported article, which we do not trust.
 */
async function offerExternalLink(contents: WebContents, url: string): Promise<void> {
  const owner = BrowserWindow.fromWebContents(contents);
  const options = {
    type: 'question' as const,
    buttons: ['Open in Browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your web browser?',
    detail: url,
  };
  const { response } = owner ? await dialog.showMessageBox(owner, options) : await dialog.showMessageBox(options);
  if (response === 0) await openCheckedLink(url, (address) => shell.openExternal(address));
}

const guarded = new WeakSet<WebContents>();

/**
 * Keeps `contents` on our own pages. Installed for every web contents the
 * app creates (see main.ts), not only the main window's; safe to call twice.
 */
export function guardWebContents(contents: WebContents): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void offerExternalLink(contents, url).catch(() => undefined);
    return { action: 'deny' };
  });
}

/** Refuses every permission (camera, notifications, clipboard read, …): a reader needs none. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Opens the main window on the renderer's entry page. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 820,
    minWidth: 640,
    minHeight: 480,
    title: 'Marginalia',
    show: false,
    backgroundColor: '#fbfaf7',
    webPreferences: secureWebPreferences(preloadPath),
  });
  guardWebContents(win.webContents);
  // Shown once painted, so the reader never sees a white flash.
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
