/**
 * Edited versions of a text with ground truth: paragraphs are substituted
 * (words), fixed (typos), deleted, inserted and moved; each passage's new
 * range (or its deletion) is tracked through the edits.
 */

/** A deterministic generator (mulberry32). */
export function randomGenerator(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A passage inside one paragraph: paragraph index and offsets within it. */
export interface Passage {
  paragraph: number;
  start: number;
  end: number;
}

/** One paragraph of the new text: where it came from and the edits made inside it. */
interface NewParagraph {
  from: number | null; // old paragraph index, or null when inserted
  text: string;
  /** Maps an offset of the old paragraph to the new one; null when inside a replaced span. */
  map: (offset: number) => number | null;
}

export interface EditedText {
  text: string;
  /** Where each passage is now (UTF-16 range of the new text), or null when it was deleted. */
  truth(p: Passage): { start: number; end: number } | null;
}

const WORDS = ['whale', 'ocean', 'harpoon', 'captain', 'sailor', 'voyage', 'timber', 'compass', 'lantern', 'anchor'];

/** Makes an edited version of `paragraphs` (joined by "\n"). */
export function editText(paragraphs: string[], random: () => number): EditedText {
  const out: NewParagraph[] = [];
  const deleted = new Set<number>();
  const moved: number[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const r = random();
    if (r < 0.02) {
      deleted.add(i);
      continue;
    }
    if (r < 0.03) {
      moved.push(i);
      continue;
    }
    if (random() < 0.02) out.push({ from: null, text: `An inserted paragraph about the ${WORDS[Math.floor(random() * WORDS.length)]}, number ${i}.`, map: () => null });
    out.push(editParagraph(i, paragraphs[i]!, random));
  }
  // Moved paragraphs go to random places, unchanged.
  for (const i of moved) {
    const at = Math.floor(random() * (out.length + 1));
    out.splice(at, 0, { from: i, text: paragraphs[i]!, map: (o) => o });
  }
  return joined(out);
}

/** Word substitutions or a typo fix inside a paragraph, with the offset map. */
function editParagraph(from: number, text: string, random: () => number): NewParagraph {
  const r = random();
  const edits: { at: number; remove: number; insert: string }[] = [];
  if (r < 0.05) {
    // Substitute a few words.
    const words = [...text.matchAll(/[A-Za-z]{4,}/g)];
    for (let k = 0; k < 3 && words.length > 0; k++) {
      const w = words.splice(Math.floor(random() * words.length), 1)[0]!;
      edits.push({ at: w.index!, remove: w[0].length, insert: WORDS[Math.floor(random() * WORDS.length)]! });
    }
  } else if (r < 0.1 && text.length > 10) {
    // A typo fix: one character changed.
    const at = Math.floor(random() * (text.length - 1));
    edits.push({ at, remove: 1, insert: text[at] === 'e' ? 'a' : 'e' });
  }
  edits.sort((a, b) => b.at - a.at);
  // Apply from the end; keep them non-overlapping.
  let result = text;
  const applied: typeof edits = [];
  for (const e of edits) {
    if (applied.some((x) => e.at + e.remove > x.at)) continue;
    result = result.slice(0, e.at) + e.insert + result.slice(e.at + e.remove);
    applied.push(e);
  }
  const map = (offset: number): number | null => {
    let shift = 0;
    for (const e of applied) {
      if (offset > e.at && offset < e.at + e.remove) return null; // inside a replaced word: its boundary moved
      if (offset >= e.at + e.remove) shift += e.insert.length - e.remove;
    }
    return offset + shift;
  };
  return { from, text: result, map };
}

/** A word-aligned passage of 20–300 characters in `text` (offsets within it), or null when the draw does not fit. */
export function wordAlignedPassage(text: string, random: () => number): { start: number; end: number } | null {
  const words = [...text.matchAll(/\S+/g)];
  const first = Math.floor(random() * words.length);
  const want = 20 + Math.floor(random() * 280);
  let last = first;
  while (last + 1 < words.length && words[last]!.index! + words[last]![0].length - words[first]!.index! < want) last++;
  const start = words[first]!.index!;
  const end = words[last]!.index! + words[last]![0].length;
  return end - start >= 20 && end - start <= 300 ? { start, end } : null;
}

/** A replacement inside a paragraph: `remove` characters at `at` become `insert`. */
interface Replacement {
  at: number;
  remove: number;
  insert: string;
}

/** Applies non-overlapping replacements (in any order) and maps old offsets to new ones (null inside a replaced span). */
function replaced(text: string, replacements: Replacement[]): { text: string; map: (offset: number) => number | null } {
  const sorted = [...replacements].sort((a, b) => a.at - b.at);
  let out = '';
  let from = 0;
  for (const r of sorted) {
    out += text.slice(from, r.at) + r.insert;
    from = r.at + r.remove;
  }
  out += text.slice(from);
  const map = (offset: number): number | null => {
    let shift = 0;
    for (const r of sorted) {
      if (offset > r.at && offset < r.at + r.remove) return null;
      if (offset >= r.at + r.remove) shift += r.insert.length - r.remove;
    }
    return offset + shift;
  };
  return { text: out, map };
}

/** How a revision re-typesets the whole text: curly quotes and em dashes made plain, or plain ones made curly. */
export type Retypesetting = 'straighten' | 'curl';

/** Curly quotes → straight, em dashes → two hyphens (as a plain-text edition types them). */
function straightening(text: string): Replacement[] {
  const out: Replacement[] = [];
  for (const m of text.matchAll(/[‘’“”—]/g)) out.push({ at: m.index!, remove: 1, insert: m[0] === '—' ? '--' : /[‘’]/.test(m[0]) ? "'" : '"' });
  return out;
}

/** Straight quotes → curly (opening after a space, a dash or an opening bracket), two hyphens → an em dash (as a typesetter would). */
function curling(text: string): Replacement[] {
  const out: Replacement[] = [];
  for (const m of text.matchAll(/--|['"]/g)) {
    const before = text[m.index! - 1];
    const opening = before === undefined || /[\s(\[—-]/.test(before);
    const insert = m[0] === '--' ? '—' : m[0] === "'" ? (opening ? '‘' : '’') : opening ? '“' : '”';
    out.push({ at: m.index!, remove: m[0].length, insert });
  }
  return out;
}

/** The text as the other typesetting would have it (for the old version of a 'curl' revision). */
export function straightened(text: string): string {
  return replaced(text, straightening(text)).text;
}

/**
 * A revision of the kinds re-fetched pages show (issue 16), with ground truth:
 * paragraphs deleted (2%), moved (1%) or duplicated elsewhere (1%), a short
 * paragraph inserted before one (2%), one word changed (4%) or a typo fixed
 * (2%) inside one; then the whole text re-typeset. A duplicated paragraph's
 * passages are where its original stays (the copy goes to a random place):
 * a highlight put on the copy is counted as misplaced.
 */
export function reviseText(paragraphs: string[], random: () => number, typesetting: Retypesetting): EditedText {
  const out: NewParagraph[] = [];
  const displaced: { from: number; text: string; copy: boolean }[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const r = random();
    if (r < 0.02) continue; // deleted
    if (r < 0.03) {
      displaced.push({ from: i, text: paragraphs[i]!, copy: false });
      continue;
    }
    // A duplicated paragraph is left unedited, so its two copies read the same (only position tells them apart).
    const duplicated = r < 0.04;
    if (duplicated) displaced.push({ from: i, text: paragraphs[i]!, copy: true });
    if (random() < 0.02) out.push({ from: null, text: `An inserted paragraph about the ${WORDS[Math.floor(random() * WORDS.length)]}, number ${i}.`, map: () => null });
    const text = paragraphs[i]!;
    const edits: Replacement[] = [];
    const e = random();
    const words = [...text.matchAll(/[A-Za-z]{4,}/g)];
    if (!duplicated && e < 0.04 && words.length > 0) {
      const w = words[Math.floor(random() * words.length)]!;
      edits.push({ at: w.index!, remove: w[0].length, insert: WORDS[Math.floor(random() * WORDS.length)]! });
    } else if (!duplicated && e < 0.06 && text.length > 10) {
      const at = Math.floor(random() * (text.length - 1));
      edits.push({ at, remove: 1, insert: text[at] === 'e' ? 'a' : 'e' });
    }
    const edited = replaced(text, edits);
    out.push({ from: i, text: edited.text, map: edited.map });
  }
  for (const d of displaced) {
    const at = Math.floor(random() * (out.length + 1));
    out.splice(at, 0, { from: d.copy ? null : d.from, text: d.text, map: (o) => o });
  }
  // Re-typeset every paragraph; a passage's offsets go through both maps.
  const typeset = out.map((p) => {
    const t = replaced(p.text, typesetting === 'straighten' ? straightening(p.text) : curling(p.text));
    return { from: p.from, text: t.text, map: (o: number) => (p.map(o) === null ? null : t.map(p.map(o)!)) };
  });
  return joined(typeset);
}

/** The edited text from its paragraphs, and where each old passage now is (null where its words are gone). */
function joined(paragraphs: readonly NewParagraph[]): EditedText {
  const starts = new Map<number, { start: number; para: NewParagraph }>();
  let offset = 0;
  for (const para of paragraphs) {
    if (para.from !== null) starts.set(para.from, { start: offset, para });
    offset += para.text.length + 1;
  }
  return {
    text: paragraphs.map((p) => p.text).join('\n'),
    truth(p) {
      const found = starts.get(p.paragraph);
      if (!found) return null;
      const s = found.para.map(p.start);
      const e = found.para.map(p.end);
      if (s === null || e === null || e <= s) return null;
      return { start: found.start + s, end: found.start + e };
    },
  };
}
