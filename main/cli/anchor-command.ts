import { MarginaliaError } from '../../shared/contract/errors.js';
import { anchor, TextIndex } from '../../shared/anchoring/index.js';
import { readAnnotations } from '../core/interop/w3c-annotations.js';
import { UsageError, type Args } from './commands.js';
import { readInputFile } from './read-input-file.js';

/** `anchor --text FILE --annotations FILE`: needs no library. */
export async function anchorCommand(args: Args, out: (line: string) => void): Promise<void> {
  const textPath = args.options.get('text')?.[0];
  const annotationsPath = args.options.get('annotations')?.[0];
  if (!textPath || !annotationsPath) throw new UsageError('anchor needs --text FILE and --annotations FILE');
  const text = (await readText(textPath)).replace(/^\ufeff/, '').replace(/\r\n/g, '\n');
  let json: unknown;
  try {
    json = JSON.parse(await readText(annotationsPath));
  } catch (error) {
    if (error instanceof MarginaliaError) throw error;
    throw new MarginaliaError('invalid-request', `${annotationsPath} is not valid JSON: ${(error as Error).message}`);
  }
  const { annotations, skipped } = readAnnotations(json);
  if (skipped > 0) process.stderr.write(`warning: ${skipped} annotation(s) without a text quote selector were skipped\n`);
  const index = new TextIndex(text);
  for (const a of annotations) {
    const found = anchor(index, a.target);
    out(
      JSON.stringify(
        found.status === 'anchored'
          ? { id: a.id, status: 'anchored', start: index.toCodePoint(found.start), end: index.toCodePoint(found.end), method: found.method }
          : { id: a.id, status: 'orphaned', start: null, end: null, method: null },
      ),
    );
  }
}

/** A file as UTF-8, refused before reading when it is no regular file or over the size limit (see readInputFile). */
async function readText(path: string): Promise<string> {
  return (await readInputFile(path, path)).toString('utf8');
}
