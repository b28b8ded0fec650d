import { z } from 'zod';
import { COLORS, type Color } from '../../../shared/colors.js';
import { CodePointOffsetSchema, type Article, type Highlight, type HighlightTarget } from '../../../shared/model.js';
import { codePoints } from '../../../shared/offsets.js';
import { isOrphaned, placedOrder } from '../export/order.js';

/**
 * W3C Web Annotation JSON-LD for an article's highlights: an
 * AnnotationCollection whose first (and only) AnnotationPage holds one
 * Annotation per highlight. The note is a TextualBody with purpose
 * `commenting` (Markdown), each tag a TextualBody with purpose `tagging`.
 *
 * Extensions, in terms our context maps under `urn:x-marginalia:` (readers
 * that do not know them ignore them, as JSON-LD allows):
 * - `marginalia:color` (`urn:x-marginalia:color`): the highlight colour;
 * - `marginalia:orphaned` (`urn:x-marginalia:orphaned`), `true` on a highlight
 *   whose passage the article's current version no longer has. Its target
 *   then has the TextQuoteSelector alone: the quote is still what was
 *   highlighted, but no TextPositionSelector is written, since the stored
 *   offsets point at text that is not the quote any more.
 */
export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const EXTENSION_CONTEXT = { marginalia: 'urn:x-marginalia:' };
const CONTEXT = [ANNO_CONTEXT, EXTENSION_CONTEXT];

/** A URN naming an article or highlight, since they have no web address. */
export const articleUrn = (articleId: string) => `urn:x-marginalia:article:${articleId}`;
const highlightUrn = (highlightId: string) => `urn:x-marginalia:highlight:${highlightId}`;

/** One highlight as a W3C Annotation (embedded in a page: no @context of its own unless `standalone`). */
export function toAnnotation(article: Article, h: Highlight, standalone = false): Record<string, unknown> {
  const body: Record<string, unknown>[] = [];
  if (h.note.trim()) body.push({ type: 'TextualBody', value: h.note, format: 'text/markdown', purpose: 'commenting' });
  for (const tag of h.tags) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  const orphaned = isOrphaned(h);
  return {
    ...(standalone && { '@context': CONTEXT }),
    id: highlightUrn(h.id),
    type: 'Annotation',
    motivation: 'highlighting',
    created: h.createdAt,
    modified: h.updatedAt,
    ...(body.length > 0 && { body }),
    target: {
      source: article.source.path ? pathToFileUrl(article.source.path) : articleUrn(article.id),
      selector: orphaned ? [h.target.quote] : [h.target.quote, h.target.position],
    },
    'marginalia:color': h.color,
    ...(orphaned && { 'marginalia:orphaned': true }),
  };
}

/** An article's highlights as an AnnotationCollection with one AnnotationPage, in placed order (orphaned ones last). */
export function toAnnotationCollection(article: Article, highlights: readonly Highlight[]): Record<string, unknown> {
  const collection = `${articleUrn(article.id)}:annotations`;
  const ordered = placedOrder(highlights);
  return {
    '@context': CONTEXT,
    id: collection,
    type: 'AnnotationCollection',
    label: `Highlights of “${article.title}”`,
    total: ordered.length,
    first: {
      id: `${collection}:page1`,
      type: 'AnnotationPage',
      startIndex: 0,
      items: ordered.map((h) => toAnnotation(article, h)),
    },
  };
}

function pathToFileUrl(path: string): string {
  const normalised = path.replace(/\\/g, '/');
  return `file://${normalised.startsWith('/') ? '' : '/'}${normalised.split('/').map(encodeURIComponent).join('/')}`;
}

/** A highlight read from someone else's annotations: where it was, and what was said of it. */
export interface ImportedAnnotation {
  id: string;
  target: HighlightTarget;
  note: string;
  tags: string[];
  color: Color;
  /** Marked `marginalia:orphaned` by the app that wrote it: its position (if any) is not to be trusted. */
  orphaned?: true;
}

const Selector = z.object({ type: z.string() }).passthrough();
const QuoteSel = z.object({ type: z.literal('TextQuoteSelector'), exact: z.string().min(1), prefix: z.string().optional(), suffix: z.string().optional() });
const PositionSel = z.object({ type: z.literal('TextPositionSelector'), start: CodePointOffsetSchema, end: CodePointOffsetSchema });
const Body = z.union([z.string(), z.object({ type: z.string().optional(), value: z.string().optional(), purpose: z.string().optional() }).passthrough()]);
const W3CAnnotation = z
  .object({
    id: z.string().optional(),
    body: z.union([Body, z.array(Body)]).optional(),
    bodyValue: z.string().optional(),
    target: z.union([z.object({ selector: z.union([Selector, z.array(Selector)]).optional() }).passthrough(), z.array(z.unknown()), z.string()]),
    'marginalia:color': z.string().optional(),
    'marginalia:orphaned': z.unknown().optional(),
  })
  .passthrough();
/** Hypothesis API annotations: `text` (Markdown), `tags`, and `target[0].selector`. */
const HypothesisAnnotation = z
  .object({
    id: z.string(),
    text: z.string().optional(),
    tags: z.array(z.string()).optional(),
    target: z.array(z.object({ selector: z.array(Selector).optional() }).passthrough()),
  })
  .passthrough();

/**
 * Reads W3C annotations (an AnnotationCollection, an AnnotationPage, one
 * Annotation, or an array of them) or Hypothesis API JSON (`{rows: […]}` or
 * an array). Annotations without a usable text-quote selector are skipped
 * and counted, not guessed.
 */
export function readAnnotations(json: unknown): { annotations: ImportedAnnotation[]; skipped: number } {
  const items = flatten(json);
  const annotations: ImportedAnnotation[] = [];
  let skipped = 0;
  for (const [n, item] of items.entries()) {
    const read = readOne(item, n);
    if (read) annotations.push(read);
    else skipped++;
  }
  return { annotations, skipped };
}

function flatten(json: unknown): unknown[] {
  if (Array.isArray(json)) return json.flatMap(flatten);
  if (!json || typeof json !== 'object') return [];
  const o = json as Record<string, unknown>;
  if (Array.isArray(o.rows)) return o.rows; // Hypothesis search API
  if (o.type === 'AnnotationCollection' || (Array.isArray(o.type) && o.type.includes('AnnotationCollection'))) {
    return flatten(o.first);
  }
  if (o.type === 'AnnotationPage' || Array.isArray(o.items)) return [...flatten(o.items), ...flatten(typeof o.next === 'object' ? o.next : null)];
  return [o];
}

function readOne(item: unknown, n: number): ImportedAnnotation | null {
  const hypothesis = HypothesisAnnotation.safeParse(item);
  // Hypothesis's API gives `target` as an array of targets; W3C gives an object.
  if (hypothesis.success) {
    const selectors = hypothesis.data.target[0]?.selector ?? [];
    const target = targetFrom(selectors);
    if (!target) return null;
    return { id: hypothesis.data.id, target, note: hypothesis.data.text ?? '', tags: cleanTags(hypothesis.data.tags ?? []), color: 'yellow' };
  }
  const w3c = W3CAnnotation.safeParse(item);
  if (!w3c.success || typeof w3c.data.target !== 'object' || Array.isArray(w3c.data.target)) return null;
  const selector = w3c.data.target.selector;
  const target = targetFrom(Array.isArray(selector) ? selector : selector ? [selector] : []);
  if (!target) return null;
  const bodies = w3c.data.body === undefined ? [] : Array.isArray(w3c.data.body) ? w3c.data.body : [w3c.data.body];
  const notes: string[] = w3c.data.bodyValue ? [w3c.data.bodyValue] : [];
  const tags: string[] = [];
  for (const b of bodies) {
    if (typeof b === 'string' || b.value === undefined) continue;
    if (b.purpose === 'tagging') tags.push(b.value);
    else notes.push(b.value);
  }
  const color = COLORS.find((c) => c === w3c.data['marginalia:color']) ?? 'yellow';
  const read: ImportedAnnotation = { id: w3c.data.id ?? `annotation-${n + 1}`, target, note: notes.join('\n\n'), tags: cleanTags(tags), color };
  return w3c.data['marginalia:orphaned'] === true ? { ...read, orphaned: true } : read;
}

/** A target from selectors: needs a quote; the position is a hint (start 0 when absent). */
function targetFrom(selectors: unknown[]): HighlightTarget | null {
  let quote: z.infer<typeof QuoteSel> | null = null;
  let position: z.infer<typeof PositionSel> | null = null;
  for (const s of selectors) {
    const q = QuoteSel.safeParse(s);
    if (q.success) quote = q.data;
    const p = PositionSel.safeParse(s);
    if (p.success && p.data.end > p.data.start) position = p.data;
  }
  if (!quote) return null;
  return {
    quote: { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix ?? '', suffix: quote.suffix ?? '' },
    position: position ?? { type: 'TextPositionSelector', start: codePoints(0), end: codePoints(Array.from(quote.exact).length) },
  };
}

function cleanTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().replace(/^#+/, '').replace(/[\s,]+/g, '-')).filter((t) => t.length > 0 && t.length <= 64))];
}
