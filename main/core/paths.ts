/**
 * Where Marginalia's data and the Electron binary live. Pure functions of
 * their inputs (argv, env, platform), so both the Electron main process and
 * the `npm start` launcher use them, and tests can check them without either.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The folder, inside the per-user app folder, that holds the library. */
export const LIBRARY_FOLDER = 'library';
/** Matches Electron's `app.getPath('userData')` for our productName. */
export const APP_FOLDER = 'Marginalia';

/** The value given with `--data-dir <D>` or `--data-dir=<D>`, if any. */
export function dataDirArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data-dir') return argv[i + 1];
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length);
  }
  return undefined;
}

/**
 * The library folder: `--data-dir` wins over `MARGINALIA_DATA_DIR`, which
 * wins over `fallback` (the per-user default). Always absolute.
 */
export function resolveDataDir(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  fallback: string,
): string {
  const chosen = dataDirArgument(argv) || env.MARGINALIA_DATA_DIR || fallback;
  return path.resolve(chosen);
}

/**
 * The per-user library folder Electron would use (`userData/library`),
 * computed without Electron so browser mode shares the same data.
 */
export function defaultLibraryDir(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): string {
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  let appData: string;
  if (platform === 'darwin') appData = join(home, 'Library', 'Application Support');
  else if (platform === 'win32') appData = env.APPDATA || join(home, 'AppData', 'Roaming');
  else appData = env.XDG_CONFIG_HOME || join(home, '.config');
  return join(appData, APP_FOLDER, LIBRARY_FOLDER);
}

/**
 * The Electron executable if it is installed, else undefined. Reads what the
 * `electron` package's own index.js reads, but never triggers its download:
 * requiring `electron` from Node would try to fetch a missing binary.
 */
export function findElectronBinary(
  electronPackageDir: string,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  let relative: string | undefined;
  try {
    relative = fs.readFileSync(path.join(electronPackageDir, 'path.txt'), 'utf8').trim();
  } catch {
    relative = undefined;
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? path.join(override, relative || 'electron')
    : relative
      ? path.join(electronPackageDir, 'dist', relative)
      : undefined;
  return candidate !== undefined && fs.existsSync(candidate) ? candidate : undefined;
}

/**
 * The file a launch asks us to open (e.g. "Open with Marginalia"), if any:
 * the last argument that is an existing file, skipping switches and the
 * value of `--data-dir`. `args` excludes the executable and, in development,
 * the app entry (callers slice them off: both are files but not documents).
 */
export function fileArgument(args: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--data-dir') {
      i++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    try {
      if (fs.statSync(arg).isFile()) found = path.resolve(arg);
    } catch {
      // not a path we can read: ignore it like any other stray argument
    }
  }
  return found;
}
