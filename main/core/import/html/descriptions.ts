import { pictureDescription } from '../images.js';
import type { DomElement } from './dom.js';

/** Words only, lower-cased, for telling whether two texts say the same. */
const words = (text: string) => (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');

/** True when one run of words contains the other, whole words only. */
const overlaps = (a: string, b: string) => ` ${a} `.includes(` ${b} `) || ` ${b} `.includes(` ${a} `);

const DRAWN_LETTER = /^\p{L}$/u;

/** A name made of words joined by dashes or underscores (`milano-design-week-2018-flos-01`): a file's name, not a description. */
const SLUG = /^[\p{L}\p{N}]+(?:[-_][\p{L}\p{N}]+)+$/u;

/**
 * Decides which picture descriptions a page's text shows in place of
 * pictures that are not kept. A description is left out when it tells the
 * reader nothing the page does not already say: a file name, the article's
 * title again, the picture's own caption again, or a description already
 * shown for another picture (a gallery of the same alt text).
 */
export class PictureDescriptions {
  private readonly shown = new Set<string>();
  private readonly title: string;

  constructor(title: string | undefined) {
    this.title = words(title ?? '');
  }

  /** The description to show for `img`, or '' for none. */
  of(img: DomElement): string {
    const alt = pictureDescription(img.getAttribute('alt'));
    // A letter drawn as a picture (a book's decorated initial) is a letter of the text, wherever it stands.
    if (DRAWN_LETTER.test(alt)) return alt;
    if (!inRunningText(img)) return '';
    if (alt === '' || SLUG.test(alt)) return '';
    const said = words(alt);
    if (said === '' || this.shown.has(said)) return '';
    this.shown.add(said);
    if (this.title !== '' && overlaps(this.title, said)) return '';
    const caption = captionOf(img);
    if (caption !== '' && overlaps(caption, said)) return '';
    return alt;
  }
}

/** Elements that hold a line of text of their own: the nearest one around a picture decides whether it is in running text. */
const TEXT_BLOCKS = new Set([
  'p', 'li', 'dt', 'dd', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figcaption', 'figure', 'pre',
  'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'body', 'table', 'ul', 'ol', 'dl', 'picture',
]);

/**
 * True when a picture stands in a line of text (an icon, a formula, a word
 * drawn as a picture), whose sentence would lack a word without it; false
 * for an illustration standing alone, whose description would be a stray
 * line in the article.
 */
function inRunningText(img: DomElement): boolean {
  for (let node = img.parentNode; node; node = node.parentNode) {
    const name = (node as DomElement).localName?.toLowerCase();
    if (!name || !TEXT_BLOCKS.has(name)) continue;
    if (name === 'figure' || name === 'picture') return false;
    return (node.textContent ?? '').trim() !== '';
  }
  return false;
}

/** The words of the caption of the figure a picture is in, or ''. */
function captionOf(img: DomElement): string {
  for (let node = img.parentNode; node; node = node.parentNode) {
    const element = node as DomElement;
    if (element.localName?.toLowerCase() !== 'figure') continue;
    const caption = element.querySelector('figcaption');
    return caption ? words(caption.textContent ?? '') : '';
  }
  return '';
}
