import { MarginaliaError } from '../../shared/contract/errors.js';
import { homedir } from 'node:os';
import { defaultLibraryDir, openLibrary, resolveDataDir, type Library } from '../core/index.js';
import {
  UsageError,
  annotationsCommand,
  highlightCommand,
  highlightsCommand,
  importCommand,
  listCommand,
  type Args,
} from './commands.js';
import { parseInvocation } from './parse-args.js';
import { anchorCommand } from './anchor-command.js';
import { exportCommand } from './export-command.js';
import { tagCommand, tagsCommand } from './tag-commands.js';
import { searchCommand } from './search-command.js';
import { textCommand } from './text-command.js';
import { USAGE } from './usage.js';
import { EDIT_COMMANDS } from './edit-commands.js';

/** The commands that open the library, by name (a Map: the name is what the user typed). */
const COMMANDS: ReadonlyMap<string, (library: Library, args: Args, out: (line: string) => void) => Promise<void>> = new Map([
  ['import', importCommand],
  ['list', listCommand],
  ['highlight', highlightCommand],
  ['highlights', highlightsCommand],
  ['export', exportCommand],
  ['annotations', annotationsCommand],
  ['search', searchCommand],
  ['text', textCommand],
  ['tags', tagsCommand],
  ['tag', tagCommand],
  ...EDIT_COMMANDS,
]);

/**
 * Runs the CLI; returns the exit code: 0 done, 1 the library refused
 * (a one-line reason on stderr), 2 the command line was wrong.
 */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  let invocation;
  try {
    invocation = parseInvocation(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`marginalia: ${error.message} (see --help)\n`);
    return 2;
  }
  const { command, help } = invocation;
  if (help || command === undefined) {
    (command === undefined && !help ? process.stderr : process.stdout).write(`${USAGE.get(command ?? 'main')}\n`);
    return command === undefined && !help ? 2 : 0;
  }
  try {
    if (command === 'anchor') {
      await anchorCommand(invocation.args, out);
      return 0;
    }
    const dataDir = resolveDataDir(
      invocation.dataDir ? ['--data-dir', invocation.dataDir] : [],
      env,
      defaultLibraryDir(process.platform, env, homedir()),
    );
    const run = COMMANDS.get(command);
    if (!run) throw new Error(`no handler for the command "${command}"`); // parseInvocation knows only these
    const library = await openLibrary({ dataDir });
    try {
      await run(library, invocation.args, out);
    } finally {
      await library.close();
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`marginalia ${command}: ${error.message} (see ${command} --help)\n`);
      return 2;
    }
    if (error instanceof MarginaliaError) {
      process.stderr.write(`marginalia ${command}: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`marginalia ${command}: unexpected error: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await runCli(process.argv.slice(2));
