import { resolve, basename } from 'node:path';
import { MarginaliaError } from '../../shared/contract/errors.js';
import { importMessage, redirectMessage } from '../../shared/import-message.js';
import { ColorSchema, TagSchema, type Color, type Highlight } from '../../shared/model.js';
import { utf16 } from '../../shared/offsets.js';
import { writeFileDurably, type Library } from '../core/index.js';
import { toAnnotationCollection } from '../core/interop/w3c-annotations.js';
import { isOrphaned, placedOrder } from '../core/export/index.js';
import { importFromAddress } from '../core/fetch/index.js';
import { readInputFile } from './read-input-file.js';

/** A mistake in how the CLI was called (exit code 2). */
export class UsageError extends Error {}

/** Parsed arguments of one command: positionals and options (repeatable ones as arrays). */
export interface Args {
  positionals: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
}

type Out = (line: string) => void;

/** An argument that is an address, not a file: a scheme and `//`, or a scheme that never names a file (`C:\\` is a file). */
const ADDRESS = /^(?:[a-z][a-z0-9+.-]*:\/\/|(?:javascript|data|mailto|about|blob):)/i;

export async function importCommand(library: Library, args: Args, out: Out): Promise<void> {
  const [file] = one(args, 'FILE');
  if (ADDRESS.test(file)) {
    // Fetched now, because it was asked for; a fetch that fails writes nothing.
    const result = await importFromAddress(library, file);
    const redirected = redirectMessage(new URL(file).href, result.redirects);
    if (redirected) process.stderr.write(`${redirected}\n`);
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    process.stderr.write(`${importMessage(result)}\n`);
    return out(result.summary.id);
  }
  const path = resolve(file);
  const bytes = await readInputFile(path, file);
  const result = await library.importFile({ fileName: basename(path), bytes, path });
  const { summary, warnings } = result;
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  if (result.newVersion || result.clippings) process.stderr.write(`${importMessage(result)}\n`);
  out(summary.id);
}

export async function listCommand(library: Library, args: Args, out: Out): Promise<void> {
  const articles = await library.listArticles();
  if (args.flags.has('json')) return out(JSON.stringify(articles, null, 2));
  for (const a of articles) out(`${a.id}\t${a.highlightCount}\t${a.title}`);
}

export async function highlightCommand(library: Library, args: Args, out: Out): Promise<void> {
  const [articleId] = one(args, 'ARTICLE_ID');
  const quote = single(args, 'quote');
  if (!quote) throw new UsageError('highlight needs --quote TEXT');
  const color = parseColor(single(args, 'color') ?? 'yellow');
  const tags = (args.options.get('tag') ?? []).map((t) => {
    const parsed = TagSchema.safeParse(t.replace(/^#/, ''));
    if (!parsed.success) throw new UsageError(`invalid tag "${t}": ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  });
  const index = await library.indexOf(articleId);
  const at = index.text.indexOf(quote);
  if (at === -1) throw new MarginaliaError('not-found', `The text "${ellipsis(quote)}" does not occur in the article.`);
  const highlight = await library.createHighlight({
    articleId,
    start: index.toCodePoint(utf16(at)),
    end: index.toCodePoint(utf16(at + quote.length)),
    color,
    note: single(args, 'note') ?? '',
    tags,
  });
  out(highlight.id);
}

export async function highlightsCommand(library: Library, args: Args, out: Out): Promise<void> {
  const [articleId] = one(args, 'ARTICLE_ID');
  const { highlights } = await library.getArticle(articleId);
  const ordered = placedOrder(highlights);
  if (args.flags.has('json')) return out(JSON.stringify(ordered.map(listed), null, 2));
  for (const h of ordered) {
    const tags = h.tags.map((t) => `#${t}`).join(' ');
    const status = isOrphaned(h) ? 'orphaned' : 'placed';
    out([h.id, h.color, status, JSON.stringify(ellipsis(h.target.quote.exact)), h.note ? JSON.stringify(ellipsis(h.note)) : '', tags].join('\t').trimEnd());
  }
}

/** A highlight as `highlights --json` lists it: `orphaned` always said; an orphan's stale position left out. */
function listed(h: Highlight): Highlight | (Omit<Highlight, 'target'> & { target: Pick<Highlight['target'], 'quote'> }) {
  if (!isOrphaned(h)) return { ...h, orphaned: false };
  return { ...h, orphaned: true, target: { quote: h.target.quote } };
}

export async function annotationsCommand(library: Library, args: Args, out: Out): Promise<void> {
  const [articleId] = one(args, 'ARTICLE_ID');
  const { article, highlights } = await library.getArticle(articleId);
  const json = `${JSON.stringify(toAnnotationCollection(article, highlights), null, 2)}\n`;
  const outPath = single(args, 'out');
  if (!outPath) return out(json.trimEnd());
  await writeFileDurably(resolve(outPath), json, { mode: 0o644 });
  out(resolve(outPath));
}

function one(args: Args, name: string): [string] {
  if (args.positionals.length !== 1) throw new UsageError(`expected exactly one ${name}`);
  return [args.positionals[0]!];
}

/** The value of an option that may be given once. */
export function single(args: Args, name: string): string | undefined {
  const values = args.options.get(name);
  if (values && values.length > 1) throw new UsageError(`--${name} may be given only once`);
  return values?.[0];
}

export function parseColor(value: string): Color {
  const parsed = ColorSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`unknown colour "${value}" (use yellow, green, blue, pink or purple)`);
  return parsed.data;
}

const characters = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A text on one line, cut to 60 characters as the reader sees them: never
 * inside an emoji or a CJK Extension B ideograph (half a surrogate pair), nor
 * between a letter and its accent.
 */
function ellipsis(s: string): string {
  const shown = Array.from(characters.segment(s), (c) => c.segment);
  return (shown.length > 60 ? `${shown.slice(0, 57).join('')}…` : s).replace(/\n/g, ' ');
}
