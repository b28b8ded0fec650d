import { describe, expect, it } from 'vitest';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { exportMarkdown, exportToFolder, presetTemplate, PRESET_NAMES, syncStateDir } from '../../main/core/export/index.js';
import { readAnnotations, toAnnotationCollection } from '../../main/core/interop/w3c-annotations.js';
import type { Article, Highlight } from '../../shared/model.js';
import { runCli } from '../support/cli.js';
import { openTestLibrary } from '../support/library.js';
import { readExport } from '../support/markdown.js';
import { tempDir } from '../support/temp.js';
import { codePoints, utf16 } from '../../shared/offsets.js';
import { TextIndex } from '../../shared/anchoring/index.js';

/** Names that are properties of every plain object: as titles, tags and file names they are ordinary names. */
const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty'] as const;
const exportedAt = new Date('2026-11-25T10:00:00Z');
/** Twenty CLI processes, each starting tsx: on a loaded 2-core machine that takes minutes, not the default minute. */
const CLI_RUNS_TIMEOUT = 300_000;
const TEXT = 'constructor __proto__ toString hasOwnProperty';

/** An article titled `title`, tagged with every name, with one highlight per name (tagged with it). */
function namedArticle(title: string): { article: Article; highlights: Highlight[] } {
  const article: Article = {
    id: 'a-protonames00001',
    title,
    source: { kind: 'file', name: `${title}.txt` },
    importedAt: '2026-11-01T00:00:00.000Z',
    contentHash: '0'.repeat(64),
    tags: [...NAMES],
    document: { type: 'doc', content: [] },
  };
  const highlights = NAMES.map((name, i): Highlight => {
    const start = new TextIndex(TEXT).toCodePoint(utf16(TEXT.indexOf(name)));
    return {
      id: `h-protonames0000${i}`,
      articleId: article.id,
      target: {
        position: { type: 'TextPositionSelector', start, end: codePoints(start + Array.from(name).length) },
        quote: { type: 'TextQuoteSelector', exact: name, prefix: '', suffix: '' },
      },
      color: 'yellow',
      note: `A note on ${name}.`,
      tags: [name],
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    };
  });
  return { article, highlights };
}

describe('titles, tags and file names that are Object.prototype names', () => {
  it.each(PRESET_NAMES.flatMap((preset) => NAMES.map((title) => [preset, title] as const)))(
    '%s: an article titled %s, with those tags, exports every highlight with its tag',
    (preset, title) => {
      const { article, highlights } = namedArticle(title);
      const markdown = exportMarkdown(article, highlights, { exportedAt, template: presetTemplate(preset) });
      const read = readExport(markdown, preset);
      expect(read.map((h) => h.quote)).toEqual([...NAMES]);
      if (preset === 'obsidian') {
        const frontMatter = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(markdown)![1]!) as Record<string, unknown>;
        expect(frontMatter).toMatchObject({ title, tags: [...NAMES].sort(), highlights: 4 });
        expect(read.map((h) => h.after.at(-1))).toEqual(NAMES.map((n) => `#${n}`));
      }
      if (preset === 'plain') expect(read.map((h) => h.after.at(-1))).toEqual(NAMES.map((n) => `Tags: ${n}`));
      if (preset === 'logseq') expect(markdown).toContain(`tags:: ${[...NAMES].sort().join(', ')}`);
    },
  );

  it('W3C export writes each name as a tagging body and reads it back', () => {
    const { article, highlights } = namedArticle('__proto__');
    const collection = JSON.parse(JSON.stringify(toAnnotationCollection(article, highlights))) as { label: string; first: { items: { body: { value: string; purpose: string }[] }[] } };
    expect(collection.label).toBe('Highlights of “__proto__”');
    expect(collection.first.items.map((a) => a.body.filter((b) => b.purpose === 'tagging').map((b) => b.value))).toEqual(NAMES.map((n) => [n]));
    const { annotations, skipped } = readAnnotations(collection);
    expect(skipped).toBe(0);
    expect(annotations.map((a) => a.tags)).toEqual(NAMES.map((n) => [n]));
  });

  it('a folder export gives each article its own file, keeps a file of the user\'s, and syncs by tag', async () => {
    const dataDir = await tempDir();
    const library = await openTestLibrary({ dataDir });
    const ids = new Map<string, string>();
    for (const name of NAMES) {
      const { summary } = await library.importFile({ fileName: `${name}.txt`, bytes: Buffer.from(`${name}\nThe body of ${name}, here.\n`) });
      ids.set(name, summary.id);
      const index = await library.indexOf(summary.id);
      const at = index.text.indexOf('The body');
      await library.createHighlight({ articleId: summary.id, start: index.toCodePoint(utf16(at)), end: index.toCodePoint(utf16(at + 8)), color: 'yellow', note: `On \`${name}\`.`, tags: [name] });
    }
    const folder = await tempDir();
    await writeFile(join(folder, 'toString.md'), 'My own note called toString.\n');
    const options = { folder, stateDir: syncStateDir(dataDir) };
    const first = await exportToFolder(library, { all: true }, options);
    expect(first.files.map((f) => [f.title, f.fileName, f.status])).toEqual([
      ['constructor', 'constructor.md', 'created'],
      ['__proto__', '__proto__.md', 'created'],
      ['toString', 'toString (2).md', 'created'],
      ['hasOwnProperty', 'hasOwnProperty.md', 'created'],
    ]);
    expect(first.files.find((f) => f.title === 'toString')!.nameTakenBy).toBe('toString.md');
    expect(await readFile(join(folder, 'toString.md'), 'utf8')).toBe('My own note called toString.\n');
    // Notes are Markdown: `__proto__` in code reads as itself (bare, it would be strong emphasis).
    for (const file of first.files) {
      expect(readExport(await readFile(file.path, 'utf8'), 'obsidian')).toMatchObject([{ quote: 'The body', after: [`On ${file.title}.`, `#${file.title}`] }]);
    }

    // The sync state, keyed by article and remembering each name, reads back: nothing is new the second time.
    const second = await exportToFolder(library, { all: true }, options);
    expect(second.files.map((f) => [f.fileName, f.status])).toEqual(first.files.map((f) => [f.fileName, 'unchanged']));

    // A selection by each tag finds that article only, and merges into its file.
    for (const name of NAMES) {
      await library.updateHighlight({
        articleId: ids.get(name)!,
        highlightId: (await library.getArticle(ids.get(name)!)).highlights[0]!.id,
        note: `Changed \`${name}\`.`,
      });
      const byTag = await exportToFolder(library, { tag: name }, options);
      expect(byTag.files.map((f) => [f.title, f.status])).toEqual([[name, 'updated']]);
      expect(readExport(await readFile(byTag.files[0]!.path, 'utf8'), 'obsidian')).toMatchObject([{ after: [`Changed ${name}.`, `#${name}`] }]);
    }
    expect((await readdir(folder)).sort()).toEqual(['__proto__.md', 'constructor.md', 'hasOwnProperty.md', 'toString (2).md', 'toString.md']);
  });

  it('the CLI imports files with those names, highlights with those tags, and exports them by tag', async () => {
    const dataDir = await tempDir();
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);
    const source = await tempDir();
    const out = await tempDir();
    for (const name of NAMES) {
      const path = join(source, `${name}.txt`);
      await writeFile(path, `${name}\nA passage about ${name}.\n`);
      const imported = await cli('import', path);
      expect(imported).toMatchObject({ code: 0, stderr: '' });
      const articleId = imported.stdout.trim();
      expect(await cli('highlight', articleId, '--quote', `about ${name}`, '--tag', name)).toMatchObject({ code: 0, stderr: '' });
      const listed = await cli('highlights', articleId, '--json');
      expect(JSON.parse(listed.stdout)).toMatchObject([{ tags: [name], target: { quote: { exact: `about ${name}` } } }]);
      const annotations = JSON.parse((await cli('annotations', articleId)).stdout) as { first: { items: { body: { value: string }[] }[] } };
      expect(annotations.first.items[0]!.body).toEqual([{ type: 'TextualBody', value: name, purpose: 'tagging' }]);
      const exported = await cli('export', '--tag', name, '--out', out);
      expect(exported).toMatchObject({ code: 0, stderr: '', stdout: `${join(out, `${name}.md`)}\n` });
    }
    expect((await readdir(out)).sort()).toEqual(['__proto__.md', 'constructor.md', 'hasOwnProperty.md', 'toString.md']);
  }, CLI_RUNS_TIMEOUT);
});
