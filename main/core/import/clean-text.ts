/** Whitespace and invisible characters, including the Unicode ones a file can be "full" of. */
const BLANK = /^[\s\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]*$/u;

/** True when the text has nothing visible in it. */
export const isBlank = (text: string): boolean => BLANK.test(text);

/** Removes control characters (terminal escapes, NUL, BEL, DEL…) but keeps tabs and line breaks. */
export function cleanControlCharacters(text: string): string {
  return text
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '') // ANSI escape sequences
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
}

/** `my-article_notes.txt` → `my article notes`. */
export function titleFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return base.replace(/[-_]+/g, ' ').trim() || 'Untitled';
}

/** Collapses runs of whitespace to one space and trims, as a browser shows a title. */
export const collapseSpaces = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Cuts a text to at most `max` characters without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = /[\ud800-\udbff]/.test(text[max - 2] ?? '') ? max - 2 : max - 1;
  return `${text.slice(0, cut)}…`;
}
