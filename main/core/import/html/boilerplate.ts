import { isElement, isText, type DomElement, type DomNode } from './dom.js';

/** What the tidying needs to know about the page besides the article. */
export interface ArticleFacts {
  /** The article's title: a line that only repeats it is left out (the title is shown once, as the title). */
  title: string;
  /** The byline Readability found (kept in the article's metadata): a line that only repeats it is left out. */
  byline: string;
  /**
   * The page's own address, if known: a line that is nothing but links to
   * other pages of its site is the site's navigation (breadcrumbs, related
   * stories, tags). Without it, no line is judged by its links.
   */
  pageUrl: string | undefined;
  /** Whether a picture may be kept in the article (see ImageCollector); a caption of pictures that are not is left out. */
  pictureMayBeKept(img: DomElement): boolean;
}

/**
 * Takes out of the article Readability found the lines that belong to the
 * site, not to the article: captions of pictures the reader will not see,
 * lines of links to the site's other pages (breadcrumbs, related stories),
 * datelines, picture credits, "Read more:" prompts, share buttons, sign-up
 * and cookie prompts, copyright notices, credits and "follow us" lines, the
 * author's biography, and lines repeating the title or byline (both kept
 * as such). Each rule looks at one line at a time (a paragraph, a list
 * item, a caption, or a layout block or lone inline element holding only
 * text), and those that read words only at short lines, so that no
 * paragraph of the article is judged by a word in it. Only the article
 * Readability found is tidied: pages imported whole (books, pages too large
 * for Readability) are not.
 */
export function tidyArticle(article: DomElement, facts: ArticleFacts): void {
  const title = wordsOf(facts.title).join(' ').toLowerCase();
  const byline = wordsOf(facts.byline).join(' ').toLowerCase();
  const siteLink = siteLinkTest(facts.pageUrl);
  const authorNames = byline.replace(/^by /, '').split(' ').filter((w) => w.length > 1 && !NOT_NAMES.has(w));
  const doomed: DomElement[] = [];
  const linkLines = new Set<DomElement>();
  for (const el of Array.from(article.querySelectorAll('*'))) {
    const name = el.localName.toLowerCase();
    if (name === 'figcaption') {
      if (!picturesOfFigure(el).some((img) => facts.pictureMayBeKept(img))) doomed.push(el);
      continue;
    }
    if (!isLine(el, name)) continue;
    const { text, linked } = textAndLinks(el, siteLink);
    const words = wordsOf(text);
    if (words.length === 0) continue;
    const said = words.join(' ').toLowerCase();
    if (isAllLinks(text, linked) && !HEADINGS.has(name)) {
      linkLines.add(el);
      continue;
    }
    if (
      (isDateline(text, words) && !insideQuote(el)) ||
      (words.length <= MAX_CREDIT_WORDS && (PICTURE_CREDIT.test(text.trim()) || isNotice(text, words))) ||
      (words.length <= MAX_PROMPT_WORDS && (PROMPT.test(text.trim()) || isSiteControl(text, words))) ||
      (words.length <= MAX_CREDIT_WORDS && CLOSING.some((line) => line.test(text.trim()))) ||
      (said === title && title !== '') ||
      (byline !== '' && (said === byline || said === `by ${byline}`)) ||
      isAboutTheAuthor(said, authorNames)
    ) {
      doomed.push(el);
    }
  }
  // Lines of links to the site's other pages are its navigation when there are several, or when one is a short
  // label ("Home", "News"); an article's only such line, a sentence, stays (the article pointing to its source, say).
  for (const el of linkLines) {
    if (linkLines.size > 1 || wordsOf(el.textContent ?? '').length <= MAX_LABEL_WORDS) doomed.push(el);
  }
  for (const el of doomed) el.remove();
}

/**
 * Whether a picture with this `src` may be kept in the article: an embedded
 * (`data:`) picture, or a file beside a page saved in a folder. Pictures on
 * the web are never downloaded (see ImageCollector, which has the last word).
 */
export function pictureMayBeKept(src: string, baseDir: string | undefined): boolean {
  const trimmed = src.trim();
  if (/^data:/i.test(trimmed)) return true;
  if (baseDir === undefined || trimmed === '') return false;
  if (/^file:/i.test(trimmed)) return true;
  return !/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^[/\\]/.test(trimmed);
}

/** Words of a byline that are not the author's name. */
const NOT_NAMES = new Set(['by', 'and', 'staff', 'writer', 'reporter', 'editor', 'the', 'of', 'for', 'at', 'news', 'ap', 'reuters']);
const AUTHOR_BIO = /^(?:is|was|has|had|joined|covers|writes|reports|lives|loves)\b/;
const MAX_BIO_WORDS = 80;

/** "Regan is a Connecticut native…", "Emiliano joined pv magazine in 2017": the author introduced, not the article. */
function isAboutTheAuthor(said: string, names: string[]): boolean {
  if (names.length === 0 || said.split(' ').length > MAX_BIO_WORDS) return false;
  let rest = said;
  let named = false;
  for (const name of names) {
    if (!rest.startsWith(`${name} `)) break;
    rest = rest.slice(name.length + 1);
    named = true;
  }
  return named && AUTHOR_BIO.test(rest);
}

/** Longest line (in words) that a dateline rule, a credit rule or a prompt rule may judge. */
const MAX_DATELINE_WORDS = 16;
const MAX_CREDIT_WORDS = 40;
const MAX_PROMPT_WORDS = 20;
/** Share of a line's letters inside links from which it is a list of links, not a sentence. */
const LINKED_SHARE = 0.9;
/** A line of links this short is a label of the site's ("Home", "Sign In", "Breaking News"), not a sentence. */
const MAX_LABEL_WORDS = 5;

/** Elements that are a line of text of their own. */
const LINES = new Set(['p', 'li', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Layout blocks: a line when they hold only text and inline elements. */
const LAYOUT = new Set(['div', 'section', 'header', 'footer', 'aside', 'article', 'main', 'body', 'figure']);
/** Inline elements: a line when they stand alone in a layout block, with no text of the block around them. */
const INLINE = new Set(['span', 'time', 'a', 'strong', 'b', 'em', 'i', 'small', 'font', 'abbr', 'br', 'img', 'sup', 'sub', 'u', 'cite']);

function isLine(el: DomElement, name: string): boolean {
  if (LINES.has(name)) return true;
  if (LAYOUT.has(name) && name !== 'body' && name !== 'article' && name !== 'main') {
    return Array.from(el.children).every((child) => INLINE.has(child.localName.toLowerCase()));
  }
  if (!INLINE.has(name)) return false;
  const parent = el.parentNode;
  if (!parent || !isElement(parent) || !LAYOUT.has(parent.localName.toLowerCase())) return false;
  for (let c = parent.firstChild; c; c = c.nextSibling) if (isText(c) && c.data.trim() !== '') return false;
  return true;
}

function picturesOfFigure(caption: DomElement): DomElement[] {
  for (let node = caption.parentNode; node && isElement(node); node = node.parentNode) {
    if (node.localName.toLowerCase() === 'figure') return Array.from(node.querySelectorAll('img'));
  }
  return [];
}

function insideQuote(el: DomElement): boolean {
  for (let node = el.parentNode; node && isElement(node); node = node.parentNode) if (node.localName.toLowerCase() === 'blockquote') return true;
  return false;
}

const wordsOf = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];

/** A test for links to another page of the page's own site (not to a place in the page itself). */
function siteLinkTest(pageUrl: string | undefined): (link: DomElement) => boolean {
  let page: URL;
  try {
    if (pageUrl === undefined) return () => false;
    page = new URL(pageUrl);
  } catch {
    return () => false;
  }
  const site = page.hostname.replace(/^www\./, '');
  return (link) => {
    const href = link.getAttribute('href')?.trim();
    if (!href || href.startsWith('#')) return false;
    try {
      const target = new URL(href, page);
      return target.hostname.replace(/^www\./, '') === site && target.pathname !== page.pathname;
    } catch {
      return false;
    }
  };
}

/** A line's text, and how many of its letters are inside links to other pages of the site. */
function textAndLinks(root: DomNode, siteLink: (link: DomElement) => boolean): { text: string; linked: number } {
  let text = '';
  let linked = 0;
  const steps: [DomNode, boolean][] = [[root, false]];
  while (steps.length > 0) {
    const [node, inLink] = steps.pop()!;
    if (isText(node)) {
      text += node.data;
      if (inLink) linked += node.data.replace(/\s+/g, '').length;
      continue;
    }
    if (!isElement(node)) continue;
    const name = node.localName.toLowerCase();
    if (name === 'script' || name === 'style') continue;
    const children: DomNode[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) children.push(c);
    const linking = inLink || (name === 'a' && siteLink(node));
    for (let i = children.length - 1; i >= 0; i--) steps.push([children[i]!, linking]);
  }
  return { text, linked };
}

const isAllLinks = (text: string, linked: number) => linked >= text.replace(/\s+/g, '').length * LINKED_SHARE;

const DATE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{1,2}:\d{2}\b/i;
const DATELINE_START = /^\s*(?:by|published|updated|posted|last updated|first published)\b/i;
/** A sentence's end (not an abbreviation's full stop), which a dateline does not have. */
const SENTENCE_END = /[.!?]["”’)]?$/;

/** Words a line giving a date and time is made of. */
const DATE_WORDS = /^(?:\d+|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|am|pm|a|m|p|\d+(?:am|pm)|at|on|updated|published|posted|gmt|utc|et|est|edt|ct|cst|cdt|pt|pst|pdt|hst|bst|cet)$/i;
/** Share of a line's words that are date words from which the line is a date, whatever else it says. */
const DATE_SHARE = 0.7;

/** "Published: 10:48, Tue, Nov 19, 2019", "By A. Writer | November 18, 2019": who and when, not what. */
function isDateline(text: string, words: string[]): boolean {
  if (words.length > MAX_DATELINE_WORDS) return false;
  const mostlyDate = words.filter((w) => DATE_WORDS.test(w)).length >= words.length * DATE_SHARE;
  if (!DATELINE_START.test(text) && !(DATE.test(text) && (words.length <= MAX_DATELINE_WORDS / 2 || mostlyDate))) return false;
  return !SENTENCE_END.test(text.trim().replace(/\b(?:a\.m|p\.m|st|jr|dr|mr|mrs|ms)\.$/i, ''));
}

/** "(Image: Getty)", "Photo: Hau Dinh, AP", "… (Photo by Kevin Mazur/Getty Images)": whose picture it was. */
const PICTURE_CREDIT = /^\(?(?:image|photo|picture|graphic|video)s?(?: credit| copyright| caption| source)?\s*[:©]|\((?:image|photo|picture)s?(?: credit)?\s*:[^)]*\)$|\((?:photo|image|picture)s? by [^)]*\)$|(?:getty images|shutterstock|\bafp|associated press|reuters|\bap photo)\s*\)?$/i;

/** A copyright notice, or a page's address written out on a line of its own (a print header, a share link). */
const NOTICE = /^(?:[©ⓒ]|\(c\)|copyright\b)|\ball rights reserved\b|^(?:https?:\/\/|www\.)\S+$/i;
const MAX_SHORT_NOTICE_WORDS = 12;
const isNotice = (text: string, words: string[]) => NOTICE.test(text.trim()) || (words.length <= MAX_SHORT_NOTICE_WORDS && /[©ⓒ]/.test(text));

/** The closing lines of a news article about how it was made, and invitations to follow the site elsewhere. */
const CLOSING = [
  /^(?:additional )?reporting by\b|^(?:editing|writing|compiled) by\b/i,
  /^(?:contributing|sources?|with [\w.]+ wires)\b\s*(?::|$)/i,
  /\bcontributed (?:to )?(?:this report|reporting\b.*)\.?$/i,
  /^follow (?:(?:us|me|him|her|them|@\w+|\w+) )?on\b/i,
  /^(?:if you (?:enjoyed|liked)|like) this (?:article|story|post)\b/i,
  /^(?:write|e-?mail) (?:to )?\p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*)* at \S+@\S+/u,
];

/** "Read more:", "Related:", "Advertisement", "Image 1 of 8": the site pointing elsewhere. */
const PROMPT = /^(?:read more|see more(?: photos)?|more|related(?: articles?| stories| posts| coverage| news)?|trending(?: now)?|latest(?: news| stories| articles)?|recent (?:articles|posts|stories)|popular(?: this week| now)?|most (?:popular|read|viewed|shared)|top stories|also read|read also|don['’]t miss|you may also like|recommended(?: for you)?|continue reading(?: below)?|advertisement|advert|sponsored(?: content)?|this slideshow requires javascript)\s*(?:[:.…»›|]|$)|^(?:image\s+)?\d+\s+of\s*\/?\s*\d+$/i;

/** Words of the share buttons a site puts around its articles. */
const SHARE_WORDS = new Set([
  'share', 'shares', 'sharing', 'facebook', 'twitter', 'whatsapp', 'pinterest', 'pint', 'pin', 'linkedin', 'reddit', 'email',
  'e', 'mail', 'print', 'tweet', 'copy', 'link', 'comments', 'comment', 'messenger', 'telegram', 'flipboard', 'tumblr',
  'baixar', 'download', 'submit', 'save', 'bookmark', 'and', 'this', 'article', 'story', 'on', 'via', 'x',
]);
/** Labels of a site's buttons and placeholders that land in the article as lines of their own ("Caption", "Close"). */
const CONTROL_WORDS = new Set(['caption', 'close', 'photo', 'image', 'video', 'gallery', 'advertisement', 'advert', 'ad', 'loading', 'content', 'highlights', 'enlarge', 'play', 'skip', 'to', 'main']);
const SIGN_UP = /\b(?:subscribe|newsletter|sign up|sign in|log in)\b/i;
const COOKIE_NOTICE = /\bcookies?\b.*\b(?:website|site|browser|browsing|consent|accept|privacy|experience)\b|\b(?:website|site|we use)\b.*\bcookies?\b/i;
const MAX_COUNTER_WORDS = 3;

/** Share buttons, sign-up and cookie prompts, and counters with no words ("6", "2.289"). */
function isSiteControl(text: string, words: string[]): boolean {
  const lower = words.map((w) => w.toLowerCase());
  if (lower.some((w) => SHARE_WORDS.has(w)) && lower.every((w) => SHARE_WORDS.has(w) || /^\d+$/.test(w))) return true;
  if (words.length <= MAX_COUNTER_WORDS && !/\p{L}/u.test(text)) return true;
  if (words.length <= MAX_COUNTER_WORDS && lower.every((w) => CONTROL_WORDS.has(w))) return true;
  return SIGN_UP.test(text) || COOKIE_NOTICE.test(text);
}
