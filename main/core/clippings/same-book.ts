/**
 * Whether a Kindle's book and a library article are the same book: the same
 * title and the same authors, compared without case, accents or punctuation.
 * Titles also match by their main part (before a `:` subtitle, without
 * bracketed additions such as `(French Edition)` or an ISBN), and authors as
 * a set of names in any order, so `Little, Brian R.` is `Brian R. Little`.
 * A book whose Kindle line names no author matches only an article without one.
 */
export function sameBook(kindle: { title: string; creators: readonly string[] }, article: { title: string; authors: readonly string[] }): boolean {
  return sameTitle(kindle.title, article.title) && sameAuthors(kindle.creators, article.authors);
}

/**
 * The same authors: the same names in any order, or one side naming some of
 * the other's (a Kindle often names only the first of a book's authors).
 * No author on either side matches only no author on the other.
 */
function sameAuthors(a: readonly string[], b: readonly string[]): boolean {
  const namesA = authorKey(a).split(' ').filter(Boolean);
  const namesB = new Set(authorKey(b).split(' ').filter(Boolean));
  if (namesA.length === 0 || namesB.size === 0) return namesA.length === namesB.size;
  const inB = namesA.filter((n) => namesB.has(n)).length;
  return inB === namesA.length || inB === namesB.size;
}

/** One key per book, to group a file's clippings (the same book written two ways is one book). */
export function bookKey(book: { title: string; creators: readonly string[] }): string {
  return `${titleKeys(book.title)[0]}|${authorKey(book.creators)}`;
}

export function sameTitle(a: string, b: string): boolean {
  const keysA = titleKeys(a);
  const keysB = titleKeys(b);
  return keysA.some((key) => key.length > 0 && keysB.includes(key));
}

/** The title's key, then its main part's key (before a subtitle, without bracketed additions). */
function titleKeys(title: string): string[] {
  const whole = words(title);
  const main = words(title.replace(/\([^()]*\)|\[[^[\]]*\]/g, ' ').split(/\s:|:\s/)[0]!);
  return main === whole ? [whole] : [whole, main];
}

/** Words that join or introduce names rather than being one. */
const NOT_NAMES = new Set(['by', 'and', 'with', 'et', 'par', 'avec', 'und', 'von']);

function authorKey(names: readonly string[]): string {
  const tokens = names.flatMap((name) => words(name).split(' ')).filter((t) => t.length > 0 && !NOT_NAMES.has(t));
  return [...new Set(tokens)].sort().join(' ');
}

/** Lower case, accents and punctuation dropped, single spaces. */
function words(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
