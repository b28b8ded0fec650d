import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { readFileIfExists, writeFileDurably } from './durable-file.js';
import { StoreFileError } from './store-errors.js';

/**
 * A lowdb adapter for one JSON file: validated (and migrated) on read,
 * written atomically and durably. Writes to one file are serialised.
 */
export class ValidatedJSONFile<T> implements Adapter<T> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly schema: z.ZodType<T>,
    private readonly migrate: (raw: unknown) => unknown = (raw) => raw,
    private readonly tempDir?: string,
  ) {}

  async read(): Promise<T | null> {
    const text = await readFileIfExists(this.path);
    if (text === null) return null;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new StoreFileError(this.path, `is not valid JSON (${(error as Error).message})`);
    }
    const migrated = this.migrate(raw);
    const parsed = this.schema.safeParse(migrated);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StoreFileError(this.path, `does not match its schema at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
    }
    return parsed.data;
  }

  write(data: T): Promise<void> {
    // A store's folders exist before it writes (it passes tempDir); elsewhere make sure.
    const next = this.queue.then(() =>
      writeFileDurably(this.path, JSON.stringify(data), { tempDir: this.tempDir, folderExists: this.tempDir !== undefined }),
    );
    this.queue = next.catch(() => {});
    return next;
  }
}
