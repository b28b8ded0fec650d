import type { ColorNames } from '../../../shared/settings.js';
import Handlebars from 'handlebars';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { MarginaliaError } from '../../../shared/contract/errors.js';
import type { Article, Highlight } from '../../../shared/model.js';
import { articleFields, highlightFields, templateView } from './fields.js';
import { placedOrder } from './order.js';
import { helpers } from './helpers.js';
import { uuidOf } from './uuid.js';
import { trimBlankLines, type RenderedPage } from './page.js';
import { DEFAULT_CONFLICT } from './presets/conflict.js';
import { sampleArticle, sampleHighlights } from './presets/sample.js';

/** What a sync conflict shows: the file's version of a part and Marginalia's. */
export interface ConflictFields {
  /** `changed`: both sides changed a highlight; `deleted`: deleted in Marginalia, edited in the file; `header`: the part above the highlights. */
  kind: 'changed' | 'deleted' | 'header';
  /** The highlight id ('' for the header). */
  id: string;
  inFile: string;
  inApp: string;
}

/** A compiled export layout: a preset or a user's template file. */
export interface ExportTemplate {
  /** The preset name or the template file's path, for messages. */
  readonly name: string;
  /** Renders an article and (some of) its highlights, in placed order (see `placedOrder`). */
  render(article: Article, highlights: readonly Highlight[], options: RenderOptions): RenderedPage;
  /** Renders the notice that keeps both versions of a part edited on both sides. */
  renderConflict(conflict: ConflictFields): string;
}

const env = Handlebars.create();
for (const [name, fn] of Object.entries(helpers)) env.registerHelper(name, fn);
// Markdown is not HTML: nothing is HTML-escaped. Strict: a misspelt field is an error, not silence.
const COMPILE: CompileOptions = { noEscape: true, strict: true };
type CompileOptions = NonNullable<Parameters<typeof Handlebars.compile>[1]>;

/** Where the highlights go in the page, and the end of each highlight's text: never in real output. */
const SENTINEL = `\u0001${randomUUID()}\u0001`;
const BLOCK_END = `\u0001${randomUUID()}\u0001`;
const ALL_BLOCKS = env.compile(`{{#each this}}{{> highlight}}${BLOCK_END}{{/each}}`, COMPILE);

/** One piece of a template file, compiled, with the file line it starts on. */
interface Section {
  run: Handlebars.TemplateDelegate;
  firstLine: number;
}

/** How a page is rendered: when, and the names the reader gave the colours (Settings), if any. */
export interface RenderOptions {
  exportedAt: Date;
  colorNames?: ColorNames;
}

/**
 * Compiles a template: a page with `{{> highlights}}` where the highlights go,
 * a `{{#*inline "highlight"}}…{{/inline}}` section rendered once per highlight,
 * and optionally a `{{#*inline "conflict"}}` section. A mistake is reported as
 * an 'invalid-request' error naming the line, before anything is exported.
 */
export function compileTemplate(source: string, name: string): ExportTemplate {
  const text = source.replace(/\r\n?/g, '\n').replace(/^\ufeff/, '');
  const highlightPart = inlineSection(text, 'highlight');
  if (!highlightPart) return fail(name, 1, 'it has no {{#*inline "highlight"}} … {{/inline}} section saying how to write a highlight');
  if (!/\{\{~?>\s*highlights\s*~?\}\}/.test(text)) {
    fail(name, 1, 'its page has no {{> highlights}} saying where the highlights go');
  }
  const conflictPart = inlineSection(text, 'conflict') ?? { body: DEFAULT_CONFLICT, firstLine: 0 };

  const page = section(name, text, 1);
  const usesUuid = /\buuid\b/.test(text);
  const highlight = section(name, highlightPart.body, highlightPart.firstLine);
  const conflict = section(name, conflictPart.body, conflictPart.firstLine);

  const template: ExportTemplate = {
    name,
    render(article, highlights, { exportedAt, colorNames }) {
      const ordered = placedOrder(highlights);
      const articleView = articleFields(article, ordered, exportedAt);
      const views = ordered.map((h, i) => highlightFields(h, i, articleView, usesUuid, colorNames));
      const orphanedCount = views.filter((v) => v.orphaned).length;
      const pageView = templateView({ article: articleView, highlights: views, highlightCount: views.length, orphanedCount });
      // The page around `{{> highlights}}` (if the page places them more than once, the first place counts).
      const [before = '', ...after] = run(name, page, pageView).split(SENTINEL);
      // All highlights in one call: a Handlebars call has a fixed cost that 100,000 of them would feel.
      const texts = run(name, { run: ALL_BLOCKS, firstLine: highlight.firstLine }, views, highlight.run).split(BLOCK_END);
      const blocks = [];
      for (const [i, view] of views.entries()) {
        const blockText = trimBlankLines(texts[i]!);
        const anchors = blockText.includes(view.id) ? [view.id] : [view.id, view.uuid || uuidOf(view.id)];
        if (blockText !== '') blocks.push({ id: view.id, text: blockText, anchors });
      }
      return { header: trimBlankLines(before), blocks, footer: trimBlankLines(after.join('')) };
    },
    renderConflict: (fields) => trimBlankLines(run(name, conflict, templateView(fields))),
  };
  // Try it once on a sample, so that a misspelt field fails now, with its line.
  const sample = sampleArticle();
  template.render(sample, sampleHighlights(sample), { exportedAt: new Date(0) });
  template.render({ ...sample, metadata: undefined, tags: [] }, [], { exportedAt: new Date(0) });
  template.renderConflict({ kind: 'changed', id: 'h-sample0000001', inFile: '> a', inApp: '> b' });
  return template;
}

/** Reads and compiles a template file. */
export async function loadTemplate(path: string): Promise<ExportTemplate> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MarginaliaError('not-found', `Cannot read the template ${path}: ${code === 'ENOENT' ? 'no such file' : code}.`);
  }
  return compileTemplate(source, path);
}

/** The body of `{{#*inline "name"}}…{{/inline}}` (its own lines), with the file line it starts on. */
function inlineSection(text: string, partName: string): { body: string; firstLine: number } | undefined {
  const open = new RegExp(`\\{\\{~?#\\*inline\\s+(["'])${partName}\\1\\s*~?\\}\\}`).exec(text);
  if (!open) return undefined;
  const tags = /\{\{~?(#\*inline\b|\/inline\s*~?\}\})/g;
  tags.lastIndex = open.index + open[0].length;
  let depth = 1;
  for (let tag = tags.exec(text); tag; tag = tags.exec(text)) {
    depth += tag[1]!.startsWith('#') ? 1 : -1;
    if (depth > 0) continue;
    let body = text.slice(open.index + open[0].length, tag.index);
    let firstLine = lineAt(text, open.index);
    if (body.startsWith('\n')) {
      body = body.slice(1);
      firstLine++;
    }
    return { body: body.replace(/\n[ \t]*$/, ''), firstLine };
  }
  return undefined; // unclosed: the page's own compile reports it with its line
}

const lineAt = (text: string, index: number): number => text.slice(0, index).split('\n').length;

function section(name: string, source: string, firstLine: number): Section {
  try {
    env.parse(source); // syntax errors now, not at the first render
  } catch (error) {
    throw templateError(name, error, firstLine);
  }
  return { run: env.compile(source, COMPILE), firstLine };
}

/**
 * Prototype members stay out of reach (Handlebars' default), said explicitly
 * so that Handlebars refuses them silently instead of printing a warning per
 * name (a helper name is first looked up on a plain object).
 */
const PROTOTYPES_DENIED = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };

function run(name: string, part: Section, context: unknown, highlight?: Handlebars.TemplateDelegate): string {
  try {
    const partials = highlight ? { highlights: () => SENTINEL, highlight } : { highlights: () => SENTINEL };
    return part.run(context, { partials, ...PROTOTYPES_DENIED } as Handlebars.RuntimeOptions);
  } catch (error) {
    throw templateError(name, error, part.firstLine);
  }
}

function templateError(name: string, error: unknown, firstLine: number): MarginaliaError {
  if (error instanceof MarginaliaError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const reported = (error as { lineNumber?: number }).lineNumber ?? Number(/line (\d+)/.exec(message)?.[1] ?? 1);
  const lines = message.split('\n');
  let why = lines[0]!.replace(/ - \d+:\d+$/, '');
  if (why.startsWith('Parse error')) why = `syntax error: ${lines[lines.length - 1]!.replace(/ undefined$/, '')}`;
  const missing = /^"([^"]+)" not defined in/.exec(why);
  if (missing) why = `"${missing[1]}" is neither a field nor a helper (see docs/templates.md)`;
  return failure(name, firstLine > 0 ? firstLine + reported - 1 : 0, why);
}

function failure(name: string, line: number, why: string): MarginaliaError {
  const where = line > 0 ? `, line ${line}` : ' (built-in conflict notice)';
  return new MarginaliaError('invalid-request', `Template ${name}${where}: ${why.replace(/\.$/, '')}.`);
}

function fail(name: string, line: number, why: string): never {
  throw failure(name, line, why);
}
