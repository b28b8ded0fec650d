import type { ParsedQuery, QueryWord } from './query.js';
import type { Vocabulary } from './vocabulary.js';

/**
 * A query word becomes a group of indexed words, each with a weight: the word
 * itself; the words it begins, when it is the last word; the words a typo
 * away, when it is long enough and the library does not know it as typed (or
 * barely: a word typed right is trusted, so `whale` does not also find
 * `while`). A document has the query word when it has any word of its group,
 * and scores by the best one it has.
 */
export interface WordGroup {
  words: { word: string; weight: number }[];
}

/** The word as typed. */
export const EXACT_WEIGHT = 1;
/** A word the typed one begins: probably meant, less surely. */
export const PREFIX_WEIGHT = 0.7;
/** A word one, two typos away: perhaps meant. */
export const TYPO_WEIGHTS = [EXACT_WEIGHT, 0.5, 0.3] as const;
/** Typos are looked for when the word as typed is in fewer documents than this. */
export const TYPO_WHEN_FEWER_THAN = 3;
/** At most this many words per prefix, the shortest first ("whal": whale, whaler, whales… before whalebones). */
export const MAX_PREFIX_WORDS = 50;
/**
 * And at most about this many documents for them all: "th" begins the most
 * common words of the language, and the words a reader is typing towards are
 * rarely those.
 */
export const MAX_PREFIX_DOCUMENTS = 30_000;
/** At most this many words a typo away (the closest, then the most frequent). */
export const MAX_TYPO_WORDS = 10;
/**
 * A phrase word in more than this share of all documents ("the", "it") is
 * not used to find candidates, only to check them: it is in nearly every
 * passage anyway, and reading its documents is most of a query's cost. The
 * rarest word of a phrase is always used.
 */
export const PHRASE_WORD_TOO_COMMON = 0.2;
/** At most this many groups: a match is a bit set of groups, one 32-bit integer. */
export const MAX_GROUPS = 32;

/** What the groups need to know of the index. */
export interface WordStatistics {
  readonly vocabulary: Vocabulary;
  /** How many documents hold the word. */
  documentFrequency(word: string): number;
  /** How many documents there are. */
  liveDocuments(): number;
}

function groupOf(query: QueryWord, index: WordStatistics): WordGroup {
  const words = new Map<string, number>();
  const known = index.vocabulary.has(query.text);
  if (known) words.set(query.text, EXACT_WEIGHT);
  if (query.prefix) {
    const begun = index.vocabulary
      .withPrefix(query.text)
      .filter((w) => w !== query.text)
      .sort((a, b) => a.length - b.length);
    let documents = 0;
    let taken = 0;
    for (const word of begun) {
      if (taken >= MAX_PREFIX_WORDS) break;
      const frequency = index.documentFrequency(word);
      if (documents > 0 && documents + frequency > MAX_PREFIX_DOCUMENTS) continue;
      documents += frequency;
      taken++;
      words.set(word, PREFIX_WEIGHT);
    }
  }
  if (query.typos > 0 && (!known || index.documentFrequency(query.text) < TYPO_WHEN_FEWER_THAN)) {
    const frequency = new Map<string, number>();
    const near = index.vocabulary
      .near(query.text, query.typos)
      .filter((n) => !words.has(n.word))
      .map((n) => (frequency.set(n.word, index.documentFrequency(n.word)), n))
      .sort((a, b) => a.distance - b.distance || frequency.get(b.word)! - frequency.get(a.word)!)
      .slice(0, MAX_TYPO_WORDS);
    for (const n of near) words.set(n.word, TYPO_WEIGHTS[n.distance]!);
  }
  return { words: [...words].map(([word, weight]) => ({ word, weight })) };
}

/** The words of a phrase that find its candidates: all but the too common, and at least the rarest. */
function phraseWords(phrase: readonly string[], index: WordStatistics): string[] {
  const common = PHRASE_WORD_TOO_COMMON * index.liveDocuments();
  const byRarity = [...new Set(phrase)].map((word) => ({ word, frequency: index.documentFrequency(word) })).sort((a, b) => a.frequency - b.frequency);
  return byRarity.filter((w, i) => i === 0 || w.frequency <= common).map((w) => w.word);
}

/**
 * The groups of a query: one per word, and one per candidate-finding word of
 * each phrase (matched exactly; the phrase itself is checked on the text
 * afterwards). A repeated word makes one group. Beyond `MAX_GROUPS`, words
 * are ignored.
 */
export function wordGroups(query: ParsedQuery, index: WordStatistics): WordGroup[] {
  const groups: WordGroup[] = [];
  const seen = new Set<string>();
  const add = (key: string, make: () => WordGroup) => {
    if (seen.has(key) || groups.length >= MAX_GROUPS) return;
    seen.add(key);
    groups.push(make());
  };
  for (const word of query.words) add(`${word.prefix ? 'p' : 'w'}${word.typos}:${word.text}`, () => groupOf(word, index));
  for (const phrase of query.phrases) {
    // A word of the phrase found nowhere: nothing has the phrase.
    if (phrase.some((word) => !index.vocabulary.has(word))) add(`e:${phrase.join(' ')}`, () => ({ words: [] }));
    else for (const word of phraseWords(phrase, index)) add(`e:${word}`, () => ({ words: [{ word, weight: EXACT_WEIGHT }] }));
  }
  return groups;
}
