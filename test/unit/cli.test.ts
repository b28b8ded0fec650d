import { describe, expect, it } from 'vitest';
import { copyFile, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { corpus, tempDir } from '../support/temp.js';
import { blocksOf, parseExport, readExport, textOf } from '../support/markdown.js';

const fixture = (name: string) => new URL(`../fixtures/export/${name}`, import.meta.url).pathname;

describe('the CLI', () => {
  it('imports, highlights with a note and tags, lists, and exports valid Markdown', async () => {
    const dataDir = await tempDir();
    const imported = await runCli(['--data-dir', dataDir, 'import', corpus('sample/putin-obama-syria.txt')]);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    const articleId = imported.stdout.trim();
    expect(articleId).toMatch(/^a-[a-z0-9]{16}$/);

    const list = await runCli(['--data-dir', dataDir, 'list', '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject([{ id: articleId, highlightCount: 0 }]);

    const quote = 'the President described it as “candid” and “blunt”';
    const made = await runCli([
      'highlight', articleId, '--data-dir', dataDir, '--quote', quote, '--color', 'pink',
      '--note', 'Diplomatic code for *tense*.', '--tag', 'syria', '--tag', '#diplomacy',
    ]);
    expect(made).toMatchObject({ code: 0, stderr: '' });
    const highlightId = made.stdout.trim();

    const highlights = await runCli(['--data-dir', dataDir, 'highlights', articleId, '--json']);
    expect(JSON.parse(highlights.stdout)).toMatchObject([
      { id: highlightId, color: 'pink', tags: ['syria', 'diplomacy'], target: { quote: { exact: quote } } },
    ]);

    const outDir = await tempDir();
    const exported = await runCli(['--data-dir', dataDir, 'export', '--all', '--out', outDir]);
    expect(exported.code).toBe(0);
    const [file] = await readdir(outDir);
    expect(file).toBe('Putin Says He And Obama Took Step Forward On Syria.md');
    const { frontMatter, body } = parseExport(await readFile(join(outDir, file!), 'utf8'));
    expect(frontMatter).toMatchObject({ title: 'Putin Says He And Obama Took Step Forward On Syria', tags: ['diplomacy', 'syria'] });
    const quoteBlock = blocksOf(body).find((b) => b.type === 'block_quote')!;
    expect(textOf(quoteBlock)).toBe(`[!quote|pink] ${quote}`);

    const single = await runCli(['--data-dir', dataDir, 'export', articleId]);
    expect(single.stdout).toContain(`^${highlightId}`);
  });

  it.each([
    [['import'], 2, /expected exactly one FILE/],
    [['frobnicate'], 2, /unknown command "frobnicate"/],
    [['list', '--yaml'], 2, /unknown option --yaml/],
    [['highlight', 'a-aaaaaaaaaaaaaaaa'], 2, /needs --quote/],
    [['highlight', 'a-aaaaaaaaaaaaaaaa', '--quote', 'x', '--color', 'red'], 2, /unknown colour "red"/],
    [['highlights', 'a-doesnotexist0000'], 1, /No article with id/],
    [['export'], 2, /expected an ARTICLE_ID, --tag TAG or --all/],
    [['import', 'no/such/file.txt'], 1, /no such file/],
  ])('%j exits %i with a one-line error', async (args, code, message) => {
    const dataDir = await tempDir();
    const result = await runCli(['--data-dir', dataDir, ...args]);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'takes %s for an unknown command, with or without --help (command names are not looked up on objects)',
    async (name) => {
      const dataDir = await tempDir();
      for (const args of [[name], [name, '--help'], [name, 'a-aaaaaaaaaaaaaaaa', '--json']]) {
        const result = await runCli(['--data-dir', dataDir, ...args]);
        expect(result, args.join(' ')).toMatchObject({ code: 2, stdout: '', stderr: `marginalia: unknown command "${name}" (see --help)\n` });
      }
    },
  );

  it('lists and exports orphaned highlights as orphaned, after the placed ones, without their stale positions', async () => {
    const dataDir = await tempDir();
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);
    const path = join(await tempDir(), 'whale.txt');
    await copyFile(fixture('orphans-v1.txt'), path);
    const articleId = (await cli('import', path)).stdout.trim();
    // Made in this order; the new version drops the paragraphs of the first and the third.
    const quotes = ['belted round by wharves', 'Some years ago', 'driving off the spleen', 'growing grim'];
    const ids = new Map<string, string>();
    for (const quote of quotes) ids.set(quote, (await cli('highlight', articleId, '--quote', quote)).stdout.trim());
    await copyFile(fixture('orphans-v2.txt'), path);
    expect((await cli('import', path)).stderr).toMatch(/2 orphaned/);

    const text = await cli('highlights', articleId);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout.trim().split('\n').map((line) => line.split('\t').slice(0, 4))).toEqual(
      [['Some years ago', 'placed'], ['growing grim', 'placed'], ['belted round by wharves', 'orphaned'], ['driving off the spleen', 'orphaned']].map(
        ([quote, status]) => [ids.get(quote!)!, 'yellow', status!, JSON.stringify(quote)],
      ),
    );
    const listed = JSON.parse((await cli('highlights', articleId, '--json')).stdout) as { id: string; orphaned: boolean; target: { position?: unknown } }[];
    expect(listed.map((h) => [h.id, h.orphaned, h.target.position === undefined])).toEqual([
      [ids.get('Some years ago'), false, false],
      [ids.get('growing grim'), false, false],
      [ids.get('belted round by wharves'), true, true],
      [ids.get('driving off the spleen'), true, true],
    ]);

    const annotations = JSON.parse((await cli('annotations', articleId)).stdout) as { first: { items: { id: string; 'marginalia:orphaned'?: true }[] } };
    expect(annotations.first.items.map((a) => a['marginalia:orphaned'] ?? false)).toEqual([false, false, true, true]);
    const exported = readExport((await cli('export', articleId)).stdout, 'obsidian');
    expect(exported.map((h) => [h.quote, h.orphaned])).toEqual([
      ['Some years ago', false],
      ['growing grim', false],
      ['belted round by wharves', true],
      ['driving off the spleen', true],
    ]);
  }, 300_000); // a dozen CLI processes: minutes on a loaded 2-core machine

  it('refuses a binary file with a clear error, creating no article', async () => {
    const dataDir = await tempDir();
    const png = await runCli(['--data-dir', dataDir, 'import', corpus('hostile/binary-png.txt')]);
    expect(png).toMatchObject({ code: 1, stderr: expect.stringMatching(/not a text file/) });
    expect((await runCli(['--data-dir', dataDir, 'list', '--json'])).stdout.trim()).toBe('[]');
  });

  it('prints help for every command, and reads MARGINALIA_DATA_DIR', async () => {
    for (const command of ['import', 'list', 'highlight', 'highlights', 'export']) {
      const help = await runCli([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: marginalia ${command}`));
    }
    expect((await runCli(['--help'])).stdout).toMatch(/Commands:/);
    const dataDir = await tempDir();
    await runCli(['import', corpus('sample/putin-obama-syria.txt')], { env: { MARGINALIA_DATA_DIR: dataDir } });
    expect(await readdir(join(dataDir, 'articles'))).toHaveLength(1);
  });
});
