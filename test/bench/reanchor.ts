/**
 * npm run bench:reanchor — does a highlight come back on the right words
 * after the article changed?
 *
 * Moby Dick, 2,000 highlights of 20–300 characters (word-aligned, each inside
 * one paragraph so the ground truth is exact); an edited version with word
 * substitutions, typo fixes, and deleted, inserted and moved paragraphs. Ours
 * (diff mapping, then quote with context, then fuzzy above a floor) against
 * a Hypothesis-style matcher (approx-string-match over the whole text,
 * weights quote 50 / prefix 20 / suffix 20 / position 2, no floor).
 * Last line: one JSON object of the headline figures.
 */
import { readFileSync } from 'node:fs';
import search from 'approx-string-match';
import { describe, reanchorAll, TextIndex } from '../../shared/anchoring/index.js';
import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import { importContent } from '../../main/core/import/index.js';
import type { HighlightTarget } from '../../shared/model.js';
import { utf16 } from '../../shared/offsets.js';
import { editText, randomGenerator, wordAlignedPassage, type Passage } from './edits.js';
import { printTable } from './table.js';

const HIGHLIGHTS = 2000;
const TOLERANCE = 3; // characters of slack at each end for a fuzzy match

const book = readFileSync(new URL('../../../shared/corpus/books/moby-dick.txt', import.meta.url));
const oldText = articleText(documentFromJSON(importContent('moby-dick.txt', book).document)).text;
const paragraphs = oldText.split('\n');
const paragraphStart: number[] = [];
for (let i = 0, at = 0; i < paragraphs.length; i++) {
  paragraphStart.push(at);
  at += paragraphs[i]!.length + 1;
}
const random = randomGenerator(Number(process.env.SEED ?? 20261125));

// Word-aligned passages inside one paragraph.
const candidates = paragraphs.map((p, i) => [i, p] as const).filter(([, p]) => p.length >= 60);
const oldIndex = new TextIndex(oldText);
const items: { passage: Passage; target: HighlightTarget }[] = [];
while (items.length < HIGHLIGHTS) {
  const [paragraph, text] = candidates[Math.floor(random() * candidates.length)]!;
  const found = wordAlignedPassage(text, random);
  if (!found) continue;
  const passage = { paragraph, ...found };
  items.push({ passage, target: describe(oldIndex, utf16(paragraphStart[paragraph]! + found.start), utf16(paragraphStart[paragraph]! + found.end)) });
}

const edited = editText(paragraphs, random);
const newText = edited.text;

type Outcome = 'correct' | 'mis' | 'orphanedRight' | 'orphanedWrong';
function judge(truth: { start: number; end: number } | null, found: { start: number; end: number } | null): Outcome {
  if (!truth) return found ? 'mis' : 'orphanedRight';
  if (!found) return 'orphanedWrong';
  return Math.abs(found.start - truth.start) <= TOLERANCE && Math.abs(found.end - truth.end) <= TOLERANCE ? 'correct' : 'mis';
}
const tally = () => ({ correct: 0, mis: 0, orphanedRight: 0, orphanedWrong: 0 });

// Ours.
let t = performance.now();
const ours = reanchorAll(oldText, newText, items);
const oursMs = performance.now() - t;
const oursTally = tally();
const methods: Record<string, number> = {};
for (const item of items) {
  const a = ours.get(item)!;
  const outcome = judge(edited.truth(item.passage), a.status === 'anchored' ? a : null);
  oursTally[outcome]++;
  if (process.env.DEBUG && (outcome === 'mis' || outcome === 'orphanedWrong')) {
    const truth = edited.truth(item.passage);
    console.log(outcome, a, truth, JSON.stringify(item.target.quote.exact), '→', JSON.stringify(a.status === 'anchored' ? newText.slice(a.start, a.end) : null), '| truth:', JSON.stringify(truth ? newText.slice(truth.start, truth.end) : null));
  }
  const key = a.status === 'anchored' ? a.method : 'orphaned';
  methods[key] = (methods[key] ?? 0) + 1;
}

// Hypothesis-style.
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
t = performance.now();
const hypTally = tally();
const newIndex = new TextIndex(newText);
for (const item of process.env.DEBUG ? [] : items) {
  const found = hypothesisMatch(newText, item.target, newIndex.toUtf16(item.target.position.start));
  hypTally[judge(edited.truth(item.passage), found)]++;
}
const hypMs = performance.now() - t;

const deletedTruth = items.filter((i) => edited.truth(i.passage) === null).length;
printTable(`Re-anchoring ${HIGHLIGHTS} highlights after edits (Moby Dick, ${paragraphs.length} paragraphs; ${deletedTruth} passages truly deleted)`, ['matcher', 'correct', 'mis-anchored', 'orphaned (right)', 'orphaned (wrong)', 'ms'], [
  ['ours (diff, quote+context, fuzzy with floor)', oursTally.correct, oursTally.mis, oursTally.orphanedRight, oursTally.orphanedWrong, Math.round(oursMs)],
  ['Hypothesis-style (fuzzy, no floor)', hypTally.correct, hypTally.mis, hypTally.orphanedRight, hypTally.orphanedWrong, Math.round(hypMs)],
]);
printTable('How ours found them', ['method', 'highlights'], Object.entries(methods));
console.log(
  JSON.stringify({
    bench: 'reanchor',
    highlights: HIGHLIGHTS,
    correct: oursTally.correct,
    mis: oursTally.mis,
    orphaned_right: oursTally.orphanedRight,
    orphaned_wrong: oursTally.orphanedWrong,
    hyp_correct: hypTally.correct,
    hyp_mis: hypTally.mis,
  }),
);
