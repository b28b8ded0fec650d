import { Readability } from '@mozilla/readability';
import { MarginaliaError } from '../../../../shared/contract/errors.js';
import type { DocumentJSON } from '../../../../shared/model.js';
import { ArticleBuilder } from '../article-builder.js';
import { collapseSpaces, titleFromFileName, truncate } from '../clean-text.js';
import { ImageCollector } from '../images.js';
import type { ImportedContent, ImportOptions } from '../imported-content.js';
import { pageAddress } from '../links.js';
import { hasReadableContent, titledDocument } from '../titled-document.js';
import { pictureMayBeKept, tidyArticle } from './boilerplate.js';
import { PictureDescriptions } from './descriptions.js';
import type { DomDocument, DomElement } from './dom.js';
import { pageMetadata, readPageFacts, type ExtractedFacts } from './metadata.js';
import { refuseDeepNesting } from './nesting.js';
import { measure, parsePage } from './parse.js';
import { isPlainDocument } from './plain-document.js';
import { mapHtmlToBlocks } from './to-blocks.js';

/**
 * Pages nested deeper than this, or with more elements, are imported whole
 * instead of through Readability, whose work grows faster than the page (a
 * 10,000-deep page would overflow its stack; 300 deep already takes a
 * second). Real pages nest under 40 deep; Wikipedia's longest have some
 * 10,000 elements.
 */
const READABILITY_MAX_DEPTH = 128;
const READABILITY_MAX_ELEMENTS = 60_000;

/**
 * Imports a web page: finds the article in it with Mozilla Readability (in
 * linkedom, a DOM that runs nothing and loads nothing), then keeps only what
 * the article schema can say. Pages that are already plain documents (a
 * book), and pages Readability cannot read (too deep, too big, or no article
 * found), are imported whole, through the same allow-list. A page nested
 * too deeply to parse in reasonable time is refused before it is parsed.
 */
export function htmlToArticle(html: string, fileName: string, options: ImportOptions = {}): ImportedContent {
  refuseDeepNesting(html, fileName);
  const warnings: string[] = [];
  const document = parsePage(html);
  const page = readPageFacts(document);
  const pageUrl = pageAddress(options.pageUrl) ?? page.url;

  let extracted: (ExtractedFacts & { content: DomElement }) | null = null;
  let root: DomElement | null;
  const shape = document.documentElement ? measure(document.documentElement) : { depth: 0, elements: 0 };
  if (shape.depth > READABILITY_MAX_DEPTH || shape.elements > READABILITY_MAX_ELEMENTS) {
    warnings.push(`${fileName} is too ${shape.depth > READABILITY_MAX_DEPTH ? 'deeply nested' : 'large'} to look for its article; the whole page was imported.`);
    root = document.body;
  } else if (document.body && isPlainDocument(document.body, shape.elements)) {
    root = document.body;
  } else {
    extracted = findArticle(document);
    // Readability changes the tree as it looks: when it finds nothing, start again from the page as it was.
    root = extracted?.content ?? parsePage(html).body;
    if (extracted) {
      tidyArticle(extracted.content, {
        title: collapseSpaces(extracted.title ?? '') || page.title || '',
        byline: extracted.byline ?? '',
        pageUrl,
        pictureMayBeKept: (img) => pictureMayBeKept(img.getAttribute('src') ?? '', options.baseDir),
      });
    }
  }

  const title = truncate(
    collapseSpaces(extracted?.title ?? '') || page.title || page.firstHeading || titleFromFileName(fileName),
    1000,
  );
  let mapped = mapPage(root, pageUrl, options, title);
  if (!hasReadableContent(mapped.blocks) && extracted) mapped = mapPage(parsePage(html).body, pageUrl, options, title);
  if (!hasReadableContent(mapped.blocks)) {
    throw new MarginaliaError('empty-file', `${fileName} has no readable text in it.`);
  }
  warnings.push(...mapped.warnings);

  const metadata = pageMetadata({ ...page, url: page.url ?? pageAddress(options.pageUrl) }, extracted);
  return { ...titledDocument(title, mapped.blocks), warnings, ...(Object.keys(metadata).length > 0 ? { metadata } : {}) };
}

/** The page's blocks, and what to tell the reader about its pictures. */
function mapPage(root: DomElement | null, pageUrl: string | undefined, options: ImportOptions, title: string): { blocks: DocumentJSON[]; warnings: string[] } {
  const images = new ImageCollector(options.baseDir, pageUrl !== undefined);
  const builder = new ArticleBuilder();
  const descriptions = new PictureDescriptions(title);
  if (root) mapHtmlToBlocks(root, builder, { pageUrl, images, anchorTargets: linkTargets(root), descriptions });
  return { blocks: builder.finish(), warnings: images.warnings() };
}

/** The ids the page's own links go to (`href="#id"`), as the reader will follow them. */
function linkTargets(root: DomElement): Set<string> {
  const targets = new Set<string>();
  for (const link of Array.from(root.querySelectorAll('a[href^="#"]'))) {
    const href = link.getAttribute('href')!.slice(1);
    if (href === '') continue;
    try {
      targets.add(decodeURIComponent(href));
    } catch {
      targets.add(href);
    }
  }
  return targets;
}

/** Readability's article, or null when it finds none (or fails on a page it was not made for). */
function findArticle(document: DomDocument): (ExtractedFacts & { content: DomElement }) | null {
  try {
    const reader = new Readability<DomElement>(document as never, {
      serializer: (node) => node as unknown as DomElement,
      maxElemsToParse: READABILITY_MAX_ELEMENTS,
    });
    const result = reader.parse();
    return result?.content ? { ...result, content: result.content } : null;
  } catch {
    return null;
  }
}
