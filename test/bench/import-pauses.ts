/** How long the host thread stalls while an import runs: what a window served by that thread would feel. */

/** The ticker's period: a pause shorter than this cannot be seen. */
const TICK_MS = 5;

/** What one run measured: the longest gap between ticks of this thread's event loop, and the run's wall time. */
export interface PauseRun {
  longestPauseMs: number;
  tookMs: number;
}

/** Runs `work` while a ticker on this thread notes the longest time it could not run. */
export async function measurePauses(work: () => Promise<unknown>): Promise<PauseRun> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, TICK_MS);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(ticker);
  }
  const ended = performance.now();
  return { longestPauseMs: Math.max(longest, ended - last), tookMs: ended - started };
}
