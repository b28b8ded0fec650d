import { Catalog, DocumentKind, type TagLookup } from './catalog.js';
import { bitCount } from './edit-distance.js';
import { foldedWords } from './fold.js';
import { ARTICLE_BITS, HIGHLIGHT_BITS, matchList, type MatchList } from './match-list.js';
import type { WordGroup } from './word-groups.js';

/**
 * Scoring: which articles and highlights have every word group of a query,
 * and how well. A word scores its rarity (idf: ln(1 + documents / documents
 * with the word)) times its weight in the group (exact, prefix, typo) times
 * the weight of the field it is in. Articles: the meta fields add up; of the
 * text, the passage holding the most groups counts, less when the words are
 * scattered over several passages, a little more for each further passage
 * that holds them all. Highlights: quote, note and tags add up.
 *
 * Work is proportional to the documents the query's words are in: per-slot
 * arrays are reused between queries (stamped, never cleared) and no object
 * is made per document or per match.
 */

/** How much a word counts in each field of an article, against its text. */
export const ARTICLE_FIELD_WEIGHTS = { title: 4, byline: 3, siteName: 2, tags: 3, text: 1 } as const;
/** How much a word counts in each field of a highlight: the reader's own words (note, tags) more than the quote. */
export const HIGHLIGHT_FIELD_WEIGHTS = { quote: 1, note: 1.5, tags: 3 } as const;
/** Tags have no document counts: a tag word scores as a word this rare (a word in about one document of 50). */
export const TAG_WORD_IDF = 4;
/** The words found in different passages of an article, not together in one: worth less. */
export const SCATTERED_WEIGHT = 0.5;
/** Each further passage holding every word adds this much, by logarithm (a chapter about it beats a mention). */
export const DEPTH_WEIGHT = 0.15;

/**
 * What matched and passed the filters, unranked. The lists are the
 * matcher's own, valid until its next query: a caller that waits between
 * reading them (phrase checks reading texts) keeps copies (`keptList`).
 */
export interface Matches {
  articles: MatchList;
  highlights: MatchList;
  /** For each matching article (by slot), its passages that hold every group, best first; only when asked for (phrases). */
  phrasePassages: Map<number, number[]>;
  /** The indexed words found in some document. */
  words: string[];
}

/** Where the words' documents are. */
export interface DocumentSource {
  readonly catalog: Catalog;
  documentFrequency(word: string): number;
  /** The lists of documents a word is in (stored, then live), each ascending; a document is in one list only. */
  lists(word: string): ArrayLike<number>[];
  /** Documents not removed: what idf counts. */
  liveDocuments(): number;
}

export interface MatchOptions {
  /** Collect `phrasePassages`. */
  phrasePassages: boolean;
  /** Match articles at all (filters on colour or notes rule them out). */
  withArticles: boolean;
  articlePasses(slot: number): boolean;
  highlightPasses(slot: number): boolean;
  /** When filters narrow the search: marks the owners they allow (see filters.ts). */
  seed?: (highlightBase: number, mark: (owner: number) => void) => void;
}

const idf = (documents: number, frequency: number): number => Math.log(1 + documents / Math.max(1, frequency));

/**
 * The matcher and its working arrays, per document and per owner (article
 * slots, then highlight slots after them). They are kept between queries:
 * a cell counts only when its stamp is this query's, so nothing as large as
 * the index is cleared per query. A query runs synchronously from start to
 * end, so concurrent searches never share them.
 */
export class Matcher {
  private readonly tagWords = new Map<string, string[]>();
  private query = 0;
  // Per document.
  private stamp = new Int32Array(0);
  private groupStamp = new Int32Array(0);
  private best = new Float64Array(0);
  private mask = new Uint32Array(0);
  private total = new Float64Array(0);
  private touched = new Int32Array(0);
  private inGroup = new Int32Array(0);
  private touchedCount = 0;
  // Per owner.
  private ownerStamp = new Int32Array(0);
  private ownerMask = new Uint32Array(0);
  private ownerMeta = new Uint32Array(0);
  private ownerScore = new Float64Array(0);
  private ownerFields = new Uint8Array(0);
  private ownerPassage = new Int32Array(0);
  private ownerFull = new Int32Array(0);
  private owners = new Int32Array(0);
  private ownerCount = 0;
  /** Candidate owners: those marked with the current epoch (two a query: by the filters, then by the rarest group). */
  private candidate = new Int32Array(0);
  private epoch = 0;
  // The lists a query returns.
  private articleList = matchList(0);
  private highlightList = matchList(0);

  constructor(private readonly source: DocumentSource) {}

  /** Everything that has every group, in any of its fields, and passes the filters. */
  match(groups: readonly WordGroup[], options: MatchOptions): Matches {
    const { catalog } = this.source;
    const highlightBase = catalog.articles.length;
    this.begin(catalog.documentCount, highlightBase + catalog.highlightSlots);
    const words: string[] = [];
    // Filters first, then the rarest group: whatever matches passes them and has it, so only their owners are candidates.
    let pruning = false;
    if (options.seed) {
      const epoch = ++this.epoch;
      options.seed(highlightBase, (owner) => (this.candidate[owner] = epoch));
      pruning = true;
    }
    const frequency = groups.map((group) => group.words.reduce((n, w) => n + this.source.documentFrequency(w.word), 0));
    const order = groups.map((_, g) => g).sort((a, b) => frequency[a]! - frequency[b]!);
    order.forEach((g, rank) => {
      this.scoreGroup(groups[g]!, g, words, { prune: pruning, highlightBase, withArticles: options.withArticles });
      if (rank === 0) this.narrowCandidates(groups[g]!, highlightBase, options.withArticles, pruning);
      pruning = true;
    });
    const all = groups.length >= 32 ? 0xffffffff : (1 << groups.length) - 1;
    const phrasePassages = new Map<number, number[]>();
    this.collectOwners(highlightBase, all, options, phrasePassages);
    groups.forEach((group, g) => this.matchTags(group, g, highlightBase, options.withArticles));
    return { ...this.finish(highlightBase, all, options), phrasePassages: this.sortPassages(phrasePassages), words };
  }

  private begin(documents: number, owners: number): void {
    if (this.stamp.length < documents) {
      const size = Math.max(documents, this.stamp.length * 2, 1024);
      this.stamp = new Int32Array(size);
      this.groupStamp = new Int32Array(size);
      this.best = new Float64Array(size);
      this.mask = new Uint32Array(size);
      this.total = new Float64Array(size);
      this.touched = new Int32Array(size);
      this.inGroup = new Int32Array(size);
    }
    if (this.ownerStamp.length < owners) {
      const size = Math.max(owners, this.ownerStamp.length * 2, 1024);
      this.ownerStamp = new Int32Array(size);
      this.ownerMask = new Uint32Array(size);
      this.ownerMeta = new Uint32Array(size);
      this.ownerScore = new Float64Array(size);
      this.ownerFields = new Uint8Array(size);
      this.ownerPassage = new Int32Array(size);
      this.ownerFull = new Int32Array(size);
      this.owners = new Int32Array(size);
      this.candidate = new Int32Array(size);
    }
    this.query++;
    this.touchedCount = 0;
    this.ownerCount = 0;
  }

  /**
   * 1. Sets group g's bit on every document with a word of the group, and
   * adds the best such word's score. `prune`: only documents whose owner is
   * a candidate (has the rarest group).
   */
  private scoreGroup(group: WordGroup, g: number, words: string[], scope: { prune: boolean; highlightBase: number; withArticles: boolean }): void {
    const documents = Math.max(1, this.source.liveDocuments());
    const kinds = this.source.catalog.kinds.values;
    const docOwners = this.source.catalog.owners.values;
    const { prune, highlightBase, withArticles } = scope;
    const { stamp, mask, total, touched, candidate, groupStamp, best, inGroup } = this;
    const query = this.query;
    const epoch = this.epoch;
    const thisGroup = query * 64 + g;
    const bit = 1 << g;
    // With one word, each document comes once and its score is the word's: straight to the document.
    if (group.words.length === 1) {
      const { word, weight } = group.words[0]!;
      const score = idf(documents, this.source.documentFrequency(word)) * weight;
      let seen = false;
      for (const list of this.source.lists(word)) {
        for (let i = 0; i < list.length; i++) {
          const doc = list[i]!;
          const kind = kinds[doc]!;
          if (kind === DocumentKind.dead) continue;
          const article = kind < DocumentKind.quote;
          if (article && !withArticles) continue;
          if (prune && candidate[article ? docOwners[doc]! : highlightBase + docOwners[doc]!] !== epoch) continue;
          seen = true;
          if (stamp[doc] !== query) {
            stamp[doc] = query;
            mask[doc] = bit;
            total[doc] = score;
            touched[this.touchedCount++] = doc;
          } else {
            mask[doc] = mask[doc]! | bit;
            total[doc] = total[doc]! + score;
          }
        }
      }
      if (seen) words.push(word);
      return;
    }
    // Several words (a prefix's, a typo's): a document may come under more than one, and the best counts.
    let inGroupCount = 0;
    for (const { word, weight } of group.words) {
      const score = idf(documents, this.source.documentFrequency(word)) * weight;
      let seen = false;
      for (const list of this.source.lists(word)) {
        for (let i = 0; i < list.length; i++) {
          const doc = list[i]!;
          const kind = kinds[doc]!;
          if (kind === DocumentKind.dead) continue;
          const article = kind < DocumentKind.quote;
          if (article && !withArticles) continue;
          if (prune && candidate[article ? docOwners[doc]! : highlightBase + docOwners[doc]!] !== epoch) continue;
          seen = true;
          if (groupStamp[doc] !== thisGroup) {
            groupStamp[doc] = thisGroup;
            best[doc] = score;
            inGroup[inGroupCount++] = doc;
          } else if (score > best[doc]!) best[doc] = score;
        }
      }
      if (seen) words.push(word);
    }
    for (let i = 0; i < inGroupCount; i++) {
      const doc = inGroup[i]!;
      if (stamp[doc] !== query) {
        stamp[doc] = query;
        mask[doc] = bit;
        total[doc] = best[doc]!;
        touched[this.touchedCount++] = doc;
      } else {
        mask[doc] = mask[doc]! | bit;
        total[doc] = total[doc]! + best[doc]!;
      }
    }
  }

  /**
   * After the rarest group: the candidates become its documents' owners and
   * the owners of tags with its words (among the filters' candidates, when
   * `filtered`).
   */
  private narrowCandidates(group: WordGroup, highlightBase: number, withArticles: boolean, filtered: boolean): void {
    const { catalog } = this.source;
    const kinds = catalog.kinds.values;
    const docOwners = catalog.owners.values;
    const before = this.epoch;
    const epoch = ++this.epoch;
    const mark = (owner: number) => {
      if (!filtered || this.candidate[owner] === before) this.candidate[owner] = epoch;
    };
    // The touched documents are the group's, already among the filters' candidates.
    for (let t = 0; t < this.touchedCount; t++) {
      const doc = this.touched[t]!;
      this.candidate[kinds[doc]! < DocumentKind.quote ? docOwners[doc]! : highlightBase + docOwners[doc]!] = epoch;
    }
    const weights = new Map(group.words.map((w) => [w.word, w.weight]));
    for (const [tag, slots] of catalog.highlightsByTag.map) {
      if (this.tagWeight(tag, weights) > 0) for (const slot of slots) mark(highlightBase + slot);
    }
    if (!withArticles) return;
    for (const [tag, slots] of catalog.articlesByTag.map) {
      if (this.tagWeight(tag, weights) > 0) for (const slot of slots) mark(slot);
    }
  }

  private touch(owner: number): void {
    if (this.ownerStamp[owner] === this.query) return;
    this.ownerStamp[owner] = this.query;
    this.ownerMask[owner] = 0;
    this.ownerMeta[owner] = 0;
    this.ownerScore[owner] = 0;
    this.ownerFields[owner] = 0;
    this.ownerPassage[owner] = -1;
    this.ownerFull[owner] = 0;
    this.owners[this.ownerCount++] = owner;
  }

  /** 2. Each touched document's groups and score go to its owner. */
  private collectOwners(highlightBase: number, all: number, options: MatchOptions, phrasePassages: Map<number, number[]>): void {
    const { catalog } = this.source;
    const kinds = catalog.kinds.values;
    const docOwners = catalog.owners.values;
    const { mask: masks, total: totals, touched, ownerMask, ownerMeta, ownerScore, ownerFields, ownerPassage, ownerFull } = this;
    for (let t = 0; t < this.touchedCount; t++) {
      const doc = touched[t]!;
      const kind = kinds[doc]!;
      const mask = masks[doc]!;
      const total = totals[doc]!;
      if (kind === DocumentKind.quote || kind === DocumentKind.note) {
        const owner = highlightBase + docOwners[doc]!;
        this.touch(owner);
        ownerMask[owner] = ownerMask[owner]! | mask;
        const quote = kind === DocumentKind.quote;
        ownerScore[owner] = ownerScore[owner]! + total * (quote ? HIGHLIGHT_FIELD_WEIGHTS.quote : HIGHLIGHT_FIELD_WEIGHTS.note);
        ownerFields[owner] = ownerFields[owner]! | (quote ? HIGHLIGHT_BITS.quote : HIGHLIGHT_BITS.note);
        continue;
      }
      if (!options.withArticles) continue;
      const owner = docOwners[doc]!;
      this.touch(owner);
      ownerMask[owner] = ownerMask[owner]! | mask;
      if (kind === DocumentKind.passage) {
        ownerFields[owner] = ownerFields[owner]! | ARTICLE_BITS.text;
        const best = ownerPassage[owner]!;
        if (best < 0) ownerPassage[owner] = doc;
        else if (mask !== masks[best]) {
          if (bitCount(mask) > bitCount(masks[best]!)) ownerPassage[owner] = doc;
        } else if (total > totals[best]!) ownerPassage[owner] = doc;
        if (mask === all) {
          ownerFull[owner] = ownerFull[owner]! + 1;
          if (options.phrasePassages) {
            let list = phrasePassages.get(owner);
            if (!list) phrasePassages.set(owner, (list = []));
            list.push(doc);
          }
        }
      } else {
        const title = kind === DocumentKind.title;
        const byline = kind === DocumentKind.byline;
        const weight = title ? ARTICLE_FIELD_WEIGHTS.title : byline ? ARTICLE_FIELD_WEIGHTS.byline : ARTICLE_FIELD_WEIGHTS.siteName;
        const bit = title ? ARTICLE_BITS.title : byline ? ARTICLE_BITS.byline : ARTICLE_BITS.siteName;
        ownerMeta[owner] = ownerMeta[owner]! | mask;
        ownerScore[owner] = ownerScore[owner]! + total * weight;
        ownerFields[owner] = ownerFields[owner]! | bit;
      }
    }
  }

  /** 3. Tags hold words too (`war/napoleon` has `napoleon`) but no documents: matched by name. */
  private matchTags(group: WordGroup, g: number, highlightBase: number, withArticles: boolean): void {
    const { catalog } = this.source;
    const weights = new Map(group.words.map((w) => [w.word, w.weight]));
    const bit = 1 << g;
    const owners: [TagLookup, number, number, number][] = [[catalog.highlightsByTag, highlightBase, HIGHLIGHT_FIELD_WEIGHTS.tags, HIGHLIGHT_BITS.tags]];
    if (withArticles) owners.push([catalog.articlesByTag, 0, ARTICLE_FIELD_WEIGHTS.tags, ARTICLE_BITS.tags]);
    for (const [lookup, base, fieldWeight, fieldBit] of owners) {
      for (const [tag, slots] of lookup.map) {
        const weight = this.tagWeight(tag, weights);
        if (weight === 0) continue;
        for (const slot of slots) {
          const owner = base + slot;
          this.touch(owner);
          this.ownerMask[owner] = this.ownerMask[owner]! | bit;
          if (base === 0) this.ownerMeta[owner] = this.ownerMeta[owner]! | bit;
          this.ownerScore[owner] = this.ownerScore[owner]! + TAG_WORD_IDF * weight * fieldWeight;
          this.ownerFields[owner] = this.ownerFields[owner]! | fieldBit;
        }
      }
    }
  }

  /** 4. The owners with every group, through the filters, scored. */
  private finish(highlightBase: number, all: number, options: MatchOptions): { articles: MatchList; highlights: MatchList } {
    if (this.highlightList.slots.length < this.ownerCount) {
      const size = Math.max(this.ownerCount, this.highlightList.slots.length * 2);
      this.articleList = matchList(size);
      this.highlightList = matchList(size);
    }
    const articles = this.articleList;
    const highlights = this.highlightList;
    articles.length = 0;
    highlights.length = 0;
    const { owners, ownerMask, ownerMeta, ownerScore, ownerFields, ownerPassage, ownerFull, mask: masks, total: totals } = this;
    for (let o = 0; o < this.ownerCount; o++) {
      const owner = owners[o]!;
      if (ownerMask[owner] !== all) continue;
      if (owner >= highlightBase) {
        const slot = owner - highlightBase;
        if (!options.highlightPasses(slot)) continue;
        const i = highlights.length++;
        highlights.slots[i] = slot;
        highlights.scores[i] = ownerScore[owner]!;
        highlights.fields[i] = ownerFields[owner]!;
        highlights.passages[i] = -1;
        continue;
      }
      if (!options.articlePasses(owner)) continue;
      const passage = ownerPassage[owner]!;
      let score = ownerScore[owner]!;
      if (passage >= 0) {
        // The groups the meta fields lack must come from the text: from one passage, or scattered over several.
        const fromText = (all & ~ownerMeta[owner]!) >>> 0;
        const scattered = ((masks[passage]! & fromText) >>> 0) !== fromText;
        score += totals[passage]! * ARTICLE_FIELD_WEIGHTS.text * (scattered ? SCATTERED_WEIGHT : 1) * (1 + DEPTH_WEIGHT * Math.log(1 + ownerFull[owner]!));
      }
      const i = articles.length++;
      articles.slots[i] = owner;
      articles.scores[i] = score;
      articles.fields[i] = ownerFields[owner]!;
      articles.passages[i] = passage;
    }
    return { articles, highlights };
  }

  /** Each article's passages with every group, best first. */
  private sortPassages(passages: Map<number, number[]>): Map<number, number[]> {
    for (const list of passages.values()) list.sort((a, b) => this.total[b]! - this.total[a]!);
    return passages;
  }

  /** The weight of the best word of the group a tag has (0: none). */
  private tagWeight(tag: string, weights: Map<string, number>): number {
    let words = this.tagWords.get(tag);
    if (!words) this.tagWords.set(tag, (words = foldedWords(tag)));
    let best = 0;
    for (const word of words) best = Math.max(best, weights.get(word) ?? 0);
    return best;
  }
}
