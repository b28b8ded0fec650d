import type { Library } from '../core/index.js';
import { UsageError, type Args } from './commands.js';

type Out = (line: string) => void;

/** `tags [--json]`: every tag with its highlight and article counts, most used first. */
export async function tagsCommand(library: Library, args: Args, out: Out): Promise<void> {
  if (args.positionals.length > 0) throw new UsageError('tags takes no arguments');
  const counts = await library.tagCounts();
  if (args.flags.has('json')) return out(JSON.stringify(counts, null, 2));
  for (const { tag, highlights, articles } of counts) out(`#${tag}\t${highlights}\t${articles}`);
}

/**
 * `tag rename OLD NEW` (onto a tag in use: the two are merged) and
 * `tag remove TAG`; nested tags (`OLD/…`) go with their parent.
 */
export async function tagCommand(library: Library, args: Args, out: Out): Promise<void> {
  const [action, ...rest] = args.positionals;
  if (action === 'rename') {
    if (rest.length !== 2) throw new UsageError('tag rename needs OLD and NEW');
    const [from, to] = rest as [string, string];
    const done = await library.renameTag(from, to);
    out(`${done.merged ? 'merged' : 'renamed'} on ${done.highlights} highlight${done.highlights === 1 ? '' : 's'} in ${done.articles} article${done.articles === 1 ? '' : 's'}`);
    return;
  }
  if (action === 'remove') {
    if (rest.length !== 1) throw new UsageError('tag remove needs TAG');
    const removed = await library.removeTag(rest[0]!);
    const n = removed.removedFrom.reduce((sum, a) => sum + a.highlights.length, 0);
    out(`removed #${removed.tag} from ${n} highlight${n === 1 ? '' : 's'} in ${removed.removedFrom.length} article${removed.removedFrom.length === 1 ? '' : 's'}`);
    return;
  }
  throw new UsageError(action === undefined ? 'tag needs rename or remove' : `unknown tag action "${action}" (use rename or remove)`);
}
