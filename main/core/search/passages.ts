import { TextIndex } from '../../../shared/anchoring/text-index.js';
import { codePoints, utf16, type CodePointOffset } from '../../../shared/offsets.js';

/**
 * An article's text is indexed in passages of about `PASSAGE_LENGTH`
 * characters, so a hit says where in the article it is, and the words of a
 * query are looked for near each other, not anywhere in a book.
 */

/** About how long a passage is (UTF-16 units): a few paragraphs. */
export const PASSAGE_LENGTH = 1500;
/** A passage ends at a paragraph break when there is one this far either side of `PASSAGE_LENGTH`. */
const PARAGRAPH_SLACK = 500;
/**
 * Each passage also indexes this much of the next one (code points), so a
 * phrase or a pair of words that straddles the cut is still found in one
 * passage. The hit's range stays the passage's own.
 */
export const PASSAGE_OVERLAP = 120;
/** The overlap ends at a word boundary at most this much further on. */
const WORD_SLACK = 40;

/** A passage of an article: its own range in code points, and the text the index reads for it. */
export interface Passage {
  start: CodePointOffset;
  end: CodePointOffset;
  /** The passage's text and the overlap into the next one. */
  indexed: string;
}

/** Where the passage that starts at `from` ends (UTF-16): at a paragraph break near the target length, else at a space. */
function passageEnd(text: string, from: number): number {
  const target = from + PASSAGE_LENGTH;
  if (target + PARAGRAPH_SLACK >= text.length) return text.length;
  const after = text.indexOf('\n', target);
  const before = text.lastIndexOf('\n', target);
  if (after >= 0 && after - target <= PARAGRAPH_SLACK) return after + 1;
  if (before > from && target - before <= PARAGRAPH_SLACK) return before + 1;
  const space = text.indexOf(' ', target);
  return space >= 0 && space - target <= PARAGRAPH_SLACK ? space + 1 : safeCut(text, target);
}

/** `at`, moved off the middle of a surrogate pair. */
function safeCut(text: string, at: number): number {
  const c = text.charCodeAt(at);
  return c >= 0xdc00 && c <= 0xdfff ? at + 1 : at;
}

/** Cuts an article's text into passages that together cover it exactly once (not counting overlaps). */
export function cutPassages(text: string): Passage[] {
  const index = new TextIndex(text);
  const passages: Passage[] = [];
  for (let from = 0; from < text.length; ) {
    const end = passageEnd(text, from);
    let overlapEnd: number = index.toUtf16(codePoints(index.toCodePoint(utf16(end)) + PASSAGE_OVERLAP));
    const space = text.slice(overlapEnd, overlapEnd + WORD_SLACK).search(/\s/);
    overlapEnd = space >= 0 ? overlapEnd + space : overlapEnd;
    passages.push({
      start: index.toCodePoint(utf16(from)),
      end: index.toCodePoint(utf16(end)),
      indexed: text.slice(from, overlapEnd),
    });
    from = end;
  }
  return passages;
}

/** How far past a passage's end a phrase check reads: the overlap, and the word it ends in. */
export const PHRASE_CHECK_REACH = PASSAGE_OVERLAP + WORD_SLACK;
