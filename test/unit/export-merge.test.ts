import { describe, expect, it } from 'vitest';
import { mergeExport, pageText, presetTemplate, PRESET_NAMES, type PresetName } from '../../main/core/export/index.js';
import type { Article, Highlight } from '../../shared/model.js';
import { codePoints } from '../../shared/offsets.js';

/*
 * Random edits on both sides of a synced file, checked against what the merge
 * promises: user text kept once, app changes applied once, deletions honoured
 * as documented, conflicts keeping both versions, and a second merge with
 * nothing new changing nothing.
 */

const exportedAt = new Date('2026-11-25T10:00:00Z');
const article: Article = {
  id: 'a-mergefuzz00001',
  title: 'Merge fuzz',
  source: { kind: 'file', name: 'fuzz.txt' },
  importedAt: '2026-11-01T00:00:00.000Z',
  contentHash: '0'.repeat(64),
  tags: [],
  document: { type: 'doc', content: [] },
};

const tag = (n: number) => String(n).padStart(3, '0');

function highlight(n: number, note = `Note n${tag(n)}.`): Highlight {
  const exact = `Quote q${tag(n)} text.`;
  return {
    id: `h-fuzz${tag(n)}aaaaaa`,
    articleId: article.id,
    target: {
      position: { type: 'TextPositionSelector', start: codePoints(n * 100), end: codePoints(n * 100 + exact.length) },
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    },
    color: 'purple',
    note,
    tags: n % 3 === 0 ? ['fuzz'] : [],
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  };
}

function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const count = (text: string, part: string) => text.split(part).length - 1;

function scenario(preset: PresetName, seed: number) {
  const next = random(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)]!;
  const template = presetTemplate(preset);
  const n = 3 + Math.floor(next() * 6);
  const baseHighlights = Array.from({ length: n }, (_, i) => highlight(i * 2 + 1));
  const base = template.render(article, baseHighlights, { exportedAt });

  // The user's side, part by part, as an editor would leave it.
  const numbers = baseHighlights.map((_, i) => i * 2 + 1);
  const userDeleted = new Set(numbers.filter(() => next() < 0.15));
  const userEdited = new Set(numbers.filter((k) => !userDeleted.has(k) && next() < 0.3));
  let parts = [base.header, ...base.blocks.map((b, i) => ({ n: numbers[i]!, text: b.text }))].filter(
    (p) => typeof p === 'string' || !userDeleted.has(p.n),
  );
  parts = parts.map((p) =>
    typeof p === 'string' || !userEdited.has(p.n) ? p : { n: p.n, text: p.text.replace(`Note n${tag(p.n)}.`, `Note n${tag(p.n)} edited by the user.`) },
  );
  if (next() < 0.3 && parts.length > 2) {
    const [moved] = parts.splice(1 + Math.floor(next() * (parts.length - 1)), 1);
    parts.splice(1 + Math.floor(next() * (parts.length - 1)), 0, moved!);
  }
  // The user adds a line of their own to the header (front matter, page properties, the metadata list).
  const headerLine = { obsidian: 'aliases: [fuzzed]', logseq: 'alias:: fuzzed', plain: '- Read: yes' }[preset];
  const editHeader = next() < 0.5;
  if (editHeader) {
    const header = parts[0] as string;
    parts[0] =
      preset === 'obsidian'
        ? header.replace('\nmarginalia:', `\n${headerLine}\nmarginalia:`)
        : preset === 'logseq'
          ? header.replace('\nsource::', `\n${headerLine}\nsource::`)
          : header.replace('\n- Source:', `\n${headerLine}\n- Source:`);
  }
  const userParagraphs: string[] = [];
  for (let u = Math.floor(next() * 4); u > 0; u--) {
    const text = `User paragraph u${tag(userParagraphs.length)}.`;
    userParagraphs.push(text);
    parts.splice(1 + Math.floor(next() * parts.length), 0, preset === 'logseq' ? `- ${text}` : text);
  }
  const theirs = `${parts.map((p) => (typeof p === 'string' ? p : p.text)).join('\n\n')}\n`;

  // The app's side.
  const appDeleted = new Set(numbers.filter(() => next() < 0.2));
  const appChanged = new Set(numbers.filter((k) => !appDeleted.has(k) && next() < 0.3));
  const added = Array.from({ length: Math.floor(next() * 3) }, () => pick(numbers) + 1).filter((k, i, all) => all.indexOf(k) === i);
  const now = [
    ...baseHighlights.filter((_, i) => !appDeleted.has(numbers[i]!)),
    ...added.map((k) => highlight(k)),
  ].map((h) => {
    const k = Number(/q(\d+)/.exec(h.target.quote.exact)![1]);
    return appChanged.has(k) ? { ...h, note: `Note n${tag(k)} changed in the app.` } : h;
  });
  const ours = template.render(article, now, { exportedAt: new Date('2026-11-26T10:00:00Z') });
  return { template, base, ours, theirs, numbers, userDeleted, userEdited, userParagraphs, appDeleted, appChanged, added, editHeader, headerLine };
}

describe.each(PRESET_NAMES)('merging random edits (%s)', (preset) => {
  it('keeps every user paragraph and edit, applies every app change, and is stable', () => {
    let conflicts = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const s = scenario(preset, seed);
      const { text, conflicts: c } = mergeExport({ base: s.base, ours: s.ours, theirs: s.theirs, renderConflict: (x) => s.template.renderConflict(x) });
      conflicts += c;
      const where = `seed ${seed}\n--- theirs\n${s.theirs}\n--- merged\n${text}`;
      for (const p of s.userParagraphs) expect(count(text, p), `${p} ${where}`).toBe(1);
      expect(count(text, s.headerLine), `header ${where}`).toBe(s.editHeader ? 1 : 0);
      expect(count(text, 'Marginalia sync conflict'), where).toBe(c);
      expect(text, where).toContain(preset === 'logseq' ? 'exported:: 2026-11-26' : preset === 'plain' ? 'Marginalia: 2026-11-26' : 'exported: 2026-11-26');
      for (const k of s.added) expect(count(text, `Quote q${tag(k)} text.`), `added ${k} ${where}`).toBe(1);
      for (const k of s.numbers) {
        const quote = `Quote q${tag(k)} text.`;
        const edited = `Note n${tag(k)} edited by the user.`;
        const changed = `Note n${tag(k)} changed in the app.`;
        if (s.appDeleted.has(k)) {
          // Removed, unless the user had edited it: then their version stays (under a notice).
          expect(count(text, quote), `app-deleted ${k} ${where}`).toBe(s.userEdited.has(k) ? 1 : 0);
          expect(count(text, edited)).toBe(s.userEdited.has(k) ? 1 : 0);
        } else if (s.userDeleted.has(k)) {
          // Stays deleted unless the app changed it since.
          expect(count(text, quote), `user-deleted ${k} ${where}`).toBe(s.appChanged.has(k) ? 1 : 0);
        } else if (s.userEdited.has(k) && s.appChanged.has(k)) {
          expect(count(text, edited), `conflict ${k} ${where}`).toBe(1);
          expect(count(text, changed), `conflict ${k} ${where}`).toBe(1);
          expect(count(text, quote), `conflict ${k} ${where}`).toBe(2);
        } else {
          expect(count(text, quote), `kept ${k} ${where}`).toBe(1);
          if (s.userEdited.has(k)) expect(count(text, edited), where).toBe(1);
          if (s.appChanged.has(k)) expect(count(text, changed), where).toBe(1);
          expect(count(text, `Note n${tag(k)}.`), where).toBe(s.userEdited.has(k) || s.appChanged.has(k) ? 0 : 1);
        }
      }
      // Exported again with nothing new on either side: the file stays as it is.
      const again = mergeExport({ base: s.ours, ours: s.ours, theirs: text, renderConflict: (x) => s.template.renderConflict(x) });
      expect(again.text, where).toBe(text);
    }
    console.log(`${preset}: 300 random merges checked, ${conflicts} conflicts kept both versions`);
  });

  it('reads a file whose line endings the user\'s editor turned into CRLF, and keeps them', () => {
    const template = presetTemplate(preset);
    const base = template.render(article, [highlight(1), highlight(3)], { exportedAt });
    const theirs = pageText(base).replace(/\n/g, '\r\n') + 'Mine.\r\n';
    const ours = template.render(article, [highlight(1, 'Changed.'), highlight(3)], { exportedAt });
    const { text } = mergeExport({ base, ours, theirs, renderConflict: (x) => template.renderConflict(x) });
    expect(text).toBe(pageText(ours).replace(/\n/g, '\r\n') + 'Mine.\r\n');
  });
});
