import { parse } from 'yaml';
import type { ArticleMetadata } from '../../../../shared/model.js';
import { collapseSpaces, truncate } from '../clean-text.js';
import { pageAddress } from '../links.js';
import { languageTag, publishedDate } from '../metadata-values.js';

/** A Markdown file split into its YAML front matter (when it has one) and its body. */
export interface FrontMatterSplit {
  frontMatter?: Record<string, unknown>;
  body: string;
  warnings: string[];
}

/** Front matter larger than this is not read (it is metadata, not a data dump). */
const MAX_FRONT_MATTER = 64 * 1024;

/**
 * Splits off a `---` … `---` (or `...`) YAML block at the very top of a
 * Markdown file. YAML that does not parse to a mapping is not front matter:
 * the file is then read as Markdown from its first line (a leading `---` is a
 * horizontal rule there). Aliases are limited, so a "billion laughs" YAML
 * cannot expand; the result is plain JSON.
 */
export function splitFrontMatter(text: string, fileName: string): FrontMatterSplit {
  const match = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  const yaml = match?.[1] ?? '';
  if (!match || yaml.length > MAX_FRONT_MATTER) return { body: text, warnings: [] };
  if (yaml.trim() === '') return { body: text.slice(match[0].length), warnings: [] };
  let data: unknown;
  try {
    data = parse(yaml, { schema: 'core', maxAliasCount: 100, uniqueKeys: false });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'it is not valid YAML';
    return { body: text, warnings: [`The front matter of ${fileName} could not be read (${reason}); it is shown as text.`] };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { body: text, warnings: [] };
  const frontMatter = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  return { frontMatter, body: text.slice(match[0].length), warnings: [] };
}

/** What the front matter says about the article, under the names people use for it. */
export function frontMatterFacts(frontMatter: Record<string, unknown>): { title?: string; metadata: ArticleMetadata } {
  const field = (...names: string[]) => names.map((n) => frontMatter[n]).find((v) => v !== undefined && v !== null);
  const metadata: ArticleMetadata = { frontMatter };
  const byline = names(field('author', 'authors', 'byline'));
  if (byline) metadata.byline = truncate(byline, 1000);
  const published = plain(field('date', 'published', 'pubDate', 'publishDate'));
  if (published) metadata.published = publishedDate(published);
  const url = pageAddress(plain(field('url', 'source', 'link', 'canonical_url', 'canonicalUrl')));
  if (url) metadata.url = url;
  const language = languageTag(plain(field('lang', 'language')));
  if (language) metadata.language = language;
  const siteName = plain(field('site', 'siteName', 'site_name'));
  if (siteName) metadata.siteName = truncate(siteName, 1000);
  const excerpt = plain(field('description', 'summary', 'excerpt'));
  if (excerpt) metadata.excerpt = truncate(excerpt, 5000);
  const title = plain(field('title'));
  return { ...(title ? { title } : {}), metadata };
}

/** A string, number or boolean as trimmed one-line text; anything else is not a plain value. */
function plain(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  return collapseSpaces(String(value)) || undefined;
}

/** `Jane`, `[Jane, Joe]` or `{name: Jane}` (or a list of those) as `Jane, Joe`. */
function names(value: unknown): string | undefined {
  const list = Array.isArray(value) ? value : [value];
  const parts = list
    .map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>).name : v))
    .map(plain)
    .filter((v): v is string => v !== undefined);
  return parts.length > 0 ? parts.join(', ') : undefined;
}
