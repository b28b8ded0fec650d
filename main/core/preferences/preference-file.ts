import { join } from 'node:path';
import type { z } from 'zod';
import type { Store } from '../store/index.js';
import { readFileIfExists, writeFileDurably } from '../store/index.js';
import { quarantine } from '../store/read-file.js';
import { recoveryOf } from '../store/recoveries.js';

/** A change is written when changes pause this long, or at the latest this long after the first. */
const WRITE_IDLE_MS = 1000;
const WRITE_MAX_DELAY_MS = 5000;

/**
 * One small file of the reader's own choices at the top of the library
 * (where they read up to, how the page looks): read once, validated, kept in
 * memory, and written whole and durably a moment after a change (reading
 * positions change at every pause in scrolling). A damaged file is moved to
 * quarantine, reported like any repaired store file, and replaced by the
 * defaults: losing a reading position must never stop the library opening.
 */
export class PreferenceFile<T> {
  private value: T | undefined;
  private loading: Promise<T> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private firstChangeAt: number | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly name: string,
    private readonly schema: z.ZodType<T>,
    private readonly empty: () => T,
    /** What starting afresh means for the reader, told when a damaged file is replaced ("started afresh: …"). */
    private readonly afresh: string,
  ) {}

  /** In this device's own folder of the library: each device keeps its own settings, reading places and undo. */
  get path(): string {
    return join(this.store.layout.deviceDir, this.name);
  }

  /** The file's contents (the defaults when it is missing or was damaged). */
  read(): Promise<T> {
    if (this.value !== undefined) return Promise.resolve(this.value);
    this.loading ??= this.load().then((value) => (this.value = value));
    return this.loading;
  }

  /** Changes the contents (`change` returns the new value, never edits the old one); written soon, durably. */
  async change(change: (current: T) => T): Promise<T> {
    const next = change(await this.read());
    this.value = next;
    this.scheduleWrite();
    return next;
  }

  /** Writes a pending change now (a change that must survive a crash right after it); also before the process exits. */
  flush(): Promise<void> {
    return this.close();
  }

  /** Writes a pending change now; call before the process exits. */
  async close(): Promise<void> {
    if (this.timer === undefined) return this.writing;
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.write();
  }

  private async load(): Promise<T> {
    const text = await readFileIfExists(this.path);
    if (text === null) return this.empty();
    let problem: string;
    try {
      const parsed = this.schema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      problem = `not a ${this.name} this version reads (${parsed.error.issues[0]?.message ?? 'invalid'})`;
    } catch (error) {
      problem = `not JSON (${(error as Error).message})`;
    }
    const moved = await quarantine(this.path, this.store.layout.quarantineDir, this.name);
    await this.store.recoveryLog.record(recoveryOf(this.path, moved, this.afresh, problem));
    return this.empty();
  }

  private scheduleWrite(): void {
    this.firstChangeAt ??= Date.now();
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(WRITE_IDLE_MS, this.firstChangeAt + WRITE_MAX_DELAY_MS - Date.now()));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.write().catch((error: unknown) => console.error(`[marginalia] writing ${this.name}:`, error));
    }, wait);
    this.timer.unref();
  }

  private write(): Promise<void> {
    this.firstChangeAt = undefined;
    const value = this.value;
    this.writing = this.writing
      .catch(() => {})
      .then(() => writeFileDurably(this.path, JSON.stringify(value), { tempDir: this.store.layout.tempDir }));
    return this.writing;
  }
}
