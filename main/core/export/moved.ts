import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { marginaliaLink } from './fields.js';

/** The most Markdown files looked at in one search: a vault bigger than this is searched only in part. */
export const MAX_SCANNED_FILES = 20_000;
/** Files bigger than this are not notes Marginalia wrote. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** Files read at a time. */
const BATCH = 32;

/**
 * Finds, in `folder` and its subfolders, the files the user renamed or moved:
 * for each article of `missing` (article id → the ids its blocks had in the
 * last export), the one `.md` file that carries the article's link
 * (`marginalia://article/<id>`, not a highlight's), or failing that one of
 * those block ids. An article found in no file, or in more than one, is left
 * out. Folders whose name starts with a dot (`.obsidian`, `.trash`) are
 * skipped, as are symbolic links, files `isKnown` says belong to an article
 * already, and everything after the first `MAX_SCANNED_FILES` Markdown files.
 * Returns article id → path relative to `folder`, with `/` separators.
 */
export async function findMovedFiles(
  folder: string,
  missing: ReadonlyMap<string, readonly string[]>,
  isKnown: (relativePath: string) => boolean,
  maxFiles = MAX_SCANNED_FILES,
): Promise<Map<string, string>> {
  const paths = await markdownFiles(folder, maxFiles);
  const byLink = new Map<string, string[]>();
  const byBlock = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, id: string, path: string) => {
    const list = map.get(id);
    if (list) list.push(path);
    else map.set(id, [path]);
  };
  const links = [...missing.keys()].map((id) => ({ id, link: marginaliaLink(id) }));
  const candidates = paths.filter((p) => !isKnown(p));
  for (let i = 0; i < candidates.length; i += BATCH) {
    const texts = await Promise.all(candidates.slice(i, i + BATCH).map((p) => readNote(join(folder, ...p.split('/')))));
    texts.forEach((text, k) => {
      if (text === null) return;
      const path = candidates[i + k]!;
      for (const { id, link } of links) {
        if (hasArticleLink(text, link)) add(byLink, id, path);
        else if (missing.get(id)!.some((anchor) => anchor !== '' && text.includes(anchor))) add(byBlock, id, path);
      }
    });
  }
  const found = new Map<string, string>();
  for (const id of missing.keys()) {
    const withLink = byLink.get(id) ?? [];
    const withBlock = byBlock.get(id) ?? [];
    if (withLink.length === 1) found.set(id, withLink[0]!);
    else if (withLink.length === 0 && withBlock.length === 1) found.set(id, withBlock[0]!);
  }
  // A file is one article's: a file two articles claim is neither's.
  const claims = new Map<string, number>();
  for (const path of found.values()) claims.set(path, (claims.get(path) ?? 0) + 1);
  for (const [id, path] of found) if (claims.get(path)! > 1) found.delete(id);
  return found;
}

/** The link itself, not followed by more id characters or a highlight (`#h-…`). */
function hasArticleLink(text: string, link: string): boolean {
  for (let at = text.indexOf(link); at >= 0; at = text.indexOf(link, at + 1)) {
    const next = text[at + link.length];
    if (next === undefined || !/[\w#-]/.test(next)) return true;
  }
  return false;
}

/** The `.md` files under `folder` (relative, `/`-separated), breadth first, at most `max`. */
async function markdownFiles(folder: string, max: number): Promise<string[]> {
  const found: string[] = [];
  const queue: string[] = [''];
  while (queue.length > 0 && found.length < max) {
    const dir = queue.shift()!;
    let entries;
    try {
      entries = await readdir(dir === '' ? folder : join(folder, ...dir.split('/')), { withFileTypes: true });
    } catch {
      continue; // gone or unreadable: nothing of ours is there
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) queue.push(path);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) {
        found.push(path);
        if (found.length >= max) break;
      }
    }
  }
  return found;
}

async function readNote(path: string): Promise<string | null> {
  try {
    if ((await stat(path)).size > MAX_FILE_BYTES) return null;
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}
