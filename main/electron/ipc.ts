/**
 * The main side of the IPC contract: every operation registered through one
 * helper that checks who is asking before the payload is even validated.
 */
import { ipcMain, type BrowserWindow } from 'electron';
import { channelOf, EVENT_CHANNEL, OPERATIONS, type AppEvent, type Result } from '../../shared/contract/index.js';
import { dispatch, type Handlers } from '../core/index.js';
import { isTrustedSenderUrl } from './security-policy.js';

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This request did not come from a Marginalia page.' },
};

/**
 * Answers every contract operation with `handlers`. Messages from any frame
 * not showing our own pages (a stray iframe, a page navigated elsewhere) are
 * refused. Returns the function that unregisters them all.
 */
export function registerContract(handlers: Handlers): () => void {
  for (const op of OPERATIONS) {
    ipcMain.handle(channelOf(op), (event, payload: unknown) => {
      if (!isTrustedSenderUrl(event.senderFrame?.url)) return FORBIDDEN;
      return dispatch(handlers, op, payload);
    });
  }
  return () => {
    for (const op of OPERATIONS) ipcMain.removeHandler(channelOf(op));
  };
}

/** Sends a main → renderer event, if the window is still there. */
export function sendEvent(win: BrowserWindow | undefined, event: AppEvent): void {
  if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
}
