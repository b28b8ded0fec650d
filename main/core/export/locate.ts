import { diffLines, matchedPairs } from './line-diff.js';

/** A part of the last export (header, a highlight block, footer) as lines. */
export interface BasePart {
  key: string;
  lines: string[];
  /** Strings that identify the part (a highlight's id and UUID); none for header and footer. */
  anchors: string[];
  /** Where an edited part is looked for when it has no anchor. */
  side?: 'top' | 'bottom';
  /** Found only word for word or by an anchor line, never by its quote (a block the last export did not write). */
  anchorOnly?: boolean;
}

/** Where a part is in the file: lines [start, end). */
export interface Found {
  start: number;
  end: number;
}

const MEANINGFUL = /[\p{L}\p{N}]/u;

/**
 * Finds the parts of the last export in the file as the user left it.
 * A part found word for word is found wherever the user moved it. A part the
 * user edited is found by its anchor line (the line carrying its id, e.g.
 * `^h-…` or `id:: …`), and spans the lines around the anchor that line up with
 * the part (the header and footer line up from the top and the bottom). A
 * highlight block whose anchor line the user deleted is found by a line that
 * only it has (its quote), found once in the file. A part not found was
 * deleted by the user. Lines in no part are the user's own.
 */
export function locateParts(parts: readonly BasePart[], lines: readonly string[]): Map<string, Found> {
  const found = new Map<string, Found>();
  const claimed = new Uint8Array(lines.length);
  const claim = (key: string, start: number, end: number) => {
    found.set(key, { start, end });
    claimed.fill(1, start, end);
  };
  const positions = new Map<string, number[]>();
  lines.forEach((line, i) => {
    const list = positions.get(line);
    if (list) list.push(i);
    else positions.set(line, [i]);
  });
  const partsWith = new Map<string, number>(); // line → how many times the parts have it
  for (const part of parts) for (const line of part.lines) partsWith.set(line, (partsWith.get(line) ?? 0) + 1);

  // 1. Unchanged parts, wherever they are: look up their rarest line, then compare the whole part.
  for (const part of parts) {
    if (part.lines.length === 0) continue;
    let pivot = 0;
    for (let i = 1; i < part.lines.length; i++) {
      if ((positions.get(part.lines[i]!)?.length ?? 0) < (positions.get(part.lines[pivot]!)?.length ?? 0)) pivot = i;
    }
    for (const at of positions.get(part.lines[pivot]!) ?? []) {
      const start = at - pivot;
      if (start >= 0 && start + part.lines.length <= lines.length && isFree(claimed, start, start + part.lines.length)) {
        if (part.lines.every((line, i) => lines[start + i] === line)) {
          claim(part.key, start, start + part.lines.length);
          break;
        }
      }
    }
  }

  // 2. Edited parts: by their anchor line, or from the top or bottom of the file.
  const edited: { part: BasePart; at: number; anchorIndex: number; byQuote?: boolean }[] = [];
  for (const part of parts) {
    if (found.has(part.key) || part.lines.length === 0) continue;
    const anchor = anchorOf(part, lines, positions, claimed) ?? quoteOf(part, positions, claimed, partsWith);
    if (anchor) edited.push({ part, ...anchor });
  }
  edited.sort((a, b) => a.at - b.at);
  for (const [k, { part, at, anchorIndex, byQuote = false }] of edited.entries()) {
    // The window: free lines around the anchor, not reaching another edited part's anchor.
    let lo = at;
    const floor = k > 0 ? edited[k - 1]!.at + 1 : 0;
    while (lo > floor && !claimed[lo - 1]) lo--;
    let hi = at + 1;
    // …nor the lines the next edited part had before its anchor.
    const next = edited[k + 1];
    const ceiling = next ? Math.max(at + 1, next.at - Math.max(0, next.anchorIndex)) : lines.length;
    while (hi < ceiling && !claimed[hi]) hi++;
    if (part.side === 'top' && anchorIndex < 0) hi = Math.min(hi, firstClaimed(claimed, 0));
    const span = spanOf(part.lines, lines.slice(lo, hi), anchorIndex >= 0 ? [anchorIndex, at - lo] : undefined, !byQuote);
    if (span) claim(part.key, lo + span.start, lo + span.end);
  }
  return found;
}

function isFree(claimed: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (claimed[i]) return false;
  return true;
}

function firstClaimed(claimed: Uint8Array, from: number): number {
  let i = from;
  while (i < claimed.length && !claimed[i]) i++;
  return i;
}

/** The part's anchor in the file: its first anchor line found unchanged; for header and footer, the file's edge. */
function anchorOf(
  part: BasePart,
  lines: readonly string[],
  positions: Map<string, number[]>,
  claimed: Uint8Array,
): { at: number; anchorIndex: number } | undefined {
  for (const [index, line] of part.lines.entries()) {
    if (!part.anchors.some((a) => line.includes(a))) continue;
    const at = positions.get(line)?.find((p) => !claimed[p]);
    if (at !== undefined) return { at, anchorIndex: index };
  }
  if (part.side === 'top') {
    const at = firstFree(claimed, 0, 1);
    return at === undefined ? undefined : { at, anchorIndex: -1 };
  }
  if (part.side === 'bottom') {
    const at = firstFree(claimed, lines.length - 1, -1);
    return at === undefined ? undefined : { at, anchorIndex: -1 };
  }
  return undefined;
}

/**
 * For a highlight block with no anchor line left: its first meaningful line
 * that no other part has (its quote, as the last export wrote it), if the
 * file has it once, free. Only lines that line up count then: no paragraph
 * next to them is taken as rewritten, as it may be the user's own.
 */
function quoteOf(
  part: BasePart,
  positions: Map<string, number[]>,
  claimed: Uint8Array,
  partsWith: Map<string, number>,
): { at: number; anchorIndex: number; byQuote: true } | undefined {
  if (part.anchors.length === 0 || part.anchorOnly) return undefined;
  for (const [index, line] of part.lines.entries()) {
    if (!MEANINGFUL.test(line) || partsWith.get(line) !== 1) continue;
    const free = (positions.get(line) ?? []).filter((p) => !claimed[p]);
    if (free.length === 1) return { at: free[0]!, anchorIndex: index, byQuote: true };
  }
  return undefined;
}

function firstFree(claimed: Uint8Array, from: number, step: 1 | -1): number | undefined {
  for (let i = from; i >= 0 && i < claimed.length; i += step) if (!claimed[i]) return i;
  return undefined;
}

/**
 * The lines of `window` that are the edited part: from the first to the last
 * meaningful line (one with a letter or digit) that lines up with the part,
 * widened over lined-up lines next to them (`---`, `>`); with an anchor, the
 * anchor must be inside. Where the part's first or last paragraphs line up
 * with nothing (the user rewrote them), as many paragraphs next to the span
 * are taken as rewritten; paragraphs beyond those are the user's own.
 * Null when nothing meaningful lines up. Without `widen`, only lined-up lines count.
 */
function spanOf(part: readonly string[], window: readonly string[], anchor?: [number, number], widen = true): Found | null {
  const pairs = matchedPairs(diffLines(part, window));
  const meaningful = pairs.filter(([i]) => MEANINGFUL.test(part[i]!));
  if (meaningful.length === 0 && !anchor) return null;
  let first = meaningful[0] ?? anchor!;
  let last = meaningful[meaningful.length - 1] ?? anchor!;
  if (anchor) {
    if (anchor[1] < first[1]) first = anchor;
    if (anchor[1] > last[1]) last = anchor;
  }
  const paired = new Map(pairs.map(([i, j]) => [j, i]));
  let start = first[1];
  let head = first[0];
  while (start > 0 && head > 0 && paired.get(start - 1) === head - 1) {
    start--;
    head--;
  }
  let end = last[1] + 1;
  let tail = last[0] + 1;
  while (end < window.length && tail < part.length && paired.get(end) === tail) {
    end++;
    tail++;
  }
  if (!widen) return { start, end };
  start = takeParagraphs(window, start, -1, paragraphCount(part.slice(0, head)));
  end = takeParagraphs(window, end, 1, paragraphCount(part.slice(tail)));
  return { start, end };
}

/** How many paragraphs (runs of non-blank lines) there are. */
function paragraphCount(lines: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < lines.length; i++) if (lines[i]!.trim() !== '' && (i === 0 || lines[i - 1]!.trim() === '')) count++;
  return count;
}

/** Moves a span edge over `count` paragraphs of `window` (and the blank lines between them), forwards or backwards. */
function takeParagraphs(window: readonly string[], edge: number, step: 1 | -1, count: number): number {
  const at = (k: number) => (step === 1 ? window[k] : window[k - 1]);
  let k = edge;
  for (; count > 0; count--) {
    let next = k;
    while (at(next) !== undefined && at(next)!.trim() === '') next += step;
    if (at(next) === undefined) break;
    while (at(next) !== undefined && at(next)!.trim() !== '') next += step;
    k = next;
  }
  return k;
}
