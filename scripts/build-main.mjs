// Bundles the Electron main process and the preload into dist/main as CommonJS
// (package.json says "type": "module", hence the .cjs names). Everything but
// electron is bundled, so the packaged app needs no node_modules at runtime
// and ESM-only dependencies such as lowdb still load from CommonJS.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['main/electron/main.ts'],
    outfile: 'dist/main/main.cjs',
    // app.getVersion() is Electron's own when started on the file in development.
    define: { 'process.env.MARGINALIA_VERSION': JSON.stringify(version) },
  }),
  build({
    ...common,
    // Parsing imports on a thread of its own (see main/core/import/in-worker.ts).
    entryPoints: ['main/core/import/worker.ts'],
    outfile: 'dist/main/import-worker.cjs',
  }),
  build({
    ...common,
    entryPoints: ['main/electron/preload.ts'],
    outfile: 'dist/main/preload.cjs',
    // Sandboxed preloads get a small require(): only electron and a few built-ins.
    // The build fails below if anything else slipped in.
  }),
]);

const preload = await readFile(path.join(root, 'dist/main/preload.cjs'), 'utf8');
const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
const unexpected = required.filter((name) => name !== 'electron');
if (unexpected.length > 0) {
  console.error(`preload.cjs requires ${unexpected.join(', ')}; a sandboxed preload may only require electron.`);
  process.exit(1);
}
console.log('Built dist/main/main.cjs, dist/main/import-worker.cjs and dist/main/preload.cjs');
