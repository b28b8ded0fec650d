import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the library lives when no `--data-dir` or MARGINALIA_DATA_DIR says
 * otherwise: the same folder Electron's `userData` gives, plus `library`, so
 * the app, the browser mode and the CLI share one library.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Marginalia', 'library');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Marginalia', 'library');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Marginalia', 'library');
}

/** `--data-dir D` (or `--data-dir=D`) from argv, else MARGINALIA_DATA_DIR, else the default. */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data-dir' && argv[i + 1]) return argv[i + 1]!;
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length);
  }
  return env.MARGINALIA_DATA_DIR || defaultDataDir(process.platform, env);
}
