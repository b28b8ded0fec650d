import type { Article } from '../../../shared/model.js';

/** Longest stem kept, in code points and in UTF-8 bytes (file systems count bytes; temp files add ~30). */
const MAX_CHARS = 120;
const MAX_BYTES = 180;
/** Names Windows reserves for devices, with or without an extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/**
 * A file name stem from a title, safe on every file system and in Obsidian
 * links: no path separators or characters Windows forbids, no `# ^ [ ] |`,
 * no control characters, no leading or trailing dots and spaces, not a
 * reserved Windows device name, at most 120 characters and 180 bytes.
 */
export function fileStemOf(title: string): string {
  let stem = title
    .normalize('NFKC')
    .replace(/[\\/:*?"<>|#^[\]\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[. ]+/, '');
  const codePoints = [...stem];
  if (codePoints.length > MAX_CHARS) stem = codePoints.slice(0, MAX_CHARS).join('');
  while (Buffer.byteLength(stem) > MAX_BYTES) stem = [...stem].slice(0, -1).join('');
  stem = stem.replace(/[. ]+$/, '');
  return stem && !RESERVED.test(stem) ? stem : 'Untitled';
}

/** The file name an article's export gets when no other file is in the way: `<title>.md`. */
export function exportFileName(article: Pick<Article, 'title'>): string {
  return `${fileStemOf(article.title)}.md`;
}

/** Compares names as case-insensitive, normalising file systems (macOS, Windows) do. */
export const fileNameKey = (name: string): string => name.normalize('NFC').toLowerCase();

/** `name`, or `stem (2).md`, `stem (3).md`, … : the first that `isTaken` does not refuse. */
export function freeFileName(name: string, isTaken: (name: string) => boolean): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${stem} (${n})${ext}`;
    if (!isTaken(candidate)) return candidate;
  }
}
