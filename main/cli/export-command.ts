import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { TagSchema } from '../../shared/model.js';
import { writeFileDurably, type Library } from '../core/index.js';
import {
  exportMarkdown,
  exportToFolder,
  isPresetName,
  loadTemplate,
  presetTemplate,
  syncStateDir,
  type ExportTemplate,
  type Selection,
} from '../core/export/index.js';
import { UsageError, single, type Args } from './commands.js';

/**
 * `export`: one article as Markdown (to stdout or a file), or a selection
 * (article ids, `--tag`, `--all`) into a folder kept in sync with the library.
 */
export async function exportCommand(library: Library, args: Args, out: (line: string) => void): Promise<void> {
  const template = await templateOf(args);
  const outPath = single(args, 'out');
  const selection = selectionOf(args);
  // The names the reader gave the colours in the app's settings, as the app's exports show them.
  const { colorNames } = await library.settings.get();
  if ('articles' in selection && selection.articles.length === 1 && !(await isFolder(outPath))) {
    const { article, highlights } = await library.getArticle(selection.articles[0]!);
    const markdown = exportMarkdown(article, highlights, { exportedAt: new Date(), template, colorNames });
    if (!outPath) return out(markdown.replace(/\n$/, ''));
    await writeFileDurably(resolve(outPath), markdown, { mode: 0o644 });
    return out(resolve(outPath));
  }
  const showProgress = process.stderr.isTTY === true;
  const report = await exportToFolder(library, selection, {
    folder: resolve(outPath ?? 'marginalia-export'),
    stateDir: syncStateDir(library.dataDir),
    template,
    colorNames,
    onProgress: showProgress ? (done, total) => process.stderr.write(`\rExporting ${done}/${total}…`) : undefined,
  });
  if (showProgress && report.files.length > 0) process.stderr.write('\n');
  for (const warning of report.warnings) process.stderr.write(`warning: ${warning}\n`);
  for (const file of report.files) {
    if (file.nameTakenBy) {
      process.stderr.write(`warning: ${file.nameTakenBy} exists and was not written by Marginalia; left it alone and wrote ${file.fileName}\n`);
    }
    if (file.conflicts > 0) {
      process.stderr.write(
        `warning: ${file.fileName}: ${file.conflicts} highlight(s) changed both in the file and in Marginalia; kept both, under "Marginalia sync conflict"\n`,
      );
    }
    out(file.path);
  }
}

async function templateOf(args: Args): Promise<ExportTemplate> {
  const preset = single(args, 'preset');
  const file = single(args, 'template');
  if (preset !== undefined && file !== undefined) throw new UsageError('give --preset or --template, not both');
  if (file !== undefined) return loadTemplate(resolve(file));
  if (preset !== undefined && !isPresetName(preset)) throw new UsageError(`unknown preset "${preset}" (use plain, obsidian or logseq)`);
  return presetTemplate(preset);
}

function selectionOf(args: Args): Selection {
  const tag = single(args, 'tag');
  const all = args.flags.has('all');
  const ids = args.positionals;
  const given = [all, tag !== undefined, ids.length > 0].filter(Boolean).length;
  if (given === 0) throw new UsageError('expected an ARTICLE_ID, --tag TAG or --all');
  if (given > 1) throw new UsageError('give article ids, --tag or --all, not more than one of them');
  if (all) return { all: true };
  if (tag !== undefined) {
    const parsed = TagSchema.safeParse(tag.replace(/^#/, ''));
    if (!parsed.success) throw new UsageError(`invalid tag "${tag}": ${parsed.error.issues[0]?.message}`);
    return { tag: parsed.data };
  }
  return { articles: ids };
}

/** `--out` names a folder when it ends with a separator or is an existing folder. */
async function isFolder(path: string | undefined): Promise<boolean> {
  if (path === undefined) return false;
  if (path.endsWith('/') || path.endsWith(sep)) return true;
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
