/**
 * Runs Doyensec's electronegativity on a folder and reads what it found.
 * The tool always exits 0 and prints tables for people; what counts is its
 * SARIF report, and its "Error parsing" lines, which name files it could
 * not read at all (and so checked nothing in).
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOOL_DIR = path.join(ROOT, 'node_modules/@doyensec/electronegativity');
export const ELECTRON_VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

/** One finding, its file relative to the scanned folder ("(global)" for whole-app checks). */
export interface Finding {
  rule: string;
  file: string;
  line: number;
  message: string;
}

/** What one scan produced. */
export interface Scan {
  findings: Finding[];
  /** Files the tool could not parse, with its reason. */
  unparsed: string[];
}

/**
 * The hoisted @typescript-eslint/typescript-estree the tool parses .ts with
 * would load the project's TypeScript, whose JavaScript API it no longer
 * matches; this points it at the TypeScript 4 the tool ships with.
 */
const TYPESCRIPT_REDIRECT = `
const Module = require('node:module');
const typescript = ${JSON.stringify(path.join(TOOL_DIR, 'node_modules/typescript/lib/typescript.js'))};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'typescript' && parent && /@typescript-eslint/.test(parent.filename)) return typescript;
  return resolve.call(this, request, parent, ...rest);
};
`;

type Sarif = {
  runs: {
    results: {
      ruleId: string;
      message: { text: string };
      locations?: { physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } } }[];
    }[];
  }[];
};

/** Scans `input` (a folder laid out like the repository) with the installed Electron's version; `work` holds the report. */
export async function scanWithElectronegativity(input: string, work: string): Promise<Scan> {
  mkdirSync(work, { recursive: true });
  const hook = path.join(work, 'typescript-redirect.cjs');
  const report = path.join(work, 'result.sarif');
  writeFileSync(hook, TYPESCRIPT_REDIRECT);
  const args = ['-r', hook, path.join(TOOL_DIR, 'dist/index.js'), '-i', input, '-o', report, '-r', '-e', ELECTRON_VERSION];
  // The tool spends about 10 s failing to fetch translations and Electron releases (no network here).
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: input, env: { ...process.env, LANG: 'en-US', FORCE_COLOR: '0' } });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`electronegativity exited with ${code}:\n${text}`))));
  });
  let sarif: Sarif;
  try {
    sarif = JSON.parse(readFileSync(report, 'utf8')) as Sarif;
  } catch {
    throw new Error(`electronegativity wrote no SARIF report:\n${output}`);
  }
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const unparsed = [...plain.matchAll(/^Error parsing (.+)$/gm)].map((m) => path.relative(input, m[1]!.trim()));
  const findings = sarif.runs.flatMap((run) =>
    run.results.map((result) => {
      const location = result.locations?.[0]?.physicalLocation;
      const uri = location?.artifactLocation?.uri ?? 'file:///';
      return {
        rule: result.ruleId,
        file: uri === 'file:///' ? '(global)' : uri,
        line: location?.region?.startLine ?? 0,
        message: result.message.text,
      };
    }),
  );
  return { findings, unparsed };
}

/** The app's own source as the repository holds it: package.json, main/, shared/ and renderer/ (with index.html). */
export function copyAppSource(into: string): string {
  for (const part of ['package.json', 'main', 'shared', 'renderer']) cpSync(path.join(ROOT, part), path.join(into, part), { recursive: true });
  return into;
}

/**
 * The app as `npm run build` ships it, in `into/dist`: the main, preload and
 * import-worker bundles of scripts/build-main.mjs and the Vite build of the
 * renderer. Two changes let the tool read the bundles, neither changing what
 * they do: named .js (it reads no .cjs) and lowered to ES2019 (its AST walker
 * stops at the private class fields some bundled libraries use).
 */
export async function buildShippedApp(into: string): Promise<string> {
  cpSync(path.join(ROOT, 'package.json'), path.join(into, 'package.json'));
  const common: BuildOptions = { absWorkingDir: ROOT, bundle: true, platform: 'node', format: 'cjs', target: 'es2019', external: ['electron'], logLevel: 'error' };
  await Promise.all([
    build({ ...common, entryPoints: ['main/electron/main.ts'], outfile: path.join(into, 'dist/main/main.js') }),
    build({ ...common, entryPoints: ['main/electron/preload.ts'], outfile: path.join(into, 'dist/main/preload.js') }),
    build({ ...common, entryPoints: ['main/core/import/worker.ts'], outfile: path.join(into, 'dist/main/import-worker.js') }),
  ]);
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  const outDir = path.join(into, 'dist/renderer');
  execFileSync(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
  return into;
}

/**
 * A reviewed finding: which rule, in which file, on a line (or within
 * `lines` lines from it) containing `match`, and why it is acceptable. Tying
 * an entry to the flagged code means it stops excusing anything the day that
 * code changes.
 */
export interface AllowedFinding {
  rule: string;
  file: string;
  match?: string;
  lines?: number;
  reason: string;
}

/** Reads the allow-list file (a JSON object with `allowed`). */
export function readAllowList(file: string): AllowedFinding[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { allowed: AllowedFinding[] }).allowed;
}

/** Whether `entry` explains `finding`; `scanned` is the folder the finding's file is relative to. */
export function explains(entry: AllowedFinding, finding: Finding, scanned: string): boolean {
  if (entry.rule !== finding.rule || entry.file !== finding.file) return false;
  if (entry.match === undefined) return true;
  if (finding.file === '(global)') return finding.message.includes(entry.match);
  const lines = readFileSync(path.join(scanned, finding.file), 'utf8').split('\n');
  const near = lines.slice(finding.line - 1, finding.line - 1 + (entry.lines ?? 1)).join('\n');
  return near.includes(entry.match);
}

/** The findings no allow-list entry explains, as readable lines. */
export function unexplained(findings: Finding[], allowList: AllowedFinding[], scanned: string): string[] {
  return findings
    .filter((finding) => !allowList.some((entry) => explains(entry, finding, scanned)))
    .map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`);
}
