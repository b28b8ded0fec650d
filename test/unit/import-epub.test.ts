import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { importContent } from '../../main/core/import/index.js';
import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import type { DocumentJSON } from '../../shared/model.js';
import { nodesOf, textOfNode } from '../support/document.js';
import { corpus } from '../support/temp.js';

const EPUBS = corpus('epub/');
const cache = new Map<string, ReturnType<typeof load>>();

function load(name: string) {
  const content = importContent(name, readFileSync(EPUBS + name));
  const doc = documentFromJSON(content.document); // fits the article schema
  const headings = nodesOf(content.document, 'heading');
  return { ...content, text: articleText(doc).text, headings, headingTexts: headings.map(textOfNode) };
}
/** Each book is imported once for all the tests that read it. */
function book(name: string) {
  if (!cache.has(name)) cache.set(name, load(name));
  return cache.get(name)!;
}

/** The spine of a corpus book, counted from its own OPF (linear items only). */
function linearSpine(name: string): number {
  const files = unzipSync(readFileSync(EPUBS + name), { filter: (f) => f.name.endsWith('.opf') });
  const opf = new TextDecoder().decode(Object.values(files)[0]);
  return [...opf.matchAll(/<itemref\b[^>]*>/g)].filter(([ref]) => !/linear="no"/.test(ref)).length;
}

const links = (doc: DocumentJSON) =>
  nodesOf(doc, 'text').flatMap((t) => (t.marks ?? []).filter((m) => m.type === 'link').map((m) => ({ text: t.text!, href: m.attrs!.href as string })));
const anchors = (doc: DocumentJSON) => {
  const found = new Set<string>();
  for (const type of ['paragraph', 'heading']) for (const n of nodesOf(doc, type)) if (n.attrs?.anchor) found.add(n.attrs.anchor as string);
  return found;
};

describe('EPUB import: every book of the corpus', () => {
  const names = readdirSync(EPUBS).filter((n) => n.endsWith('.epub')).sort();

  it('has the 13 samples the corpus README lists', () => {
    expect(names).toHaveLength(13);
  });

  it.each(names)('%s imports with its title, identifier, and a section for each chapter of its spine', (name) => {
    const { title, metadata, text, headings, document } = book(name);
    expect(title.length).toBeGreaterThan(0);
    expect(title).not.toBe(name.replace(/\.epub$/, ''));
    expect(metadata?.identifier).toBeTruthy();
    expect(text.length).toBeGreaterThan(0);
    // Every linear spine item starts where its anchor (p1, p2, …) is: links to it and the contents land there.
    const chapterAnchors = [...anchors(document)].filter((a) => /^p\d+$/.test(a));
    expect(chapterAnchors.length).toBeGreaterThanOrEqual(Math.min(linearSpine(name), 1));
    expect(chapterAnchors.length).toBeLessThanOrEqual(linearSpine(name) + 2);
    expect(headings.length).toBeGreaterThan(0);
    // Pictures only as data: URLs of raster images (the schema checked the rest of the allow-list).
    for (const image of nodesOf(document, 'image')) expect(image.attrs!.src).toMatch(/^data:image\/(?:png|jpeg|gif|webp);base64,/);
  });
});

describe('EPUB import: what each sample exercises', () => {
  it('Moby-Dick: one section per chapter, titled by the navigation, as many chapters as the Gutenberg text', () => {
    const moby = book('moby-dick.epub');
    expect(moby.title).toBe('Moby-Dick');
    expect(moby.metadata).toMatchObject({ creators: ['Herman Melville'], byline: 'Herman Melville', publisher: 'Harper & Brothers, Publishers', language: 'en-US' });
    const chapters = moby.headingTexts.filter((h) => /^Chapter \d+\./.test(h));
    const gutenberg = readFileSync(corpus('books/moby-dick.txt'), 'utf8');
    // The Gutenberg text lists its chapters twice: in its contents, then as headings.
    const gutenbergChapters = new Set([...gutenberg.matchAll(/^CHAPTER (\d+)\./gm)].map((m) => m[1]));
    expect(chapters).toHaveLength(135);
    expect(chapters).toHaveLength(gutenbergChapters.size);
    expect(moby.headingTexts).toContain('Epilogue');
    // The chapter's own heading is its title: not doubled by the navigation's label.
    expect(moby.headingTexts.filter((h) => h === 'Chapter 1. Loomings.')).toHaveLength(1);
    expect(moby.text).toContain('Call me Ishmael.');
    // The Gutenberg words are the EPUB's words: chapter 1's first paragraph, word for word.
    expect(gutenberg.replace(/\s+/g, ' ')).toContain('Call me Ishmael. Some years ago—never mind how long precisely—having little or no money in my purse');
  });

  it('Children’s Literature: its pictures are embedded, its chapters titled once', () => {
    const children = book('childrens-literature.epub');
    expect(children.metadata?.creators).toEqual(['Charles Madison Curry', 'Erle Elsworth Clippinger']);
    expect(nodesOf(children.document, 'image').length).toBeGreaterThan(0);
    const section = children.headingTexts.filter((h) => h === 'SECTION IV FAIRY STORIES—MODERN FANTASTIC TALES');
    expect(section).toHaveLength(1);
  });

  it('internallinks: links between and within chapters become the article’s own links, and each has its place', () => {
    const { document } = book('internallinks.epub');
    const own = links(document).filter((l) => l.href.startsWith('#'));
    expect(own.length).toBeGreaterThan(10);
    const places = anchors(document);
    for (const link of own) expect(places).toContain(decodeURIComponent(link.href.slice(1)));
    // A note in xnotes.xhtml goes back to the paragraph of 0006.xhtml it comments on (id n.0006.1).
    expect(own.map((l) => decodeURIComponent(l.href))).toContain(`#p${4}-n.0006.1`);
  });

  it('figure-gallery-bindings: the scripts and their handlers never reach the article', () => {
    const { text, document } = book('figure-gallery-bindings.epub');
    expect(text).not.toMatch(/\$\(document\)|function\s*\(|FigureGallery|getParameterByName/);
    expect(JSON.stringify(document)).not.toMatch(/javascript:|onclick|<script/i);
    expect(nodesOf(document, 'image').length).toBeGreaterThan(0);
  });

  it('linear-algebra: MathML becomes its text, as inline code, never markup or a placeholder alttext', () => {
    const { text, document } = book('linear-algebra.epub');
    const formulas = nodesOf(document, 'text').filter((t) => t.marks?.some((m) => m.type === 'code'));
    expect(formulas.length).toBeGreaterThan(1000);
    expect(text).not.toContain('Alternative text not available');
    expect(formulas.some((t) => /\w_\w/.test(t.text!))).toBe(true); // a subscript written out
  }, 60_000);

  it('haruko: Japanese, in vertical lines (its spine runs right to left), with its page pictures', () => {
    const haruko = book('haruko-html-jpeg.epub');
    expect(haruko.title).toBe('ハルコさんの彼氏');
    expect(haruko.metadata).toMatchObject({ language: 'ja-jp', writingMode: 'vertical-rl' });
    expect(haruko.metadata?.direction).toBeUndefined();
    expect(nodesOf(haruko.document, 'image')).toHaveLength(12);
  });

  it('israelsailing: Hebrew, right to left', () => {
    const sailing = book('israelsailing.epub');
    expect(sailing.metadata).toMatchObject({ language: 'he', direction: 'rtl' });
    expect(sailing.metadata?.writingMode).toBeUndefined();
    expect(sailing.text).toMatch(/[\u0590-\u05ff]{3}/);
  });

  it('svg-in-spine: SVG pages keep their raster pictures and text, never SVG markup', () => {
    const { document, headingTexts } = book('svg-in-spine.epub');
    expect(headingTexts).toEqual(expect.arrayContaining(['Cover', 'Creative Commons Licenses', 'Origami : Crane']));
    expect(nodesOf(document, 'image').length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(document)).not.toMatch(/<svg|<path|xlink/);
  });

  it('Moby-Dick: its non-linear navigation document is not repeated as text', () => {
    const moby = book('moby-dick.epub');
    // The full contents (toc.xhtml, linear="no") lists every chapter; the brief contents page is linear and kept.
    const loomings = moby.text.split('Chapter 1. Loomings.').length - 1;
    expect(loomings).toBeLessThanOrEqual(2);
  });

  it('the largest samples read their navigation into chapter titles (accessible_epub_3, epub30-spec)', () => {
    expect(book('accessible_epub_3.epub').headingTexts).toContain('Preface');
    expect(book('epub30-spec.epub').headings.length).toBeGreaterThan(100);
  });

  it('wasteland keeps its five parts as sections', () => {
    expect(book('wasteland.epub').headingTexts).toEqual(expect.arrayContaining(['I. THE BURIAL OF THE DEAD', 'V. WHAT THE THUNDER SAID']));
  });
});
