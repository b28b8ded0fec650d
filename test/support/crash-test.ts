import { spawn } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLibrary } from '../../main/core/index.js';
import { ArticleFileSchema, HighlightsFileSchema, LibraryIndexSchema } from '../../main/core/store/files.js';
import { highlightsInFolder, layoutOf } from './store-layout.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

type Change = { op: 'add'; id?: string; note: string } | { op: 'edit'; id: string; note: string } | { op: 'delete'; id: string };

/** What a crash test found. */
export interface CrashReport {
  kills: number;
  /** Changes the library acknowledged before a kill. */
  acked: number;
  /** Acknowledged changes missing afterwards (must be 0). */
  lost: number;
  /** Files that did not parse or validate, or highlights nobody wrote (must be 0). */
  corrupt: number;
  problems: string[];
}

/**
 * Runs the writer child `kills` times against the library in `dataDir`,
 * SIGKILLing it at a random moment each time, and checks after every kill
 * that every file parses and validates and every acknowledged change is there.
 */
export async function runCrashTest(options: {
  dataDir: string;
  articleId: string;
  kills: number;
  seed?: number;
  maxRunMs?: number;
}): Promise<CrashReport> {
  const report: CrashReport = { kills: 0, acked: 0, lost: 0, corrupt: 0, problems: [] };
  /** id → note, as acknowledged so far. */
  const expected = new Map<string, string>();
  let seed = options.seed ?? 42;
  for (let round = 0; round < options.kills; round++) {
    const { acks, inFlight } = await runAndKill(options.dataDir, options.articleId, seed++, options.maxRunMs ?? 300);
    report.kills++;
    for (const change of acks) {
      report.acked++;
      if (change.op === 'delete') expected.delete(change.id);
      else expected.set(change.id!, change.note);
    }
    const onDisk = await readValidated(options.dataDir, options.articleId, report);
    if (!onDisk) continue;
    for (const [id, note] of expected) {
      const found = onDisk.get(id);
      const maybe = inFlight && 'id' in inFlight && inFlight.id === id;
      if (maybe && inFlight.op === 'delete' && found === undefined) continue;
      if (maybe && inFlight.op === 'edit' && found === inFlight.note) continue;
      if (found !== note) {
        report.lost++;
        report.problems.push(`after kill ${round + 1}: ${id} should have note "${note}", found ${found === undefined ? 'nothing' : `"${found}"`}`);
      }
    }
    for (const [id, note] of onDisk) {
      if (expected.has(id)) continue;
      if (inFlight?.op === 'add' && note === inFlight.note) continue; // written, killed before the ack
      report.corrupt++;
      report.problems.push(`after kill ${round + 1}: unexpected highlight ${id} ("${note}")`);
    }
    // What the in-flight change did is now simply the truth on disk.
    expected.clear();
    for (const [id, note] of onDisk) expected.set(id, note);
  }
  // The index agrees with the files once the library is opened again.
  const library = await openLibrary({ dataDir: options.dataDir });
  const summary = (await library.listArticles()).find((a) => a.id === options.articleId);
  if (summary?.highlightCount !== expected.size) {
    report.corrupt++;
    report.problems.push(`index says ${summary?.highlightCount} highlights, files hold ${expected.size}`);
  }
  await library.close();
  return report;
}

function runAndKill(dataDir: string, articleId: string, seed: number, maxRunMs: number) {
  return new Promise<{ acks: Change[]; inFlight: Change | null }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/support/crash-writer.ts'), dataDir, articleId, String(seed)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: Change[] = [];
    let inFlight: Change | null = null;
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline;
      while ((newline = buffer.indexOf('\n')) !== -1) {
        const line = JSON.parse(buffer.slice(0, newline)) as { ready?: true; intent?: Change; ack?: Change };
        buffer = buffer.slice(newline + 1);
        if (line.ready) setTimeout(() => child.kill('SIGKILL'), 10 + Math.floor(((seed * 7919) % 997) / 997 * maxRunMs));
        if (line.intent) inFlight = line.intent;
        if (line.ack) {
          acks.push(line.ack);
          inFlight = null;
        }
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer ended by itself: ${stderr.trim()}`));
      else resolve({ acks, inFlight });
    });
  });
}

/** Every store file parsed and validated as it is on disk (no repair); the article's highlights as id → note. */
async function readValidated(dataDir: string, articleId: string, report: CrashReport): Promise<Map<string, string> | null> {
  const check = async (path: string, schema: { parse(v: unknown): unknown }) => {
    try {
      return schema.parse(JSON.parse(await readFile(path, 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && path.endsWith('library.json')) return null;
      report.corrupt++;
      report.problems.push(`${path}: ${(error as Error).message.split('\n')[0]}`);
      return null;
    }
  };
  const layout = layoutOf(dataDir);
  await check(layout.index, LibraryIndexSchema);
  for (const name of await readdir(layout.articlesDir)) {
    await check(layout.article(name), ArticleFileSchema);
  }
  if (!(await check(layout.highlights(articleId), HighlightsFileSchema))) return null;
  // The journals: a torn last line is a write the crash cut short (never acknowledged); any other bad line is damage.
  const { highlights, damagedLines } = await highlightsInFolder(dataDir, articleId);
  if (damagedLines > 0) {
    report.corrupt++;
    report.problems.push(`journal: ${damagedLines} damaged lines`);
  }
  return new Map(highlights.map((h) => [h.id, h.note]));
}
