import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { runCli } from '../support/cli.js';
import { corpus, tempDir } from '../support/temp.js';

describe('the CLI text command', () => {
  it('prints a plain-text article as the reader shows it: the title, then one paragraph a line', async () => {
    const dataDir = await tempDir();
    const file = corpus('sample/putin-obama-syria.txt');
    const imported = await runCli(['--data-dir', dataDir, 'import', file]);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    const id = imported.stdout.trim();
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');

    const whole = await runCli(['--data-dir', dataDir, 'text', id]);
    expect(whole).toMatchObject({ code: 0, stderr: '' });
    expect(whole.stdout).toBe(`${lines.join('\n')}\n`);

    const body = await runCli(['--data-dir', dataDir, 'text', id, '--body']);
    expect(body).toMatchObject({ code: 0, stderr: '' });
    expect(body.stdout).toBe(`${lines.slice(1).join('\n')}\n`);
  });

  it('prints a web page’s paragraphs and list items each on a line of its own', async () => {
    const dataDir = await tempDir();
    const imported = await runCli(['--data-dir', dataDir, 'import', corpus('readability/test-pages/001/source.html')]);
    expect(imported.code).toBe(0);
    const body = await runCli(['--data-dir', dataDir, 'text', imported.stdout.trim(), '--body']);
    expect(body.code).toBe(0);
    const lines = body.stdout.split('\n');
    expect(lines[0]).toMatch(/^So finally you're testing your frontend JavaScript code\? Great!/);
    // A list item alone on its line, its code and emphasis read as plain words.
    expect(lines).toContain('The HTML test file must be served over HTTP for the adapter to be loaded.');
    expect(lines).toContain('Notice the data-cover attribute we added to the script tag loading the source of our library;');
    const whole = await runCli(['--data-dir', dataDir, 'text', imported.stdout.trim()]);
    expect(whole.stdout.endsWith(body.stdout)).toBe(true);
    expect(whole.stdout.split('\n').length).toBe(lines.length + 1);
  });

  it('says so when the article does not exist, or no id is given', async () => {
    const dataDir = await tempDir();
    const missing = await runCli(['--data-dir', dataDir, 'text', 'a-0000000000000000']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^marginalia text: /);
    expect(missing.stdout).toBe('');
    const noId = await runCli(['--data-dir', dataDir, 'text']);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toContain('ARTICLE_ID');
  });
});
