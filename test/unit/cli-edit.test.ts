import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { corpus, suiteTempDir, tempDir } from '../support/temp.js';
import type { Highlight } from '../../shared/model.js';

/** Passages of the sample article (corpus/sample/putin-obama-syria.txt). */
const FIRST = 'the President described it as “candid” and “blunt”';
const SECOND = 'Secretary of State John Kerry';

/** A temp library with the sample article and two highlights on it, and a CLI bound to it. */
async function libraryWithTwoHighlights(folder: () => Promise<string> = tempDir) {
  const dataDir = await folder();
  const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);
  const articleId = (await cli('import', corpus('sample/putin-obama-syria.txt'))).stdout.trim();
  const first = await cli('highlight', articleId, '--quote', FIRST, '--note', 'tense', '--tag', 'syria');
  const second = await cli('highlight', articleId, '--quote', SECOND, '--color', 'green');
  expect([first.code, second.code], first.stderr + second.stderr).toEqual([0, 0]);
  const listed = async (): Promise<Highlight[]> => {
    const result = await cli('highlights', articleId, '--json');
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as Highlight[];
  };
  return { cli, articleId, first: first.stdout.trim(), second: second.stdout.trim(), listed };
}

describe('the CLI edits and deletes one highlight by its id', () => {
  it('sets and clears a note, changes the colour and replaces the tags, each saved when the command exits 0', async () => {
    const { cli, first, second, listed } = await libraryWithTwoHighlights();

    expect(await cli('note', first, 'Diplomatic code for *tense*.\nSee also the G8 talks.')).toMatchObject({ code: 0, stdout: `${first}\n`, stderr: '' });
    expect(await cli('color', first, 'purple')).toMatchObject({ code: 0, stdout: `${first}\n`, stderr: '' });
    expect(await cli('set-tags', first, '--tag', '#diplomacy', '--tag', 'russia/putin', '--tag', 'diplomacy')).toMatchObject({ code: 0, stderr: '' });
    let byId = new Map((await listed()).map((h) => [h.id, h]));
    expect(byId.get(first)).toMatchObject({ note: 'Diplomatic code for *tense*.\nSee also the G8 talks.', color: 'purple', tags: ['diplomacy', 'russia/putin'] });
    // The other highlight is untouched.
    expect(byId.get(second)).toMatchObject({ note: '', color: 'green', tags: [] });

    expect(await cli('note', first, '')).toMatchObject({ code: 0, stderr: '' });
    expect(await cli('set-tags', first, '--none')).toMatchObject({ code: 0, stderr: '' });
    byId = new Map((await listed()).map((h) => [h.id, h]));
    expect(byId.get(first)).toMatchObject({ note: '', color: 'purple', tags: [] });
    expect(byId.get(first)!.updatedAt >= byId.get(first)!.createdAt).toBe(true);
  });

  it('unhighlight deletes only the highlight named, and the tag it carried leaves the tag counts', async () => {
    const { cli, articleId, first, second, listed } = await libraryWithTwoHighlights();
    expect(await cli('unhighlight', first)).toMatchObject({ code: 0, stdout: `${first}\n`, stderr: '' });
    expect((await listed()).map((h) => h.id)).toEqual([second]);
    expect(JSON.parse((await cli('tags', '--json')).stdout)).toEqual([]);
    expect(JSON.parse((await cli('list', '--json')).stdout)).toMatchObject([{ id: articleId, highlightCount: 1 }]);
    // Deleting it again: it is gone, and the command says so.
    expect(await cli('unhighlight', first)).toMatchObject({ code: 1, stdout: '', stderr: `marginalia unhighlight: No highlight with id ${first} in this library.\n` });
  });

  it('--article names the article and skips the search; a highlight not in it is refused', async () => {
    const { cli, articleId, first, listed } = await libraryWithTwoHighlights();
    expect(await cli('color', first, 'blue', '--article', articleId)).toMatchObject({ code: 0, stderr: '' });
    expect((await listed()).find((h) => h.id === first)).toMatchObject({ color: 'blue' });

    const other = (await cli('import', corpus('books/pride-and-prejudice.txt'))).stdout.trim();
    const refused = await cli('note', first, 'lost?', '--article', other);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toMatch(new RegExp(`No highlight with id ${first}`));
    expect((await listed()).find((h) => h.id === first)).toMatchObject({ note: 'tense' });
  });

  describe('refusals', () => {
    let library: Awaited<ReturnType<typeof libraryWithTwoHighlights>>;
    // One library for all: a refused command changes nothing, which each case checks.
    beforeAll(async () => {
      library = await libraryWithTwoHighlights(suiteTempDir);
    }, 60_000);

    it.each([
      [['note', 'h-unknown000000000', 'text'], 1, /^marginalia note: No highlight with id h-unknown000000000 in this library\.$/],
      [['color', 'h-unknown000000000', 'blue'], 1, /No highlight with id h-unknown000000000/],
      [['set-tags', 'h-unknown000000000', '--tag', 'x'], 1, /No highlight with id h-unknown000000000/],
      [['unhighlight', 'h-unknown000000000'], 1, /No highlight with id h-unknown000000000/],
      [['color', 'h-unknown000000000', 'red'], 2, /unknown colour "red"/],
      [['note', 'h-unknown000000000'], 2, /note needs HIGHLIGHT_ID and TEXT/],
      [['unhighlight', 'not-an-id'], 2, /"not-an-id" is not a highlight id/],
      [['set-tags', 'h-unknown000000000'], 2, /--none to remove every tag/],
      [['set-tags', 'h-unknown000000000', '--tag', 'two words'], 2, /invalid tag "two words"/],
      [['color', 'h-unknown000000000', 'blue', '--article', 'a-nosucharticle00'], 1, /No article with id a-nosucharticle00/],
    ])('%j exits %i with a one-line error and changes nothing', async (args, code, message) => {
      const { cli, first, second, listed } = library;
      const before = await listed();
      const result = await cli(...args);
      expect(result.code).toBe(code);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr.trim()).toMatch(message);
      expect(await listed()).toEqual(before);
      expect(before.map((h) => h.id).sort()).toEqual([first, second].sort());
    });
  });

  it('documents each command in --help', async () => {
    const main = await runCli(['--help']);
    for (const command of ['note', 'color', 'set-tags', 'unhighlight']) {
      expect(main.stdout).toContain(`  ${command} HIGHLIGHT_ID`);
      const help = await runCli([command, '--help']);
      expect(help).toMatchObject({ code: 0, stderr: '' });
      expect(help.stdout).toMatch(new RegExp(`^Usage: marginalia ${command} HIGHLIGHT_ID`));
      expect(help.stdout).toContain('--article ARTICLE_ID');
    }
  });
});
