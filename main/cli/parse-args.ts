import { UsageError, type Args } from './commands.js';
import { EDIT_COMMAND_OPTIONS } from './edit-commands.js';

/**
 * Which options each command takes: value options, and flags without a value.
 * A Map: the command name is what the user typed, and `constructor` is not a command.
 */
export const COMMAND_OPTIONS: ReadonlyMap<string, { values: string[]; flags: string[]; repeatable?: string[] }> = new Map([
  ['import', { values: [], flags: [] }],
  ['list', { values: [], flags: ['json'] }],
  ['highlight', { values: ['quote', 'color', 'note', 'tag'], flags: [], repeatable: ['tag'] }],
  ['highlights', { values: [], flags: ['json'] }],
  ['export', { values: ['out', 'preset', 'template', 'tag'], flags: ['all'] }],
  ['annotations', { values: ['out'], flags: [] }],
  ['anchor', { values: ['text', 'annotations'], flags: [] }],
  ['search', { values: ['limit'], flags: ['json'] }],
  ['text', { values: [], flags: ['body'] }],
  ['tags', { values: [], flags: ['json'] }],
  ['tag', { values: [], flags: [] }],
  ...EDIT_COMMAND_OPTIONS,
]);

/** Global options before the command: `--data-dir D`, `--help`. */
export interface Invocation {
  dataDir?: string;
  help: boolean;
  command?: string;
  args: Args;
}

/** Parses `[--data-dir D] <command> [args…]`; throws UsageError on anything unknown. */
export function parseInvocation(argv: readonly string[]): Invocation {
  const invocation: Invocation = { help: false, args: { positionals: [], options: new Map(), flags: new Set() } };
  let i = 0;
  for (; i < argv.length && invocation.command === undefined; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') invocation.help = true;
    else if (arg === '--data-dir') {
      const value = argv[++i];
      if (!value) throw new UsageError('--data-dir needs a folder');
      invocation.dataDir = value;
    } else if (arg.startsWith('--data-dir=')) invocation.dataDir = arg.slice('--data-dir='.length);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else invocation.command = arg;
  }
  if (invocation.command === undefined) return invocation;
  const spec = COMMAND_OPTIONS.get(invocation.command);
  if (!spec) throw new UsageError(`unknown command "${invocation.command}"`);
  const { args } = invocation;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      args.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') {
      invocation.help = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      args.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (name === 'data-dir') {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (!value) throw new UsageError('--data-dir needs a folder');
      invocation.dataDir = value;
    } else if (spec.flags.includes(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      args.flags.add(name);
    } else if (spec.values.includes(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      const values = args.options.get(name) ?? [];
      values.push(value);
      args.options.set(name, values);
    } else throw new UsageError(`unknown option --${name} for ${invocation.command}`);
  }
  return invocation;
}
