import { randomBytes } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { z } from 'zod';
import { RecoverySchema, type Recovery } from '../../../shared/model.js';

export type { Recovery };

/** Records a repair, and says it in the log. */
export function recoveryOf(file: string, quarantinedTo: string, restoredFrom: string | null, reason: string, complete?: boolean): Recovery {
  console.warn(`[marginalia] damaged store file ${file} moved to ${quarantinedTo}; restored from ${restoredFrom ?? 'nothing'}`);
  return { at: new Date().toISOString(), file, quarantinedTo, restoredFrom, reason, ...(complete !== undefined && { complete }) };
}

const LogLineSchema = z.union([z.object({ id: z.string(), recovery: RecoverySchema }), z.object({ reported: z.string() })]);
type LogLine = z.infer<typeof LogLineSchema>;

/** A repair as logged: its id, and whether the reader was told of it. */
export interface LoggedRecovery {
  id: string;
  recovery: Recovery;
  reported: boolean;
}

/**
 * The repairs made to a library, kept in the library itself
 * (`recoveries.jsonl`, one JSON line each, appended durably) so that a
 * repair made by one process (the CLI) is told to the reader by another
 * (the app), even after a restart. A repair counts as unreported until the
 * app has shown it; then a `{"reported": id}` line is appended.
 */
export class RecoveryLog {
  /** Repairs made by this process since it opened the library, oldest first. */
  readonly made: Recovery[] = [];
  private readonly ids = new Map<Recovery, string>();

  constructor(private readonly path: string) {}

  /** Keeps a repair: in memory at once, and on disk durably (a failure to log never fails the repair). */
  async record(recovery: Recovery): Promise<void> {
    const id = `r-${randomBytes(8).toString('hex')}`;
    this.made.push(recovery);
    this.ids.set(recovery, id);
    await this.append([{ id, recovery }]);
  }

  /** What the reader is to be told: this process's repairs, and any other process's not yet reported; oldest first. */
  async toTell(): Promise<LoggedRecovery[]> {
    const logged = await this.read();
    const found = new Map(logged.map((l) => [l.id, l]));
    const mine = new Set(this.ids.values());
    const tell = logged.filter((l) => !l.reported || mine.has(l.id));
    // This process's own repairs are told even if logging them failed.
    for (const recovery of this.made) {
      const id = this.ids.get(recovery)!;
      if (!found.has(id)) tell.push({ id, recovery, reported: false });
    }
    return tell.sort((a, b) => a.recovery.at.localeCompare(b.recovery.at));
  }

  /** Marks repairs as told to the reader, so that a later start does not tell them again. */
  async markReported(told: readonly LoggedRecovery[]): Promise<void> {
    const fresh = told.filter((l) => !l.reported);
    if (fresh.length > 0) await this.append(fresh.map((l) => ({ reported: l.id })));
  }

  /** The logged repairs, each with whether it was reported; a damaged or torn line is skipped. */
  private async read(): Promise<LoggedRecovery[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return [];
    }
    const entries = new Map<string, LoggedRecovery>();
    const reported = new Set<string>();
    for (const line of text.split('\n')) {
      const parsed = LogLineSchema.safeParse(safeJSON(line));
      if (!parsed.success) continue;
      if ('recovery' in parsed.data) entries.set(parsed.data.id, { id: parsed.data.id, recovery: parsed.data.recovery as Recovery, reported: false });
      else reported.add(parsed.data.reported);
    }
    for (const id of reported) {
      const entry = entries.get(id);
      if (entry) entry.reported = true;
    }
    return [...entries.values()];
  }

  private async append(lines: LogLine[]): Promise<void> {
    try {
      const handle = await open(this.path, 'a', 0o600);
      try {
        // A leading newline ends a line a crash may have cut short, so that this one reads on its own.
        await handle.write(`\n${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
        await handle.datasync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      console.error(`[marginalia] could not log a repair in ${this.path}:`, error);
    }
  }
}

function safeJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
