import { locateParts, type BasePart, type Found } from './locate.js';
import { merge3, sameLines } from './line-diff.js';
import { pageText, type RenderedPage } from './page.js';
import { restamp, stampsOf } from './stamp.js';
import type { ConflictFields } from './template.js';

/** What merging an export into an edited file gives. */
export interface SyncResult {
  text: string;
  /** Conflict notices written (each keeps both versions). */
  conflicts: number;
}

/** The three versions of one exported file. */
export interface SyncInput {
  /** What was written last time (the merge base). */
  base: RenderedPage;
  /** What Marginalia would write now. */
  ours: RenderedPage;
  /** The file as it is on disk. */
  theirs: string;
  renderConflict: (conflict: ConflictFields) => string;
  /**
   * The last export's copy is lost (a damaged sync state, or a crash before it
   * was saved) and `base` is the new export itself: what the file has is kept,
   * and parts missing from it are added rather than taken as deleted.
   */
  baseLost?: boolean;
  /**
   * `ours` rendered with another export date: the header and footer lines
   * that differ carry the date, and the file's date there is replaced rather
   * than merged (see `stampsOf`).
   */
  otherDate?: RenderedPage;
}

const HEADER = '\u0000header';
const FOOTER = '\u0000footer';

/**
 * Three-way merge of an exported file, part by part (header, one block per
 * highlight, footer):
 * - text outside our parts is the user's and stays where it is;
 * - a part changed on one side only takes that side's version; changed on
 *   both sides, the two are merged line by line, or else both are kept under
 *   a conflict notice;
 * - a part the user deleted stays deleted unless Marginalia changed it since
 *   (then it comes back); a part deleted in Marginalia is removed unless the
 *   user had edited it (then the user's text stays, under a notice);
 * - a new highlight goes just before the next highlight (in document order)
 *   still in the file, or else just after the previous one, or after the header;
 *   but a block with its id already in the file (written by an export whose
 *   sync state was lost) is that highlight's block, merged as if it were in
 *   the base with the new text: the file's version is kept.
 */
export function mergeExport({ base, ours, theirs, renderConflict, baseLost = false, otherDate }: SyncInput): SyncResult {
  if (theirs === pageText(base)) return { text: pageText(ours), conflicts: 0 };
  const crlf = theirs.includes('\r\n');
  const source = crlf ? theirs.replace(/\r\n/g, '\n') : theirs;
  const finalNewline = source.endsWith('\n');
  const lines = source.split('\n');
  if (finalNewline) lines.pop();

  const oursParts = new Map(partsOf(ours).map((p) => [p.key, p]));
  // The base, plus each new block with its id: if the file already has it, it is that block.
  const inBase = new Set(partsOf(base).filter((p) => p.lines.length > 0).map((p) => p.key));
  const recovered = [...oursParts.values()].filter((p) => !inBase.has(p.key) && p.anchors.length > 0);
  const baseParts = [...partsOf(base), ...recovered.map((p) => ({ ...p, anchorOnly: true }))];
  const found = locateParts(baseParts, lines);
  const baseByKey = new Map(baseParts.map((p) => [p.key, p]));
  const stamps = otherDate
    ? [...stampsOf(split(ours.header), split(otherDate.header)), ...stampsOf(split(ours.footer), split(otherDate.footer))]
    : [];
  let conflicts = 0;

  /** What replaces a part found in the file: its lines, or null to remove it. */
  const resolve = (key: string, inFileAsIs: string[]): string[] | null => {
    const edge = key === HEADER || key === FOOTER;
    const was = edge ? restamp(baseByKey.get(key)!.lines, stamps) : baseByKey.get(key)!.lines;
    const inFile = edge ? restamp(inFileAsIs, stamps) : inFileAsIs;
    const now = oursParts.get(key)?.lines ?? [];
    if (now.length === 0) {
      if (sameLines(inFile, was)) return null;
      if (key === HEADER || key === FOOTER) return inFile;
      conflicts++;
      return split(renderConflict({ kind: 'deleted', id: key, inFile: inFile.join('\n'), inApp: '' }));
    }
    if (sameLines(now, was) || sameLines(inFile, now)) return inFile;
    if (sameLines(inFile, was)) return now;
    const merged = merge3(was, now, inFile);
    if (merged) return merged;
    conflicts++;
    if (edge) {
      // The user's lines are kept, with the app's changes to other lines applied: lines the user did not
      // touch are then up to date, and the next export, merged with this one as its base, raises no
      // conflict again for lines this notice already shows.
      const kept = merge3(was, now, inFile, true);
      return split(renderConflict({ kind: 'header', id: '', inFile: kept.join('\n'), inApp: now.join('\n') }));
    }
    return split(renderConflict({ kind: 'changed', id: key, inFile: inFile.join('\n'), inApp: now.join('\n') }));
  };

  // Parts of the new export that are not in the file: new, or deleted by the user but changed since.
  const oursOrder = partsOf(ours)
    .filter((p) => p.lines.length > 0)
    .map((p) => p.key);
  const present = new Set(oursOrder.filter((key) => found.has(key)));
  const toAdd = oursOrder.filter((key) => {
    if (present.has(key)) return false;
    const was = inBase.has(key) ? baseByKey.get(key) : undefined;
    return baseLost || !was || was.lines.length === 0 || !sameLines(was.lines, oursParts.get(key)!.lines);
  });
  const before = new Map<string, string[]>(); // part key → new parts to put just before it
  const after = new Map<string, string[]>();
  const atStart: string[] = [];
  const atEnd: string[] = [];
  for (const key of toAdd) {
    const k = oursOrder.indexOf(key);
    const next = key === HEADER ? undefined : oursOrder.slice(k + 1).find((x) => present.has(x) && x !== FOOTER);
    const previous = key === FOOTER ? undefined : oursOrder.slice(0, k).reverse().find((x) => present.has(x));
    if (key === HEADER) atStart.push(key);
    else if (next) push(before, next, key);
    else if (previous) push(after, previous, key);
    else if (key === FOOTER || !present.has(FOOTER)) atEnd.push(key);
    else push(before, FOOTER, key);
  }

  const starts = new Map<number, [string, Found]>([...found].map(([key, at]) => [at.start, [key, at]]));
  const out: string[] = [];
  let needBlank = false; // after a new part: what follows is set off by a blank line
  const emitNew = (keys: string[] | undefined, where: 'before' | 'after') => {
    for (const key of keys ?? []) {
      separate(out);
      out.push(...oursParts.get(key)!.lines);
      if (where === 'before') out.push('');
      else needBlank = true;
    }
  };
  emitNew(atStart, 'before');
  let dropBlank = false;
  for (let i = 0; i < lines.length; ) {
    const part = starts.get(i);
    if (needBlank && lines[i] !== '') out.push('');
    needBlank = false;
    if (!part) {
      if (!(dropBlank && lines[i] === '')) out.push(lines[i]!);
      dropBlank = false;
      i++;
      continue;
    }
    const [key, at] = part;
    emitNew(before.get(key), 'before');
    const replacement = resolve(key, lines.slice(at.start, at.end));
    if (replacement) out.push(...replacement);
    // A removed part takes one of the blank lines around it along.
    dropBlank = replacement === null && (out.length === 0 || out[out.length - 1] === '');
    emitNew(after.get(key), 'after');
    i = at.end;
  }
  if (dropBlank) while (out[out.length - 1] === '') out.pop(); // the last part was removed: no blank tail
  emitNew(atEnd, 'after');
  let text = out.join('\n') + (finalNewline || atEnd.length > 0 ? '\n' : '');
  if (crlf) text = text.replace(/\n/g, '\r\n');
  return { text, conflicts };
}

function partsOf(page: RenderedPage): BasePart[] {
  return [
    { key: HEADER, lines: split(page.header), anchors: [], side: 'top' as const },
    ...page.blocks.map((b) => ({ key: b.id, lines: split(b.text), anchors: b.anchors })),
    { key: FOOTER, lines: split(page.footer), anchors: [], side: 'bottom' as const },
  ];
}

const split = (text: string): string[] => (text === '' ? [] : text.split('\n'));

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Ends `out` with exactly one blank line before what comes next (none at the very start). */
function separate(out: string[]): void {
  if (out.length > 0 && out[out.length - 1] !== '') out.push('');
}
