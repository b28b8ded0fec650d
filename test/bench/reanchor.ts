/**
 * npm run bench:reanchor — does a highlight come back on the right words
 * after the article changed?
 *
 * Moby Dick, 2,000 highlights of 20–300 characters (word-aligned, each inside
 * one paragraph so the ground truth is exact), against a Hypothesis-style
 * matcher (approx-string-match over the whole text, weights quote 50 /
 * prefix 20 / suffix 20 / position 2, no floor) in the same run.
 *
 * 1. Diff mode (re-import: the old text is known): an edited version with
 *    word substitutions, typo fixes, and deleted, inserted and moved
 *    paragraphs; ours is reanchorAll. Its JSON line: {"bench":"reanchor",…}.
 * 2. Selectors-only mode (imported annotations: only the selectors are
 *    known): SEEDS revisions (5 unless set) with the edit kinds of issue 16
 *    (see reviseText: re-typeset throughout, paragraphs deleted, moved,
 *    duplicated, inserted, single words changed), 2,000 highlights each;
 *    ours is anchor(). Odd seeds straighten a curly text (’ → ', — → --),
 *    even seeds curl a straight one. Ground truth: a passage whose paragraph
 *    was deleted is right only orphaned; a duplicated paragraph's passages
 *    are right on the original copy, which stays in place (on the copy they
 *    count as misplaced); an edited passage is right on its edited words,
 *    within TOLERANCE characters at each end.
 *
 * MODE=diff or MODE=selectors runs one. The last line is the selectors-only
 * JSON: {"bench":"reanchor-selectors","highlights":…,"correct":…,"mis":…,…}.
 */
import { readFileSync } from 'node:fs';
import search from 'approx-string-match';
import { anchor, describe, reanchorAll, TextIndex, type Anchor } from '../../shared/anchoring/index.js';
import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import { importContent } from '../../main/core/import/index.js';
import type { HighlightTarget } from '../../shared/model.js';
import { utf16 } from '../../shared/offsets.js';
import { editText, randomGenerator, reviseText, straightened, wordAlignedPassage, type EditedText, type Passage } from './edits.js';
import { printTable } from './table.js';

const HIGHLIGHTS = 2000;
const TOLERANCE = 3; // characters of slack at each end for a fuzzy match
const MODE = process.env.MODE ?? 'both';
const SEEDS = Number(process.env.SEEDS ?? 5);

const book = readFileSync(new URL('../../../shared/corpus/books/moby-dick.txt', import.meta.url));
const bookText = articleText(documentFromJSON(importContent('moby-dick.txt', book).document)).text;

type Item = { passage: Passage; target: HighlightTarget };
/** HIGHLIGHTS word-aligned passages inside paragraphs of at least 60 characters, described on the joined text. */
function highlights(paragraphs: string[], random: () => number): Item[] {
  const text = paragraphs.join('\n');
  const paragraphStart: number[] = [];
  for (let i = 0, at = 0; i < paragraphs.length; i++) {
    paragraphStart.push(at);
    at += paragraphs[i]!.length + 1;
  }
  const candidates = paragraphs.map((p, i) => [i, p] as const).filter(([, p]) => p.length >= 60);
  const index = new TextIndex(text);
  const items: Item[] = [];
  while (items.length < HIGHLIGHTS) {
    const [paragraph, p] = candidates[Math.floor(random() * candidates.length)]!;
    const found = wordAlignedPassage(p, random);
    if (!found) continue;
    items.push({ passage: { paragraph, ...found }, target: describe(index, utf16(paragraphStart[paragraph]! + found.start), utf16(paragraphStart[paragraph]! + found.end)) });
  }
  return items;
}

type Outcome = 'correct' | 'mis' | 'orphanedRight' | 'orphanedWrong';
function judge(truth: { start: number; end: number } | null, found: { start: number; end: number } | null): Outcome {
  if (!truth) return found ? 'mis' : 'orphanedRight';
  if (!found) return 'orphanedWrong';
  return Math.abs(found.start - truth.start) <= TOLERANCE && Math.abs(found.end - truth.end) <= TOLERANCE ? 'correct' : 'mis';
}
type Tally = Record<Outcome, number>;
const tally = (): Tally => ({ correct: 0, mis: 0, orphanedRight: 0, orphanedWrong: 0 });
const row = (name: string, t: Tally, ms: number) => [name, t.correct, t.mis, t.orphanedRight, t.orphanedWrong, Math.round(ms)];
const HEADER = ['matcher', 'correct', 'mis-anchored', 'orphaned (right)', 'orphaned (wrong)', 'ms'];

/** Tallies our anchors against the truth (and, with DEBUG, prints what went wrong). */
function judgeOurs(items: Item[], found: Map<Item, Anchor>, edited: EditedText, methods: Record<string, number>): Tally {
  const t = tally();
  for (const item of items) {
    const a = found.get(item)!;
    const truth = edited.truth(item.passage);
    const outcome = judge(truth, a.status === 'anchored' ? a : null);
    t[outcome]++;
    if (process.env.DEBUG && (outcome === 'mis' || outcome === 'orphanedWrong')) {
      console.log(outcome, a, truth, JSON.stringify(item.target.quote.exact), '→', JSON.stringify(a.status === 'anchored' ? edited.text.slice(a.start, a.end) : null), '| truth:', JSON.stringify(truth ? edited.text.slice(truth.start, truth.end) : null));
    }
    const key = a.status === 'anchored' ? a.method : 'orphaned';
    methods[key] = (methods[key] ?? 0) + 1;
  }
  return t;
}

/** The Hypothesis-style matcher: the best fuzzy match by weighted score, whatever it is. */
function hypothesisMatch(text: string, target: HighlightTarget, hint: number): { start: number; end: number } | null {
  const { exact, prefix, suffix } = target.quote;
  const maxErrors = Math.min(256, Math.floor(exact.length / 2));
  let best: { start: number; end: number; score: number } | null = null;
  for (const m of search(text, exact, maxErrors)) {
    const q = 1 - m.errors / exact.length;
    const p = prefix ? contextScore(text.slice(Math.max(0, m.start - prefix.length), m.start), prefix) : 1;
    const s = suffix ? contextScore(text.slice(m.end, m.end + suffix.length), suffix) : 1;
    const pos = 1 - Math.abs(m.start - hint) / text.length;
    const score = (50 * q + 20 * p + 20 * s + 2 * pos) / 92;
    if (!best || score > best.score) best = { start: m.start, end: m.end, score };
  }
  return best;
}
function contextScore(actual: string, expected: string): number {
  const [m] = search(actual, expected, expected.length);
  return m ? 1 - m.errors / expected.length : 0;
}
function judgeHypothesis(items: Item[], edited: EditedText): { tally: Tally; ms: number } {
  const t = performance.now();
  const result = tally();
  const index = new TextIndex(edited.text);
  for (const item of process.env.DEBUG ? [] : items) {
    result[judge(edited.truth(item.passage), hypothesisMatch(edited.text, item.target, index.toUtf16(item.target.position.start)))]++;
  }
  return { tally: result, ms: performance.now() - t };
}

function diffMode(): void {
  const paragraphs = bookText.split('\n');
  const random = randomGenerator(Number(process.env.SEED ?? 20261125));
  const items = highlights(paragraphs, random);
  const edited = editText(paragraphs, random);
  let t = performance.now();
  const ours = reanchorAll(bookText, edited.text, items);
  const oursMs = performance.now() - t;
  const methods: Record<string, number> = {};
  const oursTally = judgeOurs(items, ours, edited, methods);
  const hyp = judgeHypothesis(items, edited);
  const deletedTruth = items.filter((i) => edited.truth(i.passage) === null).length;
  printTable(`Re-anchoring ${HIGHLIGHTS} highlights after edits, old text known (Moby Dick, ${paragraphs.length} paragraphs; ${deletedTruth} passages truly deleted)`, HEADER, [
    row('ours (diff, quote+context, fuzzy with floor)', oursTally, oursMs),
    row('Hypothesis-style (fuzzy, no floor)', hyp.tally, hyp.ms),
  ]);
  printTable('How ours found them', ['method', 'highlights'], Object.entries(methods));
  console.log(JSON.stringify({ bench: 'reanchor', highlights: HIGHLIGHTS, correct: oursTally.correct, mis: oursTally.mis, orphaned_right: oursTally.orphanedRight, orphaned_wrong: oursTally.orphanedWrong, hyp_correct: hyp.tally.correct, hyp_mis: hyp.tally.mis }));
}

function selectorsMode(): void {
  const curly = bookText.split('\n');
  const plain = curly.map(straightened);
  const totals = { ours: tally(), hyp: tally(), oursMs: 0, hypMs: 0 };
  const methods: Record<string, number> = {};
  for (let seed = 1; seed <= SEEDS; seed++) {
    const typesetting = seed % 2 === 1 ? 'straighten' : 'curl';
    const paragraphs = typesetting === 'straighten' ? curly : plain;
    const random = randomGenerator(seed);
    const items = highlights(paragraphs, random);
    const edited = reviseText(paragraphs, random, typesetting);
    let t = performance.now();
    const index = new TextIndex(edited.text);
    const ours = new Map(items.map((item) => [item, anchor(index, item.target)]));
    const oursMs = performance.now() - t;
    const oursTally = judgeOurs(items, ours, edited, methods);
    const hyp = judgeHypothesis(items, edited);
    for (const k of Object.keys(oursTally) as Outcome[]) (totals.ours[k] += oursTally[k]), (totals.hyp[k] += hyp.tally[k]);
    totals.oursMs += oursMs;
    totals.hypMs += hyp.ms;
    const deletedTruth = items.filter((i) => edited.truth(i.passage) === null).length;
    const how = typesetting === 'straighten' ? 'curly → straight quotes, — → --' : 'straight → curly quotes, -- → —';
    printTable(`Seed ${seed}: ${HIGHLIGHTS} highlights from their selectors alone (${how}; ${deletedTruth} passages truly deleted)`, HEADER, [
      row('ours (anchor: typography aside, weighed, floors)', oursTally, oursMs),
      row('Hypothesis-style (fuzzy, no floor)', hyp.tally, hyp.ms),
    ]);
  }
  const all = HIGHLIGHTS * SEEDS;
  printTable(`All ${SEEDS} seeds: ${all} highlights (${HIGHLIGHTS} × ${SEEDS}) from their selectors alone`, HEADER, [
    row('ours (anchor: typography aside, weighed, floors)', totals.ours, totals.oursMs),
    row('Hypothesis-style (fuzzy, no floor)', totals.hyp, totals.hypMs),
  ]);
  printTable('How ours found them (all seeds)', ['method', 'highlights'], Object.entries(methods));
  console.log(
    JSON.stringify({ bench: 'reanchor-selectors', highlights: all, correct: totals.ours.correct, mis: totals.ours.mis, orphaned_wrong: totals.ours.orphanedWrong, hyp_correct: totals.hyp.correct, hyp_mis: totals.hyp.mis }),
  );
}

if (MODE !== 'selectors') diffMode();
if (MODE !== 'diff') selectorsMode();
