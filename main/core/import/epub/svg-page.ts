import { resolveReference } from './paths.js';
import { descendants, parseXml, textOf } from './xml.js';

/** What stands for a drawing that has nothing the article can show. */
export const DRAWING_NOT_SHOWN = '[A drawing that Marginalia does not show: SVG pictures can carry scripts.]';

/**
 * An SVG spine item (a page that is a picture) as a small XHTML page for
 * the same preparation and allow-list as the chapters. SVG markup never
 * reaches the article: what is kept is safe text and safe pictures — its
 * title and description, its `<text>`, and the raster images it places
 * (`<image href="page1.jpg">`, checked as PNG/JPEG/GIF/WebP later). A
 * drawing with none of these is a marked gap.
 */
export function svgPageAsHtml(svg: string, path: string): string {
  const root = parseXml(svg);
  if (!root) return `<p>${DRAWING_NOT_SHOWN}</p>`;
  const parts: string[] = [];
  for (const name of ['title', 'desc', 'text']) {
    for (const element of descendants(root, name)) {
      const text = textOf(element);
      if (text !== '') parts.push(`<p>${escapeHtml(text)}</p>`);
    }
  }
  for (const image of descendants(root, 'image')) {
    const href = image.getAttribute('xlink:href') ?? image.getAttribute('href') ?? '';
    // Relative to the SVG file, as the page is prepared from the SVG's own path.
    if (resolveReference(path, href.trim())) parts.push(`<img src="${escapeHtml(href.trim())}" alt="">`);
  }
  return `<html><body>${parts.length > 0 ? parts.join('') : `<p>${DRAWING_NOT_SHOWN}</p>`}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
