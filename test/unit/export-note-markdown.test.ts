import { describe, expect, it } from 'vitest';
import { exportMarkdown, mergeExport, pageText, presetTemplate, PRESET_NAMES, uuidOf, type PresetName } from '../../main/core/export/index.js';
import { noteBlocks, noteMarkdown } from '../../main/core/export/note.js';
import type { Article, Highlight } from '../../shared/model.js';
import { codePoints } from '../../shared/offsets.js';
import { parseExport } from '../support/markdown.js';
import { blockShapes, noteRegion } from '../support/note-region.js';

/*
 * Notes are Markdown: what the reader typed goes into every layout as typed,
 * so that emphasis, [[wikilinks]] and #tags work in Obsidian and Logseq, while
 * quotes stay escaped text. A note must still end where it ends.
 */

const exportedAt = new Date('2026-11-25T10:00:00Z');
const article: Article = {
  id: 'a-notemarkdown001',
  title: 'Putin Says He And Obama Took Step Forward On Syria',
  source: { kind: 'file', name: 'putin-obama-syria.txt' },
  importedAt: '2026-11-01T00:00:00.000Z',
  contentHash: '0'.repeat(64),
  tags: [],
  document: { type: 'doc', content: [] },
};

const QUOTE = 'conversed on the sidelines of the Group of 20 summit in Hangzhou for ninety minutes';
const FIRST_ID = 'h-notemarkdown01';
const SECOND_ID = 'h-notemarkdown02';
const END_TAG = 'summit';

function highlight(id: string, start: number, exact: string, note: string, tags: string[] = []): Highlight {
  return {
    id,
    articleId: article.id,
    target: {
      position: { type: 'TextPositionSelector', start: codePoints(start), end: codePoints(start + [...exact].length) },
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    },
    color: 'yellow',
    note,
    tags,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  };
}

/** An export of a highlight with `note` (tagged #summit) and a second highlight after it. */
function exportNote(preset: PresetName, note: string, quote = QUOTE): string {
  const highlights = [highlight(FIRST_ID, 100, quote, note, [END_TAG]), highlight(SECOND_ID, 400, 'Sergey Lavrov', '')];
  return exportMarkdown(article, highlights, { exportedAt, template: presetTemplate(preset) });
}

/** Checks that the note reads in the export as the same blocks it reads as alone, and that the rest of the file is whole. */
function expectContained(preset: PresetName, note: string): void {
  const region = noteRegion(exportNote(preset, note), preset, END_TAG, preset === 'logseq' ? uuidOf(SECOND_ID) : SECOND_ID);
  expect(region.problem, preset).toBeNull();
  expect(region.note, preset).toEqual(blockShapes(noteMarkdown(note)));
}

describe('notes in the export are Markdown, as written', () => {
  it.each(PRESET_NAMES)('%s: *ninety*, [[Kerry]] and #tags in a note are written verbatim; the quote stays escaped', (preset) => {
    const markdown = exportNote(preset, 'They talked for *ninety* minutes, says [[Kerry]]. #syria', 'for *ninety* minutes');
    expect(markdown).toContain('They talked for *ninety* minutes, says [[Kerry]]. #syria');
    expect(markdown).not.toContain('\\*ninety\\* minutes, says');
    expect(markdown).not.toContain('\\[\\[Kerry');
    // The passage is text: its asterisks stay escaped.
    expect(markdown).toContain('for \\*ninety\\* minutes');
    expectContained(preset, 'They talked for *ninety* minutes, says [[Kerry]]. #syria');
  });

  it('writes a multi-line note well-formed in each layout: paragraphs after the block id, a child block with its lines indented', () => {
    const note = 'First paragraph with **strong** words.\nA second line.\n\n- a list\n- of two\n\n> a quote of my own';
    expect(exportNote('obsidian', note)).toContain(`^${FIRST_ID}\n\n${note}\n\n#${END_TAG}\n`);
    expect(exportNote('plain', note)).toContain(`\n\n${note}\n\nTags: ${END_TAG}\n`);
    expect(exportNote('logseq', note)).toContain(
      '\t- First paragraph with **strong** words.\n\t  A second line.\n\t  \n\t  - a list\n\t  - of two\n\t  \n\t  > a quote of my own\n',
    );
    for (const preset of PRESET_NAMES) expectContained(preset, note);
  });

  it.each(PRESET_NAMES)('%s: a code fence with blank lines stays one block, and one left open is closed before the tags', (preset) => {
    expectContained(preset, 'Look:\n\n```js\nlet x = 1;\n\nlet y = 2;\n```\n\nDone.');
    expectContained(preset, 'Unclosed:\n\n~~~\ncode that never ends');
    expect(noteMarkdown('Unclosed:\n\n~~~~\ncode\n~~~')).toBe('Unclosed:\n\n~~~~\ncode\n~~~\n~~~~');
  });

  it.each(PRESET_NAMES)('%s: an HTML comment or <script> never closed is made text; a closed one stays as written', (preset) => {
    expect(noteMarkdown('before\n\n<!-- never closed\n\nafter')).toBe('before\n\n\\<!-- never closed\n\nafter');
    expect(noteMarkdown('<script>alert(1)')).toBe('\\<script>alert(1)');
    expect(noteMarkdown('<!-- closed -->\ntext')).toBe('<!-- closed -->\ntext');
    expectContained(preset, 'before\n\n<!-- never closed\n\nafter');
    expectContained(preset, '<pre>\nnever closed\n\n<img src=x onerror=alert(1)>');
  });

  it.each(PRESET_NAMES)('%s: a line starting with # is a heading inside the note, and --- a thematic break after the front matter', (preset) => {
    const note = '# My heading\n\nText.\n\n---\n\nMore text.\n---';
    const markdown = exportNote(preset, note);
    expectContained(preset, note);
    if (preset === 'obsidian') {
      // The front matter is still exactly the page's own, with the note's lines nowhere in it.
      const { frontMatter } = parseExport(markdown);
      expect(frontMatter).toMatchObject({ title: article.title, highlights: 2 });
      expect(markdown.indexOf('# My heading')).toBeGreaterThan(markdown.indexOf('\n---\n# Putin'));
    }
  });

  it('a note ending in a block id, or with an odd %%, cannot take over the passage link nor hide the rest of the file', () => {
    // Obsidian would give the note's paragraph the id of another highlight's passage.
    expect(noteMarkdown(`See that one ^${SECOND_ID}`)).toBe(`See that one \\^${SECOND_ID}`);
    expect(noteMarkdown('^blockid')).toBe('\\^blockid');
    // Inside code, in the middle of a line, and as a footnote it is left alone.
    expect(noteMarkdown('```\nx ^id\n```\n\n2^10 is 1024 and [^1] too')).toBe('```\nx ^id\n```\n\n2^10 is 1024 and [^1] too');
    expect(noteMarkdown('50% off, %%a comment%% and one more %%')).toBe('50% off, %%a comment%% and one more %\\%');
    expect(noteMarkdown('%%a comment%%')).toBe('%%a comment%%');
    for (const preset of PRESET_NAMES) expectContained(preset, `Like ^${SECOND_ID}\n\nand %% unpaired`);
    // The second highlight's block id appears once in the Obsidian file: its own.
    const obsidian = exportNote('obsidian', `Like ^${SECOND_ID}`);
    expect(obsidian.split(`\n^${SECOND_ID}\n`).length - 1).toBe(1);
    expect(obsidian.match(/(^|\s)\^h-notemarkdown02$/gm)).toHaveLength(1);
  });

  it('keeps a note as typed otherwise: CRLF read as LF, blank lines at its ends dropped, a blank note empty', () => {
    expect(noteMarkdown('\r\n\r\n  *one*\r\ntwo  \r\n\r\n')).toBe('  *one*\ntwo');
    expect(noteMarkdown(' \n\t\n')).toBe('');
    expect(noteMarkdown('')).toBe('');
    for (const preset of PRESET_NAMES) {
      expect(exportNote(preset, '   \n')).not.toMatch(/\t- \n|\n\n\n/);
    }
  });

  it("gives templates the note's top-level blocks as written, a fence or a loose list never split", () => {
    expect(noteBlocks(noteMarkdown('One\ntwo.\n\n```\na\n\nb\n```\n\n- x\n\n- y\n\n[ref]: https://example.org\nThree [ref].'))).toEqual([
      'One\ntwo.',
      '```\na\n\nb\n```',
      '- x\n\n- y',
      '[ref]: https://example.org\nThree [ref].',
    ]);
    expect(noteBlocks('')).toEqual([]);
  });
});

describe('a synced file whose notes hold Markdown', () => {
  /** A note with what could confuse a merge: another highlight's block id and UUID, a heading, thematic breaks and a fence. */
  const tricky = (changed: string) =>
    `# A heading of mine\n\n${changed}\n\n---\n\nLinks to [[${article.title}#^${SECOND_ID}]] and ((${uuidOf(SECOND_ID)}))\n\nSee ^${SECOND_ID}\n\n\`\`\`\n---\nid:: ${uuidOf(SECOND_ID)}\n\`\`\``;

  it.each(PRESET_NAMES)('%s: merges a note changed in the app with the reader\'s own edit elsewhere, without a conflict', (preset) => {
    const template = presetTemplate(preset);
    const second = highlight(SECOND_ID, 400, 'Sergey Lavrov', 'Lavrov, *again*.');
    const base = template.render(article, [highlight(FIRST_ID, 100, QUOTE, tricky('Before.'), ['summit']), second], { exportedAt });
    const ours = template.render(article, [highlight(FIRST_ID, 100, QUOTE, tricky('Changed in the app.'), ['summit']), second], { exportedAt });
    const own = preset === 'logseq' ? '- A paragraph of my own.' : 'A paragraph of my own.';
    const theirs = pageText(base).replace('Lavrov, *again*.', 'Lavrov, *again*, edited by me.') + `\n${own}\n`;
    const merged = mergeExport({ base, ours, theirs, renderConflict: template.renderConflict });
    expect(merged.conflicts).toBe(0);
    expect(merged.text).toContain('Changed in the app.');
    expect(merged.text).not.toContain('Before.');
    expect(merged.text).toContain('Lavrov, *again*, edited by me.');
    expect(merged.text.split(own).length - 1).toBe(1);
    // Merged again with nothing new, nothing changes.
    expect(mergeExport({ base: ours, ours, theirs: merged.text, renderConflict: template.renderConflict }).text).toBe(merged.text);
  });
});
