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
  /** Looks at everything now (after any look under way), without waiting for the quiet. */
  lookNow(): Promise<void>;
  /** Whether file events are being received (false once they failed, or were not asked for). */
  readonly hasEvents: boolean;
  stop(): Promise<void>;
}

/**
 * Temp files are half-written, and renamed to their real name when done:
 * the app's own (`.NAME.PID.HEX.tmp`) and Syncthing's downloads
 * (`.syncthing.NAME.tmp`, `~syncthing~NAME.tmp`). Their events still make a
 * look (after the settle, by when the file is in place): the rename itself
 * may bring no event, since Node's recursive watch on Linux stops reporting
 * a file after it was replaced by rename a couple of times (measured: 2
 * looks for 5 replacements), and then the temp file's event is the only one.
 */
export const isTempFile = (name: string): boolean => /\.tmp$/i.test(basename(name));

/**
 * What changed since the last look: paths (relative to the folder) that file
 * events named, or everything (a poll, an event without a name, a look asked for).
 */
export type Changed = readonly string[] | 'everything';

/**
 * Calls `look` whenever something under `folder` changed (after SETTLE_MS of
 * quiet), with the paths the events named, and every POLL_MS whatever the
 * events say, with 'everything'. Looks never overlap: what changes during a
 * look makes one more look after it.
 */
export function watchFolder(folder: string, look: (changed: Changed) => Promise<void>, options: FolderWatchOptions = {}): FolderWatch {
  const settleMs = options.settleMs ?? SETTLE_MS;
  const pollMs = options.pollMs ?? POLL_MS;
  let stopped = false;
  let looking: Promise<void> | null = null;
  /** What changed and was not looked at yet; null: nothing. */
  let pending: Set<string> | 'everything' | null = null;
  let settle: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;

  const note = (path: string | 'everything') => {
    if (path === 'everything' || pending === 'everything') pending = 'everything';
    else if (pending === null) pending = new Set([path]);
    else pending.add(path);
  };

  const lookOnce = async (changed: Changed) => {
    try {
      await look(changed);
    } catch (error) {
      options.onLookFailed?.(error);
    }
  };

  /** Looks at what is pending, and again while more comes meanwhile; the look under way if there is one. */
  const lookAtPending = (): Promise<void> => {
    if (looking) return looking;
    // Nothing to look at (a poll took it first): no look, and nothing left behind that would stand for one.
    if (stopped || pending === null) return Promise.resolve();
    looking = (async () => {
      // Pending is not null here, so the loop awaits before it ends: `looking` is cleared after it was set.
      while (pending !== null && !stopped) {
        const now = pending;
        pending = null;
        await lookOnce(now === 'everything' ? 'everything' : [...now]);
      }
      looking = null;
    })();
    return looking;
  };

  const onEvent = (_event: string, name: string | Buffer | null) => {
    if (stopped) return;
    note(typeof name === 'string' ? name : 'everything');
    clearTimeout(settle);
    settle = setTimeout(() => void lookAtPending(), settleMs);
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

  const lookAtEverything = async (): Promise<void> => {
    note('everything');
    // A look under way took what was pending before this: one more look follows it.
    await lookAtPending();
  };
  const poll = pollMs > 0 ? setInterval(() => void lookAtEverything(), pollMs) : undefined;
  poll?.unref();

  return {
    lookNow: lookAtEverything,
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
