import { MarginaliaError } from '../../../../shared/contract/errors.js';
import type { DomElement } from '../html/dom.js';
import type { BookArchive } from './archive.js';
import { packagePath, resolveReference } from './paths.js';
import { decodePackageText } from './text.js';
import { descendants, first, nameOf, parseXml, textOf } from './xml.js';

/** A file the package's manifest lists. */
export interface ManifestItem {
  id: string;
  /** Its path inside the archive. */
  path: string;
  mediaType: string;
  /** The manifest's `properties` (`nav`, `cover-image`, `svg`, `mathml`…). */
  properties: string[];
}

/** A spine entry: a content document in reading order. */
export interface SpineItem {
  item: ManifestItem;
  /** False for `linear="no"`: content read only by following a link to it (notes, answers, a cover). */
  linear: boolean;
}

/** What the package document (the OPF) says about the book. */
export interface PackageDocument {
  /** Where the OPF is; its references resolve from here. */
  path: string;
  /** The OPF's `<metadata>` element. */
  metadata: DomElement | undefined;
  /** The id of the `dc:identifier` that identifies the book (`unique-identifier`). */
  uniqueIdentifier: string | undefined;
  manifest: Map<string, ManifestItem>;
  spine: SpineItem[];
  /** The spine's `page-progression-direction`. */
  pageProgression: 'ltr' | 'rtl' | undefined;
  /** The EPUB 3 navigation document, or the EPUB 2 NCX. */
  navigation: ManifestItem | undefined;
  ncx: ManifestItem | undefined;
}

/**
 * Finds and reads the package document: `META-INF/container.xml` names it.
 * A book without either cannot be read, and says so.
 */
export function readPackageDocument(archive: BookArchive, fileName: string): PackageDocument {
  const containerBytes = archive.read('META-INF/container.xml');
  if (!containerBytes) {
    throw new MarginaliaError('unsupported-file', `${fileName} is not a readable EPUB book: it has no META-INF/container.xml, which says where its contents are.`);
  }
  const container = parseXml(decodePackageText(containerBytes, 'META-INF/container.xml'));
  const rootfiles = container ? descendants(container, 'rootfile') : [];
  const chosen = rootfiles.find((r) => r.getAttribute('media-type') === 'application/oebps-package+xml') ?? rootfiles[0];
  const path = packagePath(chosen?.getAttribute('full-path') ?? '');
  const opfBytes = path ? archive.read(path) : undefined;
  if (!path || !opfBytes) {
    const named = chosen?.getAttribute('full-path');
    throw new MarginaliaError('unsupported-file', `${fileName} is not a readable EPUB book: its package document${named ? ` (${named})` : ''} is missing.`);
  }
  const opf = parseXml(decodePackageText(opfBytes, path));
  if (!opf || nameOf(opf) !== 'package') {
    throw new MarginaliaError('unsupported-file', `${fileName} is not a readable EPUB book: its package document (${path}) cannot be read.`);
  }

  const manifest = new Map<string, ManifestItem>();
  for (const element of descendants(opf, 'item')) {
    const id = element.getAttribute('id');
    const target = resolveReference(path, element.getAttribute('href') ?? '');
    if (!id || !target || manifest.has(id)) continue;
    const properties = (element.getAttribute('properties') ?? '').split(/\s+/).filter(Boolean);
    manifest.set(id, { id, path: target.path, mediaType: (element.getAttribute('media-type') ?? '').trim().toLowerCase(), properties });
  }

  const spineElement = first(opf, 'spine');
  const spine: SpineItem[] = [];
  for (const ref of spineElement ? descendants(spineElement, 'itemref') : []) {
    const item = manifest.get(ref.getAttribute('idref') ?? '');
    if (item) spine.push({ item, linear: ref.getAttribute('linear')?.trim() !== 'no' });
  }
  const progression = spineElement?.getAttribute('page-progression-direction')?.trim();
  const items = [...manifest.values()];
  return {
    path,
    metadata: first(opf, 'metadata'),
    uniqueIdentifier: opf.getAttribute('unique-identifier') ?? undefined,
    manifest,
    spine,
    pageProgression: progression === 'rtl' || progression === 'ltr' ? progression : undefined,
    navigation: items.find((i) => i.properties.includes('nav')),
    ncx: manifest.get(spineElement?.getAttribute('toc') ?? '') ?? items.find((i) => i.mediaType === 'application/x-dtbncx+xml'),
  };
}
