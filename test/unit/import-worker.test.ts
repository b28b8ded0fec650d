import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importContent } from '../../main/core/import/index.js';
import { prepareImport, type PreparedImport } from '../../main/core/import/prepared.js';
import { importInWorker, type ImportLimits } from '../../main/core/index.js';
import { MAX_IMPORT_BYTES } from '../../shared/contract/limits.js';
import { buildImportWorker } from '../support/import-worker.js';
import { openTestLibrary } from '../support/library.js';
import { corpus, onCleanup, SAMPLE_ARTICLE, tempDir } from '../support/temp.js';

async function worker(limits: Partial<ImportLimits> = {}) {
  const importer = importInWorker(await buildImportWorker(await tempDir()), limits);
  onCleanup(() => importer.close());
  return importer;
}

/** The error importing in this thread gives, as a plain object to compare. */
function errorInThisThread(fileName: string, bytes: Uint8Array): { name: string; code: string; message: string } {
  try {
    importContent(fileName, bytes);
  } catch (error) {
    const { name, code, message } = error as { name: string; code: string; message: string };
    return { name, code, message };
  }
  throw new Error(`${fileName} imported in this thread`);
}

/** A prepared import with its JSON as text (comparing megabytes byte by byte takes the matcher minutes). */
const comparable = (prepared: PreparedImport) => ({ ...prepared, documentJSON: Buffer.from(prepared.documentJSON).toString('utf8') });

const deep = JSON.parse(readFileSync(new URL('../fixtures/import/nesting/deep-documents.json', import.meta.url), 'utf8')).refused[0];
const sample = readFileSync(SAMPLE_ARTICLE);
/** War and Peace's web page three times over: a real import that takes seconds and a few hundred MB. */
/** War and Peace's page `times` over. */
const bookPage = (times: number) => Buffer.concat(Array.from({ length: times }, () => readFileSync(corpus('books/war-and-peace.html'))));

describe('importing on a worker thread', () => {
  it('gives the same article, text, hash and JSON as importing in this thread, the blocks and text of a book arriving in parts', async () => {
    const importer = await worker();
    for (const fileName of ['war-and-peace.html', 'war-and-peace.txt']) {
      const bytes = readFileSync(corpus(`books/${fileName}`));
      expect(comparable(await importer.import(fileName, bytes, {})), fileName).toEqual(comparable(prepareImport(fileName, bytes)));
    }
  });

  it('writes the same article file as a library importing in this thread', async () => {
    const now = () => new Date('2024-05-01T12:00:00Z');
    const bytes = readFileSync(corpus('books/moby-dick.html'));
    const stored = async (importer?: Awaited<ReturnType<typeof worker>>) => {
      const library = await openTestLibrary({ dataDir: await tempDir(), now, ...(importer ? { importer } : {}) });
      const { summary } = await library.importFile({ fileName: 'moby-dick.html', bytes });
      const file = JSON.parse(await readFile(join(library.dataDir, 'articles', summary.id, 'article.json'), 'utf8'));
      expect(await library.getArticle(summary.id)).toMatchObject({ article: file.article });
      return { ...file, article: { ...file.article, id: 'same' } };
    };
    expect(await stored(await worker())).toEqual(await stored());
  });

  it('refuses each bad file with the same error, code and message, as importing in this thread', async () => {
    const importer = await worker();
    const bad: [string, Uint8Array][] = [
      ...['binary-png.txt', 'empty.txt', 'whitespace-only.txt', 'whitespace-only-unicode.txt', 'svg-onload.svg', 'deeply-nested-10000.html'].map(
        (name) => [name, readFileSync(corpus(`hostile/${name}`))] as [string, Uint8Array],
      ),
      ...['utf32le-bom-binary.txt', 'utf16be-bom-binary.txt', 'no-valid-utf8.txt'].map(
        (name) => [name, readFileSync(new URL(`../fixtures/import/binary/${name}`, import.meta.url))] as [string, Uint8Array],
      ),
      [deep.fileName, Buffer.from(deep.before + deep.open.repeat(deep.times) + deep.text + deep.close.repeat(deep.times))],
      ['too-large.txt', new Uint8Array(MAX_IMPORT_BYTES + 1)],
    ];
    for (const [fileName, bytes] of bad) {
      const expected = errorInThisThread(fileName, bytes);
      const error = await importer.import(fileName, bytes, {}).then(
        () => ({ fileName, imported: true }),
        (e: { name: string; code: string; message: string }) => ({ name: e.name, code: e.code, message: e.message }),
      );
      expect(error, fileName).toEqual(expected);
    }
  });

  it('stops an import that runs past its time limit with a clear error; the import waiting behind it then succeeds', async () => {
    const importer = await worker({ timeLimitMs: 400 });
    // Six times War and Peace (23 MB): parsing it takes seconds (once takes ~0.5 s here), so a 0.4 s limit
    // stops it even on a machine several times faster.
    const slow = importer.import('war-and-peace-x6.html', bookPage(6), {});
    const next = importer.import('putin-obama-syria.txt', sample, {});
    await expect(slow).rejects.toMatchObject({
      name: 'MarginaliaError',
      code: 'timed-out',
      message: 'war-and-peace-x6.html took longer than 0.4 seconds to import, so the import was stopped.',
    });
    expect(await next).toEqual(prepareImport('putin-obama-syria.txt', sample));
    expect(await importer.import('again.txt', sample, {})).toEqual(prepareImport('again.txt', sample));
  });

  it('stops an import that needs more memory than its limit with a clear error; the next import succeeds', async () => {
    const importer = await worker({ memoryLimitMb: 48 });
    await expect(importer.import('war-and-peace-x3.html', bookPage(3), {})).rejects.toMatchObject({
      name: 'MarginaliaError',
      code: 'too-large',
      message: 'war-and-peace-x3.html needs more than 48 MB of memory to import, so the import was stopped.',
    });
    expect(await importer.import('putin-obama-syria.txt', sample, {})).toEqual(prepareImport('putin-obama-syria.txt', sample));
  });

  it('refuses an import still waiting its turn when the importer closes, starting no worker for it', async () => {
    const importer = await worker();
    const running = importer.import('war-and-peace-x3.html', bookPage(3), {});
    const waiting = importer.import('putin-obama-syria.txt', sample, {});
    await importer.close();
    await expect(running).rejects.toMatchObject({ name: 'MarginaliaError', code: 'cancelled' });
    await expect(waiting).rejects.toMatchObject({
      name: 'MarginaliaError',
      code: 'cancelled',
      message: 'Importing putin-obama-syria.txt was stopped: Marginalia is closing.',
    });
    await expect(importer.import('after.txt', sample, {})).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('serves a library: imports go through the worker and the library closes it', async () => {
    const importer = await worker();
    const library = await openTestLibrary({ dataDir: await tempDir(), importer });
    const { summary } = await library.importFile({ fileName: 'tides.md', bytes: Buffer.from('# Tides\n\nHigh water at *noon*.\n') });
    expect(summary.title).toBe('Tides');
    expect(await library.textOf(summary.id)).toBe('Tides\nHigh water at noon.');
  });
});
