import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { MarginaliaError } from '../../../../shared/contract/errors.js';
import { ArticleBuilder } from '../article-builder.js';
import { collapseSpaces, isBlank, titleFromFileName, truncate } from '../clean-text.js';
import { ImageCollector } from '../images.js';
import type { ImportedContent, ImportOptions } from '../imported-content.js';
import { pageAddress } from '../links.js';
import { titledDocument } from '../titled-document.js';
import { refuseDeepNesting } from '../html/nesting.js';
import { frontMatterFacts, splitFrontMatter } from './front-matter.js';
import { mapMarkdownToBlocks } from './to-blocks.js';

/**
 * CommonMark, plus GitHub-style tables (the article schema has tables).
 * Raw HTML is recognised so that it can be cleaned like a web page rather
 * than shown as markup; every link is parsed as a link so that an unsafe
 * address can be dropped while its text stays.
 */
const markdown = new MarkdownIt('commonmark', { html: true }).enable('table');
markdown.validateLink = () => true;

/**
 * Imports a Markdown file. The title comes from the front matter's `title`,
 * else from a level-1 heading that is the first heading (taken out of the
 * body), else from the file name. Front matter also gives the byline, date,
 * address and language, and is kept whole in `metadata.frontMatter`.
 */
export function markdownToArticle(text: string, fileName: string, options: ImportOptions = {}): ImportedContent {
  const { frontMatter, body, warnings } = splitFrontMatter(text.replace(/^\ufeff/, ''), fileName);
  if (isBlank(body) && !frontMatter) throw new MarginaliaError('empty-file', `${fileName} has no text in it.`);
  const facts = frontMatter ? frontMatterFacts(frontMatter) : undefined;

  const tokens = markdown.parse(body, {});
  // Raw HTML blocks are parsed as pages are: one nested too deeply is refused first.
  for (const token of tokens) if (token.type === 'html_block') refuseDeepNesting(token.content, fileName);
  const skip = new Set<Token>();
  let title = facts?.title;
  if (!title) {
    const heading = titleHeading(tokens);
    if (heading) {
      title = heading.text;
      for (const token of heading.tokens) skip.add(token);
    }
  }

  const pageUrl = pageAddress(options.pageUrl) ?? facts?.metadata.url;
  const images = new ImageCollector(options.baseDir, pageUrl !== undefined);
  const builder = new ArticleBuilder();
  mapMarkdownToBlocks(tokens, builder, { pageUrl, images }, skip);
  warnings.push(...images.warnings());

  const content = titledDocument(truncate(title || titleFromFileName(fileName), 1000), builder.finish());
  return { ...content, warnings, ...(facts ? { metadata: facts.metadata } : {}) };
}

/** The first heading, when it is a level-1 heading: its tokens and its plain text. */
function titleHeading(tokens: Token[]): { tokens: Token[]; text: string } | undefined {
  const at = tokens.findIndex((t) => t.type === 'heading_open');
  if (at < 0 || tokens[at]!.tag !== 'h1') return undefined;
  const inline = tokens[at + 1];
  const text = collapseSpaces(
    (inline?.children ?? [])
      .map((t) => (t.type === 'softbreak' || t.type === 'hardbreak' ? ' ' : t.type === 'image' ? '' : t.content))
      .join(''),
  );
  return text ? { tokens: tokens.slice(at, at + 3), text } : undefined;
}
