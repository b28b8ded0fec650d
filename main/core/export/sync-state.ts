import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { MarginaliaError } from '../../../shared/contract/errors.js';
import { FolderLock } from '../store/folder-lock.js';
import { readFileIfExists, syncDirectory, writeFileDurably } from '../store/index.js';
import { marginaliaLink } from './fields.js';

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
  /** The folder's device and inode (`dev:ino`), which a rename keeps: how a renamed folder is known again. */
  identity: z.string().optional(),
});
type FolderJson = z.infer<typeof FolderSchema>;

const FOLDER_FILE = 'folder.json';

/** Where a library keeps the sync state of its export folders. */
export const syncStateDir = (dataDir: string): string => join(dataDir, 'exports', 'sync');

/**
 * The sync state of one export folder, kept in the app's data (never in the
 * folder): `<stateDir>/<hash of the folder path>/folder.json` holds the file
 * name of every article ever exported there, and `<articleId>.json` the last
 * exported copy of each file. A damaged state file is set aside (renamed
 * `*.damaged`), never overwritten, and its article is treated as new.
 *
 * The state follows a folder that was renamed or moved on its disk (a vault
 * renamed in Obsidian): a folder with no state of its own takes over the state
 * of a folder with the same device and inode that is no longer at its old
 * path, provided one of the files named there is in it.
 */
export class FolderState {
  private constructor(
    readonly dir: string,
    private readonly folder: string,
    private readonly identity: string | undefined,
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
    const identity = await identityOf(folder);
    let folderJson = await readJson(join(dir, FOLDER_FILE), FolderSchema);
    if (!folderJson && identity) folderJson = await takeOverRenamed(stateDir, dir, folder, identity);
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
    const state = new FolderState(dir, folder, identity, names, records);
    // Remember where and what the folder is now, so a later rename is recognised.
    if (folderJson && (folderJson.folder !== folder || folderJson.identity !== identity)) await state.writeFolderJson();
    return state;
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
    await this.writeFolderJson();
  }

  private async writeFolderJson(): Promise<void> {
    const json: FolderJson = { version: 1, folder: this.folder, names: Object.fromEntries(this.names), identity: this.identity };
    await writeState(join(this.dir, FOLDER_FILE), `${JSON.stringify(json)}\n`);
  }

  /** Saves the copy just written; call only once the file itself is on disk. */
  async saveRecord(fields: Omit<ExportRecord, 'version'>): Promise<void> {
    const record: ExportRecord = { version: 1, ...fields };
    this.records.set(record.articleId, record);
    await writeState(join(this.dir, `${record.articleId}.json`), `${JSON.stringify(record)}\n`);
  }
}

/** Writes a state file durably; a failure is one clear line naming the file ('storage'), not a raw system error. */
async function writeState(path: string, text: string): Promise<void> {
  try {
    await writeFileDurably(path, text, { folderExists: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof MarginaliaError || !code) throw error;
    throw new MarginaliaError('storage', `Cannot write ${path}: ${code}.`);
  }
}

/** A folder's device and inode, or undefined where the file system gives none. */
async function identityOf(folder: string): Promise<string | undefined> {
  try {
    const { dev, ino } = await stat(folder, { bigint: true });
    return ino > 0n ? `${dev}:${ino}` : undefined;
  } catch {
    return undefined;
  }
}

/** Whether nothing is at `path` any more (not merely unreadable, or on a drive not mounted now). */
async function isGone(path: string): Promise<boolean> {
  try {
    await stat(path);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * Moves the state of a renamed folder to `dir`, the state directory of its new
 * path: the state whose folder had this identity, is gone from its recorded
 * path, and whose exported files are (one at least, under its own name and
 * still carrying its article's link or block ids) in the folder now. An inode
 * alone is weak evidence (numbers are reused, and some file systems make them
 * up per mount); a file of ours where the state says it is, is not.
 * The old folder's lock is held while moving; records move first and
 * `folder.json` last, none overwrites a file, and both directories are synced,
 * so a crash part way leaves a takeover the next export finishes.
 */
async function takeOverRenamed(stateDir: string, dir: string, folder: string, identity: string): Promise<FolderJson | undefined> {
  const others = (await readdir(stateDir, { withFileTypes: true })).filter((e) => e.isDirectory() && join(stateDir, e.name) !== dir);
  for (const other of others) {
    const otherDir = join(stateDir, other.name);
    const json = await readJson(join(otherDir, FOLDER_FILE), FolderSchema);
    if (!json || json.identity !== identity || json.folder === folder || !(await isGone(json.folder))) continue;
    if (!(await holdsOurFile(folder, otherDir, json))) continue;
    const taken = await new FolderLock(otherDir, 10_000).run(async () => {
      const files = (await readdir(otherDir)).filter((f) => f.endsWith('.json'));
      const present = new Set(await readdir(dir));
      for (const file of [...files.filter((f) => f !== FOLDER_FILE), ...files.filter((f) => f === FOLDER_FILE)]) {
        if (present.has(file)) continue; // Never overwrite: what is already here stays, the old copy stays there.
        await rename(join(otherDir, file), join(dir, file));
      }
      await syncDirectory(dir);
      await syncDirectory(otherDir);
      return json;
    });
    await rmdir(otherDir).catch(() => {}); // Only when empty.
    return taken;
  }
  return undefined;
}

/** Whether one of the files a state names is in `folder` at that name and still carries its article. */
async function holdsOurFile(folder: string, stateDir: string, json: FolderJson): Promise<boolean> {
  for (const [articleId, name] of Object.entries(json.names)) {
    const text = await readFileIfExists(join(folder, ...name.split('/'))).catch(() => null);
    if (text === null) continue;
    if (text.includes(marginaliaLink(articleId))) return true;
    const record = await readJson(join(stateDir, `${articleId}.json`), RecordSchema);
    if (record?.page.blocks.some((b) => b.anchors.some((a) => a !== '' && text.includes(a)))) return true;
  }
  return false;
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
