import { describe, expect, it } from 'vitest';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { corpus, tempDir } from '../support/temp.js';
import { readExport } from '../support/markdown.js';

const TITLE = 'Putin Says He And Obama Took Step Forward On Syria';
const fixture = (name: string) => new URL(`../fixtures/export/${name}`, import.meta.url).pathname;

/** A library with the sample article and one tagged highlight, made through the CLI. */
async function sampleLibrary() {
  const dataDir = await tempDir();
  const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);
  const articleId = (await cli('import', corpus('sample/putin-obama-syria.txt'))).stdout.trim();
  const made = await cli('highlight', articleId, '--quote', 'the President described it as', '--note', 'Code for *tense*.', '--tag', 'syria');
  expect(made.code).toBe(0);
  return { dataDir, cli, articleId, highlightId: made.stdout.trim() };
}

describe('the export command', () => {
  it('prints one article in the chosen preset, or through a template file', async () => {
    const { cli, articleId, highlightId } = await sampleLibrary();
    const logseq = await cli('export', articleId, '--preset', 'logseq');
    expect(logseq).toMatchObject({ code: 0, stderr: '' });
    expect(logseq.stdout).toMatch(/^title:: Putin Says/);
    // The note is Markdown, written as typed: its emphasis is emphasis in the file.
    expect(logseq.stdout).toContain('\t- Code for *tense*.\n');
    expect(readExport(logseq.stdout, 'logseq')).toMatchObject([{ quote: 'the President described it as', after: ['Code for tense.'] }]);

    const plain = await cli('export', articleId, '--preset', 'plain');
    expect(readExport(plain.stdout, 'plain')).toMatchObject([{ id: highlightId, after: ['Code for tense.', 'Tags: syria'] }]);

    const own = await cli('export', articleId, '--template', fixture('reading-notes.hbs'));
    expect(own.stdout).toMatch(/^# Reading notes: Putin Says/);
    expect(own.stdout).toContain(`<!-- ${highlightId} -->`);
  });

  it('exports into a folder and, run again, keeps what the user wrote there', async () => {
    const { cli, articleId } = await sampleLibrary();
    const outDir = await tempDir();
    const first = await cli('export', '--all', '--out', outDir, '--preset', 'obsidian');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const path = join(outDir, `${TITLE}.md`);
    expect(first.stdout.trim()).toBe(path);
    await writeFile(path, `${await readFile(path, 'utf8')}\nMy own conclusion.\n`);

    await cli('highlight', articleId, '--quote', 'Group of 20 summit', '--note', 'Added later.');
    const second = await cli('export', '--tag', 'syria', '--out', outDir);
    expect(second).toMatchObject({ code: 0, stderr: '' });
    const third = await cli('export', articleId, '--out', `${outDir}/`);
    expect(third.code).toBe(0);
    const text = await readFile(path, 'utf8');
    expect(text).toContain('My own conclusion.');
    expect(text).toContain('Added later.');
    expect(text.split('Code for *tense*.').length).toBe(2);
    expect(await readdir(outDir)).toEqual([`${TITLE}.md`]);
  });

  it('warns, and writes beside it, when a file it did not write has the name', async () => {
    const { cli } = await sampleLibrary();
    const outDir = await tempDir();
    await writeFile(join(outDir, `${TITLE}.md`), 'Mine.\n');
    const result = await cli('export', '--all', '--out', outDir);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/was not written by Marginalia; left it alone and wrote .*\(2\)\.md/);
    expect(await readFile(join(outDir, `${TITLE}.md`), 'utf8')).toBe('Mine.\n');
  });

  it.each([
    [['a-aaaaaaaaaaaaaaaa', '--preset', 'notion'], 2, /unknown preset "notion"/],
    [['a-aaaaaaaaaaaaaaaa', '--preset', 'plain', '--template', 'x.hbs'], 2, /--preset or --template, not both/],
    [['a-aaaaaaaaaaaaaaaa', '--all'], 2, /not more than one of them/],
    [['--tag', 'has space'], 2, /invalid tag/],
    [['--all', '--template', fixture('broken-syntax.hbs')], 1, /broken-syntax\.hbs, line 8: syntax error/],
    [['--all', '--template', fixture('unknown-field.hbs')], 1, /line 8: "writer" is neither a field nor a helper/],
    [['--all', '--template', fixture('prototype-field.hbs')], 1, /prototype-field\.hbs, line 8: "toString" is neither a field nor a helper/],
    [['a-aaaaaaaaaaaaaaaa', '--preset', 'constructor'], 2, /unknown preset "constructor"/],
    [['a-aaaaaaaaaaaaaaaa', '--preset', '__proto__'], 2, /unknown preset "__proto__"/],
    [['a-doesnotexist0000'], 1, /No article with id/],
  ])('export %j exits %i with a one-line error', async (args, code, message) => {
    const dataDir = await tempDir();
    const result = await runCli(['--data-dir', dataDir, 'export', ...args]);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('documents the new options in --help', async () => {
    const help = await runCli(['export', '--help']);
    for (const option of ['--preset', '--template', '--tag', '--out', '--all', 'obsidian', 'logseq', 'plain', 'docs/templates.md']) {
      expect(help.stdout).toContain(option);
    }
  });
});
