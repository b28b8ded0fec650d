import type { ArticleMetadata } from '../../../../shared/model.js';
import { collapseSpaces, truncate } from '../clean-text.js';
import { pageAddress } from '../links.js';
import { languageTag, publishedDate } from '../metadata-values.js';
import type { DomDocument } from './dom.js';

/** What a page says about itself in its markup, read before Readability changes the tree. */
export interface PageFacts {
  /** The `<title>`. */
  title?: string;
  /** The first `<h1>` of the body. */
  firstHeading?: string;
  /** Canonical link or `og:url`, when it is an absolute http(s) address. */
  url?: string;
  published?: string;
  language?: string;
  siteName?: string;
}

/** What Readability found about the article (the fields we use of its result). */
export interface ExtractedFacts {
  title?: string | null;
  byline?: string | null;
  excerpt?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  lang?: string | null;
}

export function readPageFacts(document: DomDocument): PageFacts {
  const meta = (selector: string) => nonEmpty(document.querySelector(selector)?.getAttribute('content'));
  const canonical = document.querySelector('link[rel~="canonical"]')?.getAttribute('href');
  return {
    title: nonEmpty(document.querySelector('title')?.textContent),
    firstHeading: nonEmpty(document.body?.querySelector('h1')?.textContent),
    url: pageAddress(canonical) ?? pageAddress(meta('meta[property="og:url"]')),
    published: meta('meta[property="article:published_time"]') ?? meta('meta[itemprop="datePublished"]'),
    language: nonEmpty(document.documentElement?.getAttribute('lang')),
    siteName: meta('meta[property="og:site_name"]'),
  };
}

/** The article metadata to store, each field checked and cut to the model's limits. */
export function pageMetadata(page: PageFacts, extracted: ExtractedFacts | null): ArticleMetadata {
  const metadata: ArticleMetadata = {};
  const byline = nonEmpty(extracted?.byline);
  if (byline) metadata.byline = truncate(byline, 1000);
  if (page.url) metadata.url = page.url;
  const siteName = nonEmpty(extracted?.siteName) ?? page.siteName;
  if (siteName) metadata.siteName = truncate(siteName, 1000);
  const published = nonEmpty(extracted?.publishedTime) ?? page.published;
  if (published) metadata.published = publishedDate(published);
  const language = languageTag(nonEmpty(extracted?.lang) ?? page.language);
  if (language) metadata.language = language;
  const excerpt = nonEmpty(extracted?.excerpt);
  if (excerpt) metadata.excerpt = truncate(excerpt, 5000);
  return metadata;
}

function nonEmpty(text: string | null | undefined): string | undefined {
  const collapsed = text ? collapseSpaces(text) : '';
  return collapsed === '' ? undefined : collapsed;
}
