import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, open, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_IMPORT_BYTES } from '../../shared/contract/limits.js';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

/** A file of `bytes` bytes that takes no disk space (a hole): only a reader would make it cost anything. */
async function sparseFile(path: string, bytes: number): Promise<string> {
  const handle = await open(path, 'w');
  await handle.truncate(bytes);
  await handle.close();
  return path;
}

/** Imports `path` into a fresh library; also says what the library holds afterwards. */
async function importInto(path: string) {
  const dataDir = await tempDir();
  // A guard, not a timing check: a CLI that waits on a FIFO or reads /dev/zero never ends by itself.
  const result = await runCli(['--data-dir', dataDir, 'import', path], { hangAfterMs: 30_000 });
  const list = await runCli(['--data-dir', dataDir, 'list', '--json']);
  return { ...result, articles: JSON.parse(list.stdout) as unknown[] };
}

const MB = 1024 * 1024;

describe('the import command refuses what it cannot import, before reading it', () => {
  it('refuses a 3 GiB file by its size, in one line with exit code 1, importing nothing', async () => {
    const path = await sparseFile(join(await tempDir(), 'huge.txt'), 3 * 1024 * MB);
    const result = await importInto(path);
    expect(result).toMatchObject({ code: 1, stdout: '', articles: [] });
    expect(result.hung).toBeUndefined();
    expect(result.stderr).toBe(`marginalia import: ${path} is 3072.0 MB; Marginalia imports files up to 50 MB.\n`);
  });

  it('refuses a file one byte over the limit (MAX_IMPORT_BYTES)', async () => {
    const path = await sparseFile(join(await tempDir(), 'over.txt'), MAX_IMPORT_BYTES + 1);
    const result = await importInto(path);
    expect(result).toMatchObject({ code: 1, stdout: '', articles: [] });
    expect(result.stderr).toMatch(/^marginalia import: .*over\.txt is 50\.0 MB; Marginalia imports files up to 50 MB\.\n$/);
  });

  it('refuses a folder with a clear message', async () => {
    const folder = join(await tempDir(), 'notes.txt');
    await mkdir(folder);
    const result = await importInto(folder);
    expect(result).toMatchObject({ code: 1, stdout: '', articles: [] });
    expect(result.stderr).toBe(`marginalia import: ${folder} is a folder, not a file.\n`);
  });

  it('refuses a named pipe (FIFO) without waiting for a writer', async () => {
    const fifo = join(await tempDir(), 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    const result = await importInto(fifo);
    expect(result.hung).toBeUndefined();
    expect(result).toMatchObject({ code: 1, stdout: '', articles: [] });
    expect(result.stderr).toBe(`marginalia import: ${fifo} is a named pipe (FIFO), not a file.\n`);
  });

  it.each([
    ['/dev/zero', '/dev/zero'],
    ['a link to /dev/zero', 'link'],
  ])('refuses a device (%s) without reading it', async (_, name) => {
    let path = name;
    if (name === 'link') {
      path = join(await tempDir(), 'zero.txt');
      await symlink('/dev/zero', path);
    }
    const result = await importInto(path);
    expect(result.hung).toBeUndefined();
    expect(result).toMatchObject({ code: 1, stdout: '', articles: [] });
    expect(result.stderr).toBe(`marginalia import: ${path} is a device, not a file.\n`);
  });
});

describe('the anchor command refuses a text or annotations file it cannot take, before reading it', () => {
  it.each([
    ['--text', '/dev/zero', 'is a device, not a file.'],
    ['--annotations', 'fifo', 'is a named pipe (FIFO), not a file.'],
    ['--text', 'huge', 'is 3072.0 MB; Marginalia imports files up to 50 MB.'],
  ])('%s %s', async (option, kind, reason) => {
    const dir = await tempDir();
    const ok = join(dir, 'ok.json');
    await writeFile(ok, '[]');
    let path = kind;
    if (kind === 'fifo') execFileSync('mkfifo', [(path = join(dir, 'pipe.json'))]);
    if (kind === 'huge') path = await sparseFile(join(dir, 'huge.txt'), 3 * 1024 * MB);
    const args = option === '--text' ? ['--text', path, '--annotations', ok] : ['--text', ok, '--annotations', path];
    const result = await runCli(['anchor', ...args], { hangAfterMs: 30_000 });
    expect(result.hung).toBeUndefined();
    expect(result).toMatchObject({ code: 1, stdout: '', stderr: `marginalia anchor: ${path} ${reason}\n` });
  });
});
