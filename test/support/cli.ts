import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** What a CLI run gave; `hung` when it had to be killed after `hangAfterMs`. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  hung?: true;
}

/**
 * Runs the real CLI in a child process (as `npm run cli --` does) and collects its output.
 * With `hangAfterMs`, a run still going by then is killed and reported as `hung` (a guard
 * against a command that never ends, not a timing check: give it ample time).
 */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; hangAfterMs?: number } = {}) {
  return new Promise<CliResult>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `${root}/main/cli/index.ts`, ...args], {
      cwd: options.cwd ?? root,
      env: { ...process.env, MARGINALIA_DATA_DIR: '', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    let hung = false;
    const guard = options.hangAfterMs === undefined ? undefined : setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, options.hangAfterMs);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code: code ?? -1, stdout, stderr, ...(hung && { hung: true as const }) });
    });
  });
}
