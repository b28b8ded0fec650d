import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A change the writer announced (crash-writer.ts's `intent` and `ack` lines). */
type Change = { op: 'add'; id?: string; note: string } | { op: 'edit'; id: string; note: string } | { op: 'delete'; id: string };

/** What a writer killed mid-write had acknowledged. */
export interface KilledWriter {
  /** Highlight id -> its note, as last acknowledged (added or edited, not deleted since). */
  acknowledged: Map<string, string>;
  /** Highlights whose deletion was acknowledged. */
  deleted: Set<string>;
  /** The change under way when the kill came: it may or may not have been saved. */
  inFlight: { op: Change['op']; id?: string; note?: string } | null;
}

/** How long the writer may take to reach its count before the test gives up on it. */
const WRITER_TIMEOUT_MS = 60_000;

/**
 * Runs test/support/crash-writer.ts on one article of the library in
 * `dataDir`, as the device of `deviceFile`, and kills it with SIGKILL as
 * soon as it has acknowledged `count` changes: in the middle of the next
 * one, while a sync engine may be reading the same files.
 */
export function killWriterAfter(count: number, options: { dataDir: string; articleId: string; deviceFile: string; seed?: number }): Promise<KilledWriter> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `${root}/test/support/crash-writer.ts`, options.dataDir, options.articleId, String(options.seed ?? 17)], {
      cwd: root,
      env: { ...process.env, MARGINALIA_DATA_DIR: '', MARGINALIA_DEVICE_FILE: options.deviceFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result: KilledWriter = { acknowledged: new Map(), deleted: new Set(), inFlight: null };
    let acks = 0;
    let buffer = '';
    let stderr = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), WRITER_TIMEOUT_MS);
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let newline = buffer.indexOf('\n'); newline !== -1; newline = buffer.indexOf('\n')) {
        const line = JSON.parse(buffer.slice(0, newline)) as { intent?: Change; ack?: Change };
        buffer = buffer.slice(newline + 1);
        if (line.intent) result.inFlight = line.intent;
        if (!line.ack) continue;
        result.inFlight = null;
        const ack = line.ack;
        if (ack.op === 'delete') {
          result.acknowledged.delete(ack.id);
          result.deleted.add(ack.id);
        } else result.acknowledged.set(ack.id!, ack.note);
        // The kill goes out at once: the writer is already on its next change.
        if (++acks === count) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(guard);
      if (signal !== 'SIGKILL') reject(new Error(`the writer ended by itself: ${stderr.trim()}`));
      else if (acks < count) reject(new Error(`the writer acknowledged only ${acks} of ${count} changes in ${WRITER_TIMEOUT_MS / 1000} s: ${stderr.trim()}`));
      else resolve(result);
    });
  });
}
