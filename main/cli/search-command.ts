import type { Library } from '../core/index.js';
import { single, UsageError, type Args } from './commands.js';

type Out = (line: string) => void;

/**
 * `search QUERY [--json] [--limit N]`: articles, then highlights, best first.
 * One line each, tab-separated: `article` id title snippet, or `highlight`
 * article-id highlight-id quote note #tags. The words found are shown as
 * they are (a terminal has no marks); --json gives the marks.
 */
export async function searchCommand(library: Library, args: Args, out: Out): Promise<void> {
  const query = args.positionals.join(' ').trim();
  if (query === '') throw new UsageError('search needs a QUERY');
  const limitText = single(args, 'limit');
  const limit = limitText === undefined ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError(`--limit must be a whole number from 1 to 500, not "${limitText}"`);
  const answer = await library.search(query, limit);
  if (args.flags.has('json')) return out(JSON.stringify(answer, null, 2));
  for (const a of answer.articles) out(['article', a.articleId, a.title, a.snippet ? oneLine(a.snippet.text) : ''].join('\t').trimEnd());
  for (const h of answer.highlights) {
    out(['highlight', h.articleId, h.highlightId, oneLine(h.quote.text), h.note ? oneLine(h.note.text) : '', h.tags.map((t) => `#${t}`).join(' ')].join('\t').trimEnd());
  }
  if (answer.articles.length + answer.highlights.length === 0) process.stderr.write('nothing found\n');
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
