import { createHash } from 'node:crypto';
import { mkdir, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { readFileIfExists, writeFileDurably } from '../store/index.js';

const PageSchema = z.object({
  header: z.string(),
  blocks: z.array(z.object({ id: z.string(), text: z.string(), anchors: z.array(z.string()) })),
  footer: z.string(),
});

/** What was last written for one article in one folder: the base of the next merge. */
const RecordSchema = z.object({
  version: z.literal(1),
  articleId: z.string(),
  fileName: z.string(),
  exportedAt: z.string(),
  template: z.string(),
  page: PageSchema,
});
export type ExportRecord = z.infer<typeof RecordSchema>;

/** The folder's file names, one per article, kept for good so a name never moves to another article. */
const FolderSchema = z.object({
  version: z.literal(1),
  folder: z.string(),
  names: z.record(z.string(), z.string()),
});

const FOLDER_FILE = 'folder.json';

/** Where a library keeps the sync state of its export folders. */
export const syncStateDir = (dataDir: string): string => join(dataDir, 'exports', 'sync');

/**
 * The sync state of one export folder, kept in the app's data (never in the
 * folder): `<stateDir>/<hash of the folder path>/folder.json` holds the file
 * name of every article ever exported there, and `<articleId>.json` the last
 * exported copy of each file. A damaged state file is set aside (renamed
 * `*.damaged`), never overwritten, and its article is treated as new.
 */
export class FolderState {
  private constructor(
    readonly dir: string,
    private readonly folder: string,
    private readonly names: Map<string, string>,
    private readonly records: Map<string, ExportRecord>,
  ) {}

  /** The folder's state directory (`<stateDir>/<hash of the folder path>`): also where exports into it take their lock. */
  static dirOf(stateDir: string, folder: string): string {
    return join(stateDir, createHash('sha256').update(folder).digest('hex').slice(0, 24));
  }

  /** Reads the state; call it holding the folder's lock, so that it is the latest. */
  static async open(stateDir: string, folder: string): Promise<FolderState> {
    const dir = FolderState.dirOf(stateDir, folder);
    await mkdir(dir, { recursive: true });
    const names = new Map<string, string>();
    const records = new Map<string, ExportRecord>();
    const folderJson = await readJson(join(dir, FOLDER_FILE), FolderSchema);
    for (const [id, name] of Object.entries(folderJson?.names ?? {})) names.set(id, name);
    const files = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith('.json') && entry.name !== FOLDER_FILE)
      .map((entry) => entry.name);
    for (let i = 0; i < files.length; i += 64) {
      const batch = await Promise.all(files.slice(i, i + 64).map((f) => readJson(join(dir, f), RecordSchema)));
      for (const record of batch) {
        if (!record) continue;
        records.set(record.articleId, record);
        names.set(record.articleId, record.fileName);
      }
    }
    return new FolderState(dir, folder, names, records);
  }

  fileNameOf(articleId: string): string | undefined {
    return this.names.get(articleId);
  }

  /** Every file name given out in this folder. */
  fileNames(): IterableIterator<string> {
    return this.names.values();
  }

  recordOf(articleId: string): ExportRecord | undefined {
    return this.records.get(articleId);
  }

  /** Remembers new file names before their files are written, so a crash cannot give a name twice. */
  async reserveNames(entries: [articleId: string, fileName: string][]): Promise<void> {
    if (entries.length === 0) return;
    for (const [id, name] of entries) this.names.set(id, name);
    const json = { version: 1, folder: this.folder, names: Object.fromEntries(this.names) };
    await writeFileDurably(join(this.dir, FOLDER_FILE), `${JSON.stringify(json)}\n`, { folderExists: true });
  }

  /** Saves the copy just written; call only once the file itself is on disk. */
  async saveRecord(fields: Omit<ExportRecord, 'version'>): Promise<void> {
    const record: ExportRecord = { version: 1, ...fields };
    this.records.set(record.articleId, record);
    await writeFileDurably(join(this.dir, `${record.articleId}.json`), `${JSON.stringify(record)}\n`, { folderExists: true });
  }
}

async function readJson<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined> {
  const text = await readFileIfExists(path);
  if (text === null) return undefined;
  try {
    return schema.parse(JSON.parse(text));
  } catch {
    await rename(path, `${path}.${Date.now()}.damaged`).catch(() => {});
    return undefined;
  }
}
