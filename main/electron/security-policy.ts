/**
 * The security rules of the Electron shell as plain data and pure functions.
 * Kept free of `electron` imports so unit tests can check them under plain Node.
 */
import { externalLinkProblem } from '../../shared/contract/external-link.js';

/** The scheme and host the renderer is served from (see protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'marginalia';
/** Every page we load starts with this; anything else is foreign. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}/`;
/** The renderer's entry page. */
export const APP_ENTRY_URL = `${APP_ORIGIN}index.html`;

/**
 * The Content-Security-Policy sent with every response of the app scheme,
 * shared with browser mode. No inline scripts or styles and no network: an
 * imported article can never run code or phone home.
 */
export { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy.js';

/** The webPreferences of every window: sandboxed, isolated, no Node in the page. */
export interface SecureWebPreferences {
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  disableBlinkFeatures: string;
  preload: string;
}

/** Builds the webPreferences for a window whose preload is at `preloadPath`. */
export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    // Dropping a file on the window must import it, not navigate to file://.
    navigateOnDragDrop: false,
    spellcheck: false,
    // Middle-click (auxclick) is another way for a link to ask for a new
    // window; setWindowOpenHandler denies those too, this removes the event.
    disableBlinkFeatures: 'Auxclick',
    preload: preloadPath,
  };
}

/** Parses a URL, or returns undefined for anything that is not one. */
function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * Whether a window may navigate to `url`: only pages of our own app scheme.
 * Compared on the parsed URL so tricks like `app://marginalia.evil/` or
 * userinfo (`app://marginalia@evil/`) do not pass a prefix test.
 */
export function isAllowedNavigation(url: string): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** Whether an IPC message comes from a frame showing our own pages. */
export function isTrustedSenderUrl(url: string | undefined): boolean {
  return url !== undefined && url.startsWith(APP_ORIGIN) && isAllowedNavigation(url);
}

/** What main knows of the frame that sent an IPC message: Electron's WebFrameMain, or null once the frame is gone. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * Whether an IPC message may be answered: it comes from a frame that still
 * exists, is the top frame of its page (our pages have no frames; one that
 * appeared would be content, not the app) and shows one of our own pages.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return frame !== null && frame !== undefined && frame.parent === null && isTrustedSenderUrl(frame.url);
}

/**
 * Whether a link the page tries to open in a new window may be offered to the
 * system browser (after the reader confirms): only safe web and mail links,
 * by the same rule as the contract's openLink.
 */
export function isExternalLink(url: string): boolean {
  return externalLinkProblem(url) === null;
}
