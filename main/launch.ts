/**
 * What `npm start` runs after the build: the real Electron app when its
 * binary is installed, otherwise the same renderer and core in browser mode.
 * Never requires the `electron` package, which would try to download it.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultLibraryDir, findElectronBinary, resolveDataDir } from './core/paths.js';

export { defaultLibraryDir, findElectronBinary, resolveDataDir } from './core/paths.js';

/** The repository (or unpacked app) folder: the one holding package.json. */
export const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The installed Electron executable for this checkout, if any. */
export function electronBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findElectronBinary(path.join(APP_DIR, 'node_modules', 'electron'), env);
}

/** The library folder browser mode uses: the same one the Electron app would. */
export function browserModeDataDir(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  return resolveDataDir(argv, env, defaultLibraryDir(process.platform, env, os.homedir()));
}

function appVersion(): string {
  const { version } = JSON.parse(readFileSync(path.join(APP_DIR, 'package.json'), 'utf8')) as { version: string };
  return version;
}

/** Runs Electron on the app folder, passing our arguments on, and exits with it. */
function runElectron(binary: string, args: readonly string[]): void {
  const env = { ...process.env };
  // Inherited from some tool shells, it would make Electron behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [APP_DIR, ...args], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** Opens `url` in the system browser; failure (no desktop, no browser) is fine. */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // the URL is printed; the reader can open it by hand
  }
}

/** Serves the app in browser mode until SIGINT/SIGTERM. */
async function runBrowserMode(args: readonly string[]): Promise<void> {
  console.log('Electron binary not available on this machine; starting Marginalia in browser mode.');
  const { startBrowserHost } = await import('./browser-host/server.js');
  const server = await startBrowserHost({
    dataDir: browserModeDataDir(args),
    rendererDir: path.join(APP_DIR, 'dist', 'renderer'),
    defaultArticlePath: path.join(APP_DIR, 'assets', 'putin-obama-syria.txt'),
    version: appVersion(),
    importWorker: path.join(APP_DIR, 'dist', 'main', 'import-worker.cjs'),
  });
  console.log(`Marginalia is running at ${server.url}`);
  if (!process.env.MARGINALIA_NO_OPEN) openInBrowser(server.url);
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Starts Marginalia with `args` (the command line after `tsx main/launch.ts`). */
export async function launch(args: readonly string[]): Promise<void> {
  const binary = electronBinary();
  if (binary) runElectron(binary, args);
  else await runBrowserMode(args);
}

// Only when run as a program, so tests can import the pure functions above.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  launch(process.argv.slice(2)).catch((error: unknown) => {
    console.error('Marginalia could not start:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
