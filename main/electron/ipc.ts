/**
 * The main side of the IPC contract: every operation registered through one
 * helper that checks who is asking before the payload is even validated.
 * `ipcMain` is passed in (main.ts gives Electron's), so tests drive the real
 * helper with a stand-in under plain Node; only types come from electron.
 */
import type { BrowserWindow, IpcMain } from 'electron';
import { channelOf, EVENT_CHANNEL, OPERATIONS, type AppEvent, type Result } from '../../shared/contract/index.js';
import { dispatch, type Handlers } from '../core/index.js';
import { isTrustedSender } from './security-policy.js';

/** The part of Electron's ipcMain the contract uses. */
export type ContractIpcMain = Pick<IpcMain, 'handle' | 'removeHandler'>;

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This request did not come from a Marginalia page.' },
};

/**
 * Answers every contract operation on `ipcMain` with `handlers`. Messages
 * from any frame but the top frame of one of our own pages (a stray iframe,
 * a page navigated elsewhere, a frame already gone) are refused before their
 * payload is looked at. Returns the function that unregisters them all.
 */
export function registerContract(ipcMain: ContractIpcMain, handlers: Handlers): () => void {
  for (const op of OPERATIONS) {
    ipcMain.handle(channelOf(op), (event, payload: unknown) => {
      if (!isTrustedSender(event.senderFrame)) return FORBIDDEN;
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
