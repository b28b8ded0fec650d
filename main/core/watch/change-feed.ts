/**
 * What the library noticed changing on its own (another device's changes
 * arriving through sync, the CLI's writes), numbered so that a page can ask
 * "what changed since the last answer I got?" and wait for the next change.
 * Changes this library made itself are not in it: the page that made them
 * already shows them.
 */

/** How long a wait lasts without a change before it answers with none: well under any HTTP or IPC timeout. */
export const WAIT_MS = 25_000;

/** An answer to a wait: the feed's version now, and the articles changed after the version asked about. */
export interface Changes {
  version: number;
  articleIds: string[];
}

interface Waiter {
  since: number;
  answer: (changes: Changes) => void;
  timer: NodeJS.Timeout;
}

export class ChangeFeed {
  private version = 0;
  /** The version at which each article last changed (one entry per article, however often it changed). */
  private readonly changedAt = new Map<string, number>();
  private readonly waiters = new Set<Waiter>();
  private closed = false;

  /** Records that these articles changed; answers every wait. Nothing changed: nothing happens. */
  record(articleIds: readonly string[]): void {
    if (articleIds.length === 0 || this.closed) return;
    this.version += 1;
    for (const id of articleIds) this.changedAt.set(id, this.version);
    for (const waiter of [...this.waiters]) this.answer(waiter);
  }

  /** The version now and what changed after `since`, without waiting. */
  since(since: number): Changes {
    const articleIds: string[] = [];
    for (const [id, version] of this.changedAt) if (version > since) articleIds.push(id);
    return { version: this.version, articleIds };
  }

  /**
   * Answers as soon as something changed after `since`, or after `timeoutMs`
   * with no ids. Without `since` (a page starting), or with a version this
   * feed never gave (the page outlived a restart), it answers at once with
   * the version to ask from next.
   */
  wait(since: number | undefined, timeoutMs = WAIT_MS): Promise<Changes> {
    if (since === undefined || since > this.version || this.closed) return Promise.resolve({ version: this.version, articleIds: [] });
    const now = this.since(since);
    if (now.articleIds.length > 0) return Promise.resolve(now);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        since,
        answer: resolve,
        timer: setTimeout(() => this.answer(waiter), timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Answers every wait (with what there is) and takes no more changes. */
  close(): void {
    this.closed = true;
    for (const waiter of [...this.waiters]) this.answer(waiter);
  }

  private answer(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
    waiter.answer(this.since(waiter.since));
  }
}
