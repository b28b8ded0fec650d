import { MarginaliaError } from '../../../../shared/contract/errors.js';
import type { BookArchive } from './archive.js';
import { prepareChapter, type Chapter, type PreparedChapter } from './chapter.js';
import type { PackageDocument, SpineItem } from './package-document.js';
import { svgPageAsHtml } from './svg-page.js';
import { decodeChapter } from './text.js';

/** A spine item as it goes into the article: prepared, or a gap saying why it could not be read. */
export interface BookPart {
  chapter: Chapter;
  prepared?: PreparedChapter;
  /** Why the chapter is not there, shown in its place. */
  gap?: string;
}

const XHTML = new Set(['application/xhtml+xml', 'text/html', 'application/xml', 'text/xml']);

/**
 * The spine's content documents, in reading order, ready to map. Non-linear
 * items (`linear="no"`: a cover, notes, answers) are what a reader reaches
 * only by a link: they are kept, after the linear ones, when the book links
 * to them, and left out otherwise — except that the navigation document is
 * never repeated as text (the Contents panel shows it). A spine item that is
 * encrypted means DRM: the book is refused. One that is missing or unreadable
 * becomes a marked gap and a warning.
 */
export function readSpine(
  archive: BookArchive,
  book: PackageDocument,
  { encrypted, labels }: { encrypted: ReadonlySet<string>; labels: ReadonlyMap<string, string> },
  fileName: string,
  warnings: string[],
): { parts: BookPart[]; targets: Set<string> } {
  const items: SpineItem[] = [];
  const seen = new Set<string>();
  for (const entry of book.spine) {
    if (seen.has(entry.item.path) || (!entry.linear && entry.item.properties.includes('nav'))) continue;
    seen.add(entry.item.path);
    items.push(entry);
  }
  if (items.some((entry) => encrypted.has(entry.item.path))) {
    throw new MarginaliaError('unsupported-file', `${fileName} is protected by DRM (its chapters are encrypted), so it cannot be read here. Import a copy without DRM.`);
  }
  const anchors = new Map(items.map((entry, i) => [entry.item.path, `p${i + 1}`]));
  const targets = new Set<string>();
  const parts = new Map<string, BookPart>();
  const read = (entry: SpineItem) => {
    const label = labels.get(entry.item.path);
    const chapter = { path: entry.item.path, anchor: anchors.get(entry.item.path)!, ...(label ? { label } : {}) };
    const part = readPart(archive, entry, chapter, anchors, targets);
    if (part.gap) warnings.push(part.gap.replace(/^\[|\]$/g, ''));
    parts.set(chapter.path, part);
    return part;
  };
  for (const entry of items) if (entry.linear) read(entry);
  // Non-linear items that what is kept links to, and what they link to in turn.
  const linked = (path: string) => [...parts.values()].some((p) => p.prepared?.linksTo.has(path));
  let added = true;
  while (added) {
    added = false;
    for (const entry of items) {
      if (!entry.linear && !parts.has(entry.item.path) && linked(entry.item.path)) {
        read(entry);
        added = true;
      }
    }
  }
  const ordered = [...items.filter((e) => e.linear), ...items.filter((e) => !e.linear)];
  return { parts: ordered.flatMap((e) => parts.get(e.item.path) ?? []), targets };
}

function readPart(archive: BookArchive, entry: SpineItem, chapter: Chapter, anchors: ReadonlyMap<string, string>, targets: Set<string>): BookPart {
  const { path, mediaType } = entry.item;
  const bytes = archive.read(path);
  if (!bytes) return { chapter, gap: `[This chapter could not be read: the book lists ${path}, but the file is not in it.]` };
  try {
    let html: string;
    if (XHTML.has(mediaType)) html = decodeChapter(bytes, path).text;
    else if (mediaType === 'image/svg+xml') html = svgPageAsHtml(decodeChapter(bytes, path).text, path);
    else if (/^image\/(?:png|jpeg|gif|webp)$/.test(mediaType)) html = `<img src="${encodeURI(path.slice(path.lastIndexOf('/') + 1))}" alt="">`;
    else return { chapter, gap: `[This chapter could not be read: ${path} is ${mediaType || 'of no declared type'}, which Marginalia does not read.]` };
    return { chapter, prepared: prepareChapter(html, chapter, anchors, targets) };
  } catch (error) {
    if (!(error instanceof MarginaliaError)) throw error;
    return { chapter, gap: `[This chapter could not be read: ${error.message}]` };
  }
}
