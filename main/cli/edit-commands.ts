import { MarginaliaError } from '../../shared/contract/errors.js';
import { ArticleIdSchema, HighlightIdSchema, NoteSchema, TagSchema } from '../../shared/model.js';
import type { Library } from '../core/index.js';
import { UsageError, parseColor, single, type Args } from './commands.js';

/**
 * Changing and deleting one highlight from the command line, through the
 * same Library methods the app uses: `note`, `color`, `set-tags` and
 * `unhighlight`. Each names the highlight by its id; its article is found
 * by listing the library's highlights, or given with `--article ID` (no
 * search). The change is durable when the command exits 0.
 */

type Out = (line: string) => void;
type Command = (library: Library, args: Args, out: Out) => Promise<void>;

/** `note HIGHLIGHT_ID TEXT`: sets the note; an empty TEXT clears it. */
async function noteCommand(library: Library, args: Args, out: Out): Promise<void> {
  if (args.positionals.length !== 2) throw new UsageError('note needs HIGHLIGHT_ID and TEXT (an empty TEXT, "", clears the note)');
  const [highlightId, text] = args.positionals as [string, string];
  const note = NoteSchema.safeParse(text);
  if (!note.success) throw new UsageError(`the note is too long (at most ${NoteSchema.maxLength?.toLocaleString('en')} characters)`);
  const articleId = await articleOf(library, checkedId(highlightId), args);
  const changed = await library.updateHighlight({ articleId, highlightId, note: note.data });
  out(changed.id);
}

/** `color HIGHLIGHT_ID COLOR`. */
async function colorCommand(library: Library, args: Args, out: Out): Promise<void> {
  if (args.positionals.length !== 2) throw new UsageError('color needs HIGHLIGHT_ID and COLOR');
  const [highlightId, value] = args.positionals as [string, string];
  const color = parseColor(value);
  const articleId = await articleOf(library, checkedId(highlightId), args);
  const changed = await library.updateHighlight({ articleId, highlightId, color });
  out(changed.id);
}

/** `set-tags HIGHLIGHT_ID --tag T... | --none`: the highlight's tags become exactly these. */
async function setTagsCommand(library: Library, args: Args, out: Out): Promise<void> {
  const [highlightId] = oneId(args, 'set-tags');
  const typed = args.options.get('tag') ?? [];
  const none = args.flags.has('none');
  // Clearing every tag is asked for by name, so a forgotten --tag never wipes a highlight's tags.
  if (typed.length === 0 && !none) throw new UsageError('set-tags needs --tag T (repeat it for several) or --none to remove every tag');
  if (typed.length > 0 && none) throw new UsageError('set-tags takes --tag or --none, not both');
  const tags = typed.map((t) => {
    const parsed = TagSchema.safeParse(t.replace(/^#/, ''));
    if (!parsed.success) throw new UsageError(`invalid tag "${t}": ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  });
  const articleId = await articleOf(library, highlightId, args);
  const changed = await library.updateHighlight({ articleId, highlightId, tags });
  out(changed.id);
}

/** `unhighlight HIGHLIGHT_ID`: deletes the highlight (its note and tags with it). */
async function unhighlightCommand(library: Library, args: Args, out: Out): Promise<void> {
  const [highlightId] = oneId(args, 'unhighlight');
  const articleId = await articleOf(library, highlightId, args);
  await library.deleteHighlight({ articleId, highlightId });
  out(highlightId);
}

/** The commands, by name (a Map: the name is what the user typed). */
export const EDIT_COMMANDS: ReadonlyMap<string, Command> = new Map([
  ['note', noteCommand],
  ['color', colorCommand],
  ['set-tags', setTagsCommand],
  ['unhighlight', unhighlightCommand],
]);

/** Their options, as parse-args.ts reads them. */
export const EDIT_COMMAND_OPTIONS: ReadonlyMap<string, { values: string[]; flags: string[]; repeatable?: string[] }> = new Map([
  ['note', { values: ['article'], flags: [] }],
  ['color', { values: ['article'], flags: [] }],
  ['set-tags', { values: ['article', 'tag'], flags: ['none'], repeatable: ['tag'] }],
  ['unhighlight', { values: ['article'], flags: [] }],
]);

function oneId(args: Args, command: string): [string] {
  if (args.positionals.length !== 1) throw new UsageError(`${command} needs exactly one HIGHLIGHT_ID`);
  return [checkedId(args.positionals[0]!)];
}

function checkedId(value: string): string {
  if (!HighlightIdSchema.safeParse(value).success) throw new UsageError(`"${value}" is not a highlight id (they look like h-…; see highlights ARTICLE_ID)`);
  return value;
}

/**
 * The article holding the highlight: `--article` when given, else found by
 * listing every highlight of the library, as the app's "All highlights" does.
 */
async function articleOf(library: Library, highlightId: string, args: Args): Promise<string> {
  const given = single(args, 'article');
  if (given !== undefined) {
    if (!ArticleIdSchema.safeParse(given).success) throw new UsageError(`"${given}" is not an article id (see list)`);
    return given;
  }
  const { rows } = await library.listHighlights({}, 0, Number.MAX_SAFE_INTEGER);
  const row = rows.find((r) => r.id === highlightId);
  if (!row) throw new MarginaliaError('not-found', `No highlight with id ${highlightId} in this library.`);
  return row.articleId;
}
