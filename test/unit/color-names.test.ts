import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportToFolder, presetTemplate } from '../../main/core/export/index.js';
import { codePoints } from '../../shared/offsets.js';
import { openTestLibrary } from '../support/library.js';
import { SAMPLE_ARTICLE, tempDir } from '../support/temp.js';

/** The sample article with a yellow and a pink highlight, the reader having named both colours. */
async function namedLibrary() {
  const library = await openTestLibrary({ dataDir: await tempDir(), defaultArticlePath: SAMPLE_ARTICLE });
  const [sample] = await library.listArticles();
  await library.createHighlight({ articleId: sample!.id, start: codePoints(0), end: codePoints(20), color: 'yellow' });
  await library.createHighlight({ articleId: sample!.id, start: codePoints(100), end: codePoints(130), color: 'pink' });
  await library.createHighlight({ articleId: sample!.id, start: codePoints(200), end: codePoints(230), color: 'green' });
  await library.settings.change({ colorNames: { yellow: 'key idea', pink: 'disagree *strongly*' } });
  return { library, articleId: sample!.id };
}

const folderExport = async (library: Awaited<ReturnType<typeof namedLibrary>>['library'], preset: 'plain' | 'logseq' | 'obsidian') => {
  const folder = await tempDir();
  await exportToFolder(library, { all: true }, { folder, stateDir: await tempDir(), template: presetTemplate(preset), colorNames: (await library.settings.get()).colorNames });
  const [file] = (await readdir(folder)).filter((n) => n.endsWith('.md'));
  return readFile(join(folder, file!), 'utf8');
};

describe('colour names in exports', () => {
  it('label Obsidian callouts with what the colour means (a colour without a name has no label)', async () => {
    const { library, articleId } = await namedLibrary();
    const { markdown } = await library.exportMarkdown(articleId);
    expect(markdown).toContain('> [!quote|yellow] key idea\n');
    expect(markdown).toContain('> [!quote|pink] disagree \\*strongly\\*\n');
    expect(markdown).toContain('> [!quote|green]\n');
  });

  it('are a label:: property in Logseq and a Colour line in plain Markdown, in folder exports', async () => {
    const { library } = await namedLibrary();
    const logseq = await folderExport(library, 'logseq');
    expect(logseq).toContain('  background-color:: yellow\n  label:: key idea\n');
    expect(logseq.match(/label::/g)).toHaveLength(2);
    const plain = await folderExport(library, 'plain');
    expect(plain).toContain('Colour: key idea');
    expect(plain).toContain('Colour: disagree \\*strongly\\*');
  });
});
