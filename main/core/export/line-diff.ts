import DiffMatchPatch from 'diff-match-patch';

/** A run of a line diff: lines kept, removed from `a`, or added from `b`. */
export interface DiffRun {
  kind: 'equal' | 'delete' | 'insert';
  count: number;
}

/** A change to `base`: lines [start, end) replaced by `lines` (an insertion when start === end). */
export interface Hunk {
  start: number;
  end: number;
  lines: string[];
}

const dmp = new DiffMatchPatch();
dmp.Diff_Timeout = 0; // exact, so that the same inputs always align the same way
const FIRST_CODE = 0x100;

/**
 * A minimal line diff (Myers, via diff-match-patch with one character per
 * distinct line), with the common prefix and suffix taken off first.
 */
export function diffLines(a: readonly string[], b: readonly string[]): DiffRun[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const runs: DiffRun[] = [];
  const push = (kind: DiffRun['kind'], count: number) => {
    if (count === 0) return;
    const last = runs[runs.length - 1];
    if (last?.kind === kind) last.count += count;
    else runs.push({ kind, count });
  };
  push('equal', head);
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  if (midA.length === 0 || midB.length === 0) {
    push('delete', midA.length);
    push('insert', midB.length);
  } else {
    const codes = new Map<string, string>();
    for (const line of [...midA, ...midB]) if (!codes.has(line)) codes.set(line, String.fromCharCode(FIRST_CODE + codes.size));
    // One UTF-16 unit per distinct line: below the surrogates. Past that, a slower exact LCS.
    if (FIRST_CODE + codes.size >= 0xd800) return lcsRuns(a, b);
    const encode = (lines: readonly string[]) => lines.map((line) => codes.get(line)!).join('');
    const ea = encode(midA);
    const eb = encode(midB);
    for (const [op, chars] of dmp.diff_main(ea, eb, false)) {
      push(op === 0 ? 'equal' : op === -1 ? 'delete' : 'insert', chars.length);
    }
  }
  push('equal', tail);
  return runs;
}

/** A plain dynamic-programming LCS: the fallback for inputs with very many distinct lines. */
function lcsRuns(a: readonly string[], b: readonly string[]): DiffRun[] {
  const n = a.length;
  const m = b.length;
  const table = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * (m + 1) + j] =
        a[i] === b[j] ? table[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(table[(i + 1) * (m + 1) + j]!, table[i * (m + 1) + j + 1]!);
    }
  }
  const runs: DiffRun[] = [];
  const push = (kind: DiffRun['kind']) => {
    const last = runs[runs.length - 1];
    if (last?.kind === kind) last.count++;
    else runs.push({ kind, count: 1 });
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      push('equal');
      i++;
      j++;
    } else if (j < m && (i === n || table[i * (m + 1) + j + 1]! >= table[(i + 1) * (m + 1) + j]!)) {
      push('insert');
      j++;
    } else {
      push('delete');
      i++;
    }
  }
  return runs;
}

/** Pairs of equal lines (index in a, index in b) in a diff. */
export function matchedPairs(runs: readonly DiffRun[]): [number, number][] {
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  for (const run of runs) {
    if (run.kind === 'equal') for (let k = 0; k < run.count; k++) pairs.push([i + k, j + k]);
    if (run.kind !== 'insert') i += run.count;
    if (run.kind !== 'delete') j += run.count;
  }
  return pairs;
}

/** The changes that turn `base` into `other`, as hunks over base lines. */
export function hunksOf(base: readonly string[], other: readonly string[]): Hunk[] {
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let open: Hunk | undefined;
  for (const run of diffLines(base, other)) {
    if (run.kind === 'equal') {
      open = undefined;
      i += run.count;
      j += run.count;
      continue;
    }
    if (!open) {
      open = { start: i, end: i, lines: [] };
      hunks.push(open);
    }
    if (run.kind === 'delete') {
      i += run.count;
      open.end = i;
    } else {
      open.lines.push(...other.slice(j, j + run.count));
      j += run.count;
    }
  }
  return hunks;
}

/**
 * Three-way merge of lines: changes from `ours` and `theirs` (each against
 * `base`) that touch different lines are both applied; where they touch the
 * same lines and differ, there is no merge (null) and the caller keeps both.
 * An insertion next to a change on the other side is not a conflict.
 */
export function merge3(base: readonly string[], ours: readonly string[], theirs: readonly string[]): string[] | null;
/** With `theirsOnConflict`: where both sides changed the same lines differently, `theirs`' lines are taken; never null. */
export function merge3(base: readonly string[], ours: readonly string[], theirs: readonly string[], theirsOnConflict: true): string[];
export function merge3(base: readonly string[], ours: readonly string[], theirs: readonly string[], theirsOnConflict = false): string[] | null {
  const tagged = [
    ...hunksOf(base, ours).map((h) => ({ ...h, side: 0 })),
    ...hunksOf(base, theirs).map((h) => ({ ...h, side: 1 })),
  ].sort((x, y) => x.start - y.start || x.end - y.end || x.side - y.side);
  const out: string[] = [];
  let at = 0;
  for (let k = 0; k < tagged.length; ) {
    // A group: hunks that overlap one another, transitively.
    const group = [tagged[k]!];
    let end = tagged[k]!.end;
    for (k++; k < tagged.length && overlaps(tagged[k]!, group, end); k++) {
      group.push(tagged[k]!);
      end = Math.max(end, tagged[k]!.end);
    }
    const start = group[0]!.start;
    out.push(...base.slice(at, start));
    const sides = new Set(group.map((h) => h.side));
    const versions = [0, 1].map((side) => apply(base, start, end, group.filter((h) => h.side === side)));
    const conflict = sides.size === 2 && !sameLines(versions[0]!, versions[1]!);
    if (conflict && !theirsOnConflict) return null;
    out.push(...versions[conflict || !sides.has(0) ? 1 : 0]!);
    at = end;
  }
  out.push(...base.slice(at));
  return out;
}

function overlaps(next: Hunk, group: Hunk[], end: number): boolean {
  if (next.start < end) return true;
  // Two insertions at the same place, or an insertion inside another hunk's range, do overlap.
  return next.start === next.end && group.some((h) => h.start === h.end && h.start === next.start);
}

/** Base lines [start, end) with one side's hunks (all inside that range) applied. */
function apply(base: readonly string[], start: number, end: number, hunks: Hunk[]): string[] {
  const out: string[] = [];
  let at = start;
  for (const h of hunks) {
    out.push(...base.slice(at, h.start), ...h.lines);
    at = h.end;
  }
  out.push(...base.slice(at, end));
  return out;
}

export const sameLines = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((line, i) => line === b[i]);
