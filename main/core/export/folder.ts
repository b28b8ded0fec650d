import { mkdir, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MarginaliaError } from '../../../shared/contract/errors.js';
import type { Article, Highlight } from '../../../shared/model.js';
import type { ColorNames } from '../../../shared/settings.js';
import { writeFileDurably } from '../store/index.js';
import { FolderLock } from '../store/folder-lock.js';
import { exportFileName, fileNameKey, freeFileName } from './file-name.js';
import { presetTemplate } from './markdown.js';
import { pageText, type RenderedPage } from './page.js';
import { candidatesOf, renderSelected, selectedHighlights, type ArticleSource, type Selection } from './select.js';
import { marginaliaLink } from './fields.js';
import { findMovedFiles } from './moved.js';
import { readFileIfExists } from '../store/index.js';
import { FolderState } from './sync-state.js';
import { mergeExport } from './sync.js';
import type { ConflictFields, ExportTemplate } from './template.js';

/** How to export into a folder. */
export interface FolderExportOptions {
  /** The output folder (a vault, a graph's pages/ folder…); created if missing. */
  folder: string;
  /** Where the sync state lives, in the app's data (e.g. `<dataDir>/exports/sync`), never in the folder. */
  stateDir: string;
  /** The layout; the default preset (obsidian) when not given. Use one layout per folder. */
  template?: ExportTemplate;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** The names the reader gave the colours (Settings), shown with each highlight. */
  colorNames?: ColorNames;
  /** Called after each article: how many are done, out of how many. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * What happened to one article's file: written for the first time, merged
 * and rewritten, left as it was, or written again after the user deleted it.
 */
export type FileStatus = 'created' | 'updated' | 'unchanged' | 'recreated';

export interface ExportedFile {
  articleId: string;
  title: string;
  fileName: string;
  path: string;
  status: FileStatus;
  /** Conflict notices written into the file (both versions kept under each). */
  conflicts: number;
  /** The name the title asked for, when a file Marginalia did not write already had it. */
  nameTakenBy?: string;
}

export interface FolderExportReport {
  folder: string;
  files: ExportedFile[];
  conflicts: number;
  /** Things the user should know, e.g. that the folder was last exported with another layout. */
  warnings: string[];
}

/** Articles read and merged together; their writes run concurrently. */
const BATCH = 32;

/**
 * Exports a selection of the library into a folder, one Markdown file per
 * article, and keeps it in sync on later exports: each file is merged with
 * the user's edits (see `mergeExport`) rather than overwritten. A file that
 * Marginalia did not write is never touched: the article gets the next free
 * name (`Title (2).md`) instead, also when it took the name of a file the
 * user deleted (it carries none of the last export's ids, parts or link).
 * File names, once given, stay with their article; a file the user renamed or moved into a subfolder is found again
 * (by the article's link or its block ids) and merged into where it is now. Each file is written durably before its sync state, so a failure
 * part way leaves every file either as it was or fully exported. Exports into
 * one folder (the app's and the CLI's) take turns: each holds the folder's
 * lock, in its sync state directory, from reading the state to the last write.
 */
export async function exportToFolder(
  source: ArticleSource,
  selection: Selection,
  options: FolderExportOptions,
): Promise<FolderExportReport> {
  const folder = await openFolder(options.folder);
  const lockDir = FolderState.dirOf(options.stateDir, folder);
  try {
    await mkdir(lockDir, { recursive: true });
  } catch (error) {
    throw storageError(lockDir, error);
  }
  return new FolderLock(lockDir, LOCK_TIMEOUT_MS).run(() => exportLocked(source, selection, options, folder));
}

/** How long an export waits for another one into the same folder to finish. */
const LOCK_TIMEOUT_MS = 60_000;

async function exportLocked(
  source: ArticleSource,
  selection: Selection,
  options: FolderExportOptions,
  folder: string,
): Promise<FolderExportReport> {
  const template = options.template ?? presetTemplate();
  const now = options.now ?? (() => new Date());
  const state = await FolderState.open(options.stateDir, folder);
  const onDisk = new Set((await readdir(folder)).map(fileNameKey));
  const given = new Set([...state.fileNames()].map(fileNameKey));
  const candidates = await candidatesOf(source, selection);
  const moved = await movedFiles(folder, state, onDisk, candidates.map((c) => c.id));
  const files: ExportedFile[] = [];
  const otherLayouts = new Set<string>();
  let done = 0;

  for (let i = 0; i < candidates.length; i += BATCH) {
    const loaded = await Promise.all(
      candidates.slice(i, i + BATCH).map(async (summary) => {
        const { article, highlights } = await source.getArticle(summary.id);
        const selected = selectedHighlights(article, highlights, selection);
        return selected ? { article, all: highlights, selected } : null;
      }),
    );
    const items = loaded.filter((item) => item !== null);
    // The files at the names already given, read once here: one that is not the article's any more is someone else's.
    const current = new Map<string, string | null>();
    await Promise.all(
      items.map(async ({ article }) => {
        const name = state.fileNameOf(article.id);
        if (name === undefined || moved.has(article.id) || !state.recordOf(article.id)) return;
        const path = join(folder, name);
        try {
          current.set(article.id, await readFileIfExists(path));
        } catch (error) {
          throw storageError(path, error);
        }
      }),
    );
    const foreign = items.filter(({ article }) => {
      const text = current.get(article.id);
      return text != null && !carriesArticle(text, article.id, state.recordOf(article.id)!.page);
    });
    const foreignMoved = await movedAway(folder, state, foreign.map(({ article }) => article.id));
    const reservations: [string, string][] = [];
    const takenBy = new Map<string, string>();
    for (const { article } of items) {
      const layout = state.recordOf(article.id)?.template;
      if (layout !== undefined && layout !== template.name) otherLayouts.add(layout);
      const movedTo = moved.get(article.id) ?? foreignMoved.get(article.id);
      if (movedTo !== undefined) {
        // The user renamed or moved the file: it is the article's file from now on.
        given.add(fileNameKey(movedTo));
        reservations.push([article.id, movedTo]);
        continue;
      }
      const stored = state.fileNameOf(article.id);
      const takenByOther = foreign.some((item) => item.article === article);
      if (stored && !takenByOther) continue;
      // New, or the file at its name is now someone else's (the user deleted ours, then made a note of that name): left alone.
      const wanted = exportFileName(article);
      const name = freeFileName(wanted, (n) => given.has(fileNameKey(n)) || onDisk.has(fileNameKey(n)));
      given.add(fileNameKey(name));
      reservations.push([article.id, name]);
      current.delete(article.id);
      if (takenByOther) takenBy.set(article.id, stored!);
      else if (name !== wanted && onDisk.has(fileNameKey(wanted)) && !isOurs(state, wanted)) takenBy.set(article.id, wanted);
    }
    for (const id of foreignMoved.keys()) current.delete(id);
    await state.reserveNames(reservations);
    done += loaded.length - items.length; // articles the selection leaves out are done at once
    const exported = await Promise.all(
      items.map(async (item) => {
        const file = await exportOne(item, { folder, state, template, exportedAt: now(), colorNames: options.colorNames }, current.get(item.article.id));
        options.onProgress?.(++done, candidates.length);
        const wanted = takenBy.get(item.article.id);
        return wanted ? { ...file, nameTakenBy: wanted } : file;
      }),
    );
    files.push(...exported);
  }
  const warnings = [...otherLayouts].map(
    (layout) =>
      `${folder} was last exported with the layout "${layout}", now with "${template.name}": files keep the parts of both. Use one layout per folder.`,
  );
  return { folder, files, conflicts: files.reduce((n, f) => n + f.conflicts, 0), warnings };
}

/**
 * Where the user moved the files of these articles: for each article whose
 * file is not at its stored name, the one Markdown file elsewhere in the
 * folder that carries it (see `findMovedFiles`). The folder is searched once,
 * and only when some file is missing.
 */
async function movedFiles(folder: string, state: FolderState, onDisk: Set<string>, articleIds: string[]): Promise<Map<string, string>> {
  const missing = new Map<string, string[]>();
  for (const id of articleIds) {
    const name = state.fileNameOf(id);
    if (name === undefined) continue;
    if (!name.includes('/') ? !onDisk.has(fileNameKey(name)) : !(await isFile(join(folder, name)))) {
      missing.set(id, state.recordOf(id)?.page.blocks.flatMap((b) => b.anchors) ?? []);
    }
  }
  if (missing.size === 0) return new Map();
  const known = new Set([...state.fileNames()].map(fileNameKey));
  try {
    return await findMovedFiles(folder, missing, (path) => known.has(fileNameKey(path)));
  } catch (error) {
    throw storageError(folder, error);
  }
}

/**
 * Where the user moved the files of these articles, whose names now hold
 * someone else's file (see `findMovedFiles`); the folder is searched only
 * when there are some.
 */
async function movedAway(folder: string, state: FolderState, articleIds: string[]): Promise<Map<string, string>> {
  if (articleIds.length === 0) return new Map();
  const missing = new Map(articleIds.map((id) => [id, state.recordOf(id)?.page.blocks.flatMap((b) => b.anchors) ?? []]));
  const known = new Set([...state.fileNames()].map(fileNameKey));
  try {
    return await findMovedFiles(folder, missing, (path) => known.has(fileNameKey(path)));
  } catch (error) {
    throw storageError(folder, error);
  }
}

const MEANINGFUL = /[\p{L}\p{N}]/u;

/**
 * Whether a file at an article's name is still the article's: it has the
 * article's link, one of the last export's block ids, or one of its parts
 * word for word. However much the user edited it, such a file is ours; one
 * with none of these is someone else's (the user deleted ours and made a
 * note of that name, by hand or from a link).
 */
function carriesArticle(text: string, articleId: string, page: RenderedPage): boolean {
  if (text.includes(marginaliaLink(articleId))) return true;
  if (page.blocks.some((b) => b.anchors.some((a) => a !== '' && text.includes(a)))) return true;
  const lf = text.replace(/\r\n/g, '\n');
  return [page.header, ...page.blocks.map((b) => b.text), page.footer].some((part) => MEANINGFUL.test(part) && lf.includes(part));
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function openFolder(path: string): Promise<string> {
  try {
    await mkdir(path, { recursive: true });
    return await realpath(path);
  } catch (error) {
    throw storageError(path, error);
  }
}

const isOurs = (state: FolderState, name: string): boolean =>
  [...state.fileNames()].some((n) => fileNameKey(n) === fileNameKey(name));

interface Context {
  folder: string;
  state: FolderState;
  template: ExportTemplate;
  exportedAt: Date;
  colorNames?: ColorNames;
}

async function exportOne(
  { article, all, selected }: { article: Article; all: Highlight[]; selected: Highlight[] },
  { folder, state, template, exportedAt, colorNames }: Context,
  /** The file's text, when already read (null: there is none). */
  read?: string | null,
): Promise<ExportedFile> {
  const fileName = state.fileNameOf(article.id)!;
  const path = join(folder, fileName);
  const record = state.recordOf(article.id);
  const highlights = { all, selected };
  const render = (date: Date) => renderSelected(template, article, highlights, record?.page, date, colorNames);
  // Rendered with the last export's date first: if nothing changed in the app, neither does the file.
  let ours: RenderedPage | undefined;
  let at = exportedAt.toISOString();
  if (record) {
    const again = render(new Date(record.exportedAt));
    if (samePage(again, record.page)) {
      ours = record.page;
      at = record.exportedAt;
    }
  }
  ours ??= render(exportedAt);

  let theirs: string | null;
  try {
    theirs = read !== undefined ? read : await readFileIfExists(path);
  } catch (error) {
    throw storageError(path, error);
  }
  let text: string;
  let conflicts = 0;
  const renderConflict = (c: ConflictFields) => template.renderConflict(c);
  if (theirs === null) text = pageText(ours); // new, or deleted by the user
  else if (!record) ({ text, conflicts } = mergeExport({ base: ours, ours, theirs, renderConflict, baseLost: true }));
  else if (ours === record.page) text = theirs;
  else {
    const otherDate = render(new Date(0));
    ({ text, conflicts } = mergeExport({ base: record.page, ours, theirs, renderConflict, otherDate }));
  }

  if (text !== theirs) {
    try {
      await writeFileDurably(path, text, { mode: 0o644, folderExists: true });
    } catch (error) {
      throw storageError(path, error);
    }
  }
  if (!record || ours !== record.page || record.fileName !== fileName) {
    await state.saveRecord({ articleId: article.id, fileName, exportedAt: at, template: template.name, page: ours });
  }
  const status: FileStatus = theirs === null ? (record ? 'recreated' : 'created') : text === theirs ? 'unchanged' : 'updated';
  return { articleId: article.id, title: article.title, fileName, path, status, conflicts };
}

function samePage(a: RenderedPage, b: RenderedPage): boolean {
  return (
    a.header === b.header &&
    a.footer === b.footer &&
    a.blocks.length === b.blocks.length &&
    a.blocks.every((block, i) => block.id === b.blocks[i]!.id && block.text === b.blocks[i]!.text)
  );
}

function storageError(path: string, error: unknown): Error {
  if (error instanceof MarginaliaError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  return code ? new MarginaliaError('storage', `Cannot write ${path}: ${code}.`) : (error as Error);
}
