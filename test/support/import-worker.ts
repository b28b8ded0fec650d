import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Builds the import worker (as scripts/build-main.mjs does) into `outDir`; returns its path. */
export async function buildImportWorker(outDir: string): Promise<string> {
  const outfile = join(outDir, 'import-worker.cjs');
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['main/core/import/worker.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
  return outfile;
}
