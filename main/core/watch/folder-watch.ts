import { watch, type FSWatcher } from 'node:fs';
import { basename } from 'node:path';

/**
 * Watching the library folder for changes another device (through a sync
 * engine) or another process (the CLI) makes while the app runs. File
 * events come fast but are not to be trusted alone: network drives, some
 * sync engines (writing through FUSE or a placeholder layer) and a full
 * inotify table deliver none, so a slow poll looks anyway. Either way the
 * watcher only says "look now"; what changed is for `look` to find out.
 */

/** Quiet after a file event before looking: a sync engine writes a burst (temp file, rename, the next file). */
export const SETTLE_MS = 150;
/** How often to look without any event: slow enough to cost nothing, quick enough that a missed event is not noticed. */
export const POLL_MS = 2000;

export interface FolderWatchOptions {
  /** Milliseconds of quiet after a file event before looking (SETTLE_MS). */
  settleMs?: number;
  /** Milliseconds between looks without events (POLL_MS); 0: no poll. */
  pollMs?: number;
  /** Whether to listen for file events at all; false: the poll alone (as on a network drive). */
  events?: boolean;
  /** Told when file events cannot be had (the poll carries on alone). */
  onEventsLost?: (error: Error) => void;
  /** Told when a look failed (the next one tries again). */
  onLookFailed?: (error: unknown) => void;
}

/** A running watch; `stop` ends it (and waits for a look under way). */
export interface FolderWatch {
  /** Looks now (after any look under way), as an event would, without waiting for the quiet. */
  lookNow(): Promise<void>;
  /** Whether file events are being received (false once they failed, or were not asked for). */
  readonly hasEvents: boolean;
  stop(): Promise<void>;
}

/**
 * Temp files are half-written, and renamed to their real name when done
 * (which is its own event): the app's own (`.NAME.PID.HEX.tmp`) and
 * Syncthing's downloads (`.syncthing.NAME.tmp`, `~syncthing~NAME.tmp`).
 */
export const isTempFile = (name: string): boolean => /\.tmp$/i.test(basename(name));

/**
 * Calls `look` whenever something under `folder` changed (after SETTLE_MS of
 * quiet), and every POLL_MS whatever the events say. Looks never overlap:
 * an event during a look makes one more look after it.
 */
export function watchFolder(folder: string, look: () => Promise<void>, options: FolderWatchOptions = {}): FolderWatch {
  const settleMs = options.settleMs ?? SETTLE_MS;
  const pollMs = options.pollMs ?? POLL_MS;
  let stopped = false;
  let looking: Promise<void> | null = null;
  let lookAgain = false;
  let settle: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;

  const lookOnce = async () => {
    try {
      await look();
    } catch (error) {
      options.onLookFailed?.(error);
    }
  };

  /** Starts a look, or asks for one more after the look under way. */
  const lookSoon = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (looking) {
      lookAgain = true;
      return looking;
    }
    looking = (async () => {
      do {
        lookAgain = false;
        await lookOnce();
      } while (lookAgain && !stopped);
      looking = null;
    })();
    return looking;
  };

  const onEvent = (_event: string, name: string | Buffer | null) => {
    if (stopped) return;
    if (typeof name === 'string' && isTempFile(name)) return;
    clearTimeout(settle);
    settle = setTimeout(() => void lookSoon(), settleMs);
  };

  const loseEvents = (error: Error) => {
    watcher?.close();
    watcher = undefined;
    options.onEventsLost?.(error);
  };

  if (options.events !== false) {
    try {
      // Recursive: an article is a folder, and its journals change inside it.
      watcher = watch(folder, { recursive: true, persistent: false }, onEvent);
      watcher.on('error', loseEvents);
    } catch (error) {
      // ENOSPC (inotify's table is full), a file system without events: the poll alone.
      loseEvents(error as Error);
    }
  }

  const poll = pollMs > 0 ? setInterval(() => void lookSoon(), pollMs) : undefined;
  poll?.unref();

  return {
    lookNow: lookSoon,
    get hasEvents() {
      return watcher !== undefined;
    },
    async stop() {
      stopped = true;
      clearTimeout(settle);
      clearInterval(poll);
      watcher?.close();
      watcher = undefined;
      await looking;
    },
  };
}
