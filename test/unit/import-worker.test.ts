import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importContent } from '../../main/core/import/index.js';
import { importInWorker } from '../../main/core/index.js';
import { buildImportWorker } from '../support/import-worker.js';
import { openTestLibrary } from '../support/library.js';
import { corpus, onCleanup, tempDir } from '../support/temp.js';

async function worker() {
  const importer = importInWorker(await buildImportWorker(await tempDir()));
  onCleanup(() => importer.close());
  return importer;
}

describe('importing on a worker thread', () => {
  it('gives the same article as importing in this thread, and leaves this thread free meanwhile', async () => {
    const importer = await worker();
    const bytes = readFileSync(corpus('books/war-and-peace.html'));
    let last = performance.now();
    let longestPause = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestPause = Math.max(longestPause, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const content = await importer.import('war-and-peace.html', bytes, {});
    const took = performance.now() - started;
    clearInterval(ticker);
    expect(content).toEqual(importContent('war-and-peace.html', bytes));
    // Parsing the 3.9 MB page takes hundreds of ms; this thread only receives the result.
    expect(took).toBeGreaterThan(longestPause * 2);
    expect(longestPause).toBeLessThan(150);
  });

  it('refuses bad files with the same clear errors', async () => {
    const importer = await worker();
    await expect(importer.import('binary-png.txt', readFileSync(corpus('hostile/binary-png.txt')), {})).rejects.toMatchObject({
      name: 'MarginaliaError',
      code: expect.stringMatching(/./),
      message: expect.stringMatching(/not a text file|binary/i),
    });
    await expect(importer.import('empty.txt', new Uint8Array(), {})).rejects.toMatchObject({ name: 'MarginaliaError' });
  });

  it('serves a library: imports go through the worker and the library closes it', async () => {
    const importer = await worker();
    const library = await openTestLibrary({ dataDir: await tempDir(), importer });
    const { summary } = await library.importFile({ fileName: 'tides.md', bytes: Buffer.from('# Tides\n\nHigh water at *noon*.\n') });
    expect(summary.title).toBe('Tides');
    expect(await library.textOf(summary.id)).toBe('Tides\nHigh water at noon.');
  });
});
