import { MarginaliaError } from '../../shared/contract/errors.js';
import { TagSchema, type Highlight } from '../../shared/model.js';
import type { IndexEntry, Store } from './store/index.js';

/**
 * Tags across the library: counted, renamed (onto an existing tag: merged),
 * removed and put back. Tags nest as Obsidian writes them (`parent/child`):
 * renaming or removing `parent` takes its children with it.
 */

/** How many highlights carry a tag, and in how many articles. */
export interface TagCount {
  tag: string;
  highlights: number;
  articles: number;
}

/** What a rename did. */
export interface TagRenamed {
  /** Highlights whose tags changed. */
  highlights: number;
  articles: number;
  /** Whether the new name was already in use: the two tags are now one. */
  merged: boolean;
}

/** The tags one article's highlights lost (or get back). */
export interface TagsOfHighlights {
  articleId: string;
  highlights: { id: string; tags: string[] }[];
}

/** Highlights a tag was removed from, with the tags each lost: what restoreTags takes to put them back. */
export interface TagRemoved {
  tag: string;
  removedFrom: TagsOfHighlights[];
}

/** Whether `tag` is `name` or nested under it (`name/…`). */
export const isUnder = (tag: string, name: string): boolean => tag === name || tag.startsWith(`${name}/`);

/** A tag as the reader may type it (`#a/b`), checked: the tag itself, or an invalid-request error. */
export function tagName(typed: string): string {
  const parsed = TagSchema.safeParse(typed.trim().replace(/^#+/, ''));
  if (!parsed.success) throw new MarginaliaError('invalid-request', `"${typed}" is not a tag: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  return parsed.data;
}

/** Every tag in use, on articles and highlights, most used first (then by name): what autocomplete offers. */
export function tagsInUse(entries: readonly IndexEntry[]): string[] {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    for (const tag of entry.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    for (const [tag, n] of Object.entries(entry.highlightTags)) counts.set(tag, (counts.get(tag) ?? 0) + n);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => tag);
}

/** Every tag on a highlight, with counts, most used first (then by name). */
export function countTags(entries: readonly IndexEntry[]): TagCount[] {
  const counts = new Map<string, TagCount>();
  for (const entry of entries) {
    for (const [tag, n] of Object.entries(entry.highlightTags)) {
      const count = counts.get(tag) ?? { tag, highlights: 0, articles: 0 };
      count.highlights += n;
      count.articles += 1;
      counts.set(tag, count);
    }
  }
  return [...counts.values()].sort((a, b) => b.highlights - a.highlights || a.tag.localeCompare(b.tag));
}

/**
 * Renames `from` (and the tags nested under it) to `to` on every highlight,
 * one journal change per article that has it. A highlight that already had
 * the new name keeps it once. Renaming a tag under itself (`a` to `a/b`) is
 * refused: it would never end.
 */
export async function renameTag(store: Store, fromTyped: string, toTyped: string, now: () => Date): Promise<TagRenamed> {
  const from = tagName(fromTyped);
  const to = tagName(toTyped);
  if (from === to) return { highlights: 0, articles: 0, merged: false };
  if (isUnder(to, from)) throw new MarginaliaError('invalid-request', `#${from} cannot be renamed to #${to}, a tag nested under itself.`);
  const entries = await store.listEntries();
  const merged = entries.some((e) => Object.keys(e.highlightTags).some((t) => isUnder(t, to)));
  const renamed = (tag: string) => (isUnder(tag, from) ? to + tag.slice(from.length) : tag);
  let highlights = 0;
  let articles = 0;
  for (const entry of withTag(entries, from)) {
    const changed = await store.changeHighlights(entry.id, (file) => {
      let n = 0;
      const at = now().toISOString();
      file.highlights = file.highlights.map((h) => {
        if (!h.tags.some((t) => isUnder(t, from))) return h;
        n++;
        return { ...h, tags: [...new Set(h.tags.map(renamed))], updatedAt: at };
      });
      return n;
    });
    highlights += changed;
    if (changed > 0) articles++;
  }
  return { highlights, articles, merged };
}

/** Removes `tag` (and the tags nested under it) from every highlight; the answer says where, so it can be put back. */
export async function removeTag(store: Store, typed: string, now: () => Date): Promise<TagRemoved> {
  const tag = tagName(typed);
  const removedFrom: TagRemoved['removedFrom'] = [];
  for (const entry of withTag(await store.listEntries(), tag)) {
    const highlights = await store.changeHighlights(entry.id, (file) => {
      const lost: TagsOfHighlights['highlights'] = [];
      const at = now().toISOString();
      file.highlights = file.highlights.map((h) => {
        const gone = h.tags.filter((t) => isUnder(t, tag));
        if (gone.length === 0) return h;
        lost.push({ id: h.id, tags: gone });
        return { ...h, tags: h.tags.filter((t) => !isUnder(t, tag)), updatedAt: at };
      });
      return lost;
    });
    if (highlights.length > 0) removedFrom.push({ articleId: entry.id, highlights });
  }
  return { tag, removedFrom };
}

/**
 * Puts tags back on highlights (the undo of removeTag: `tags` are the ones
 * each highlight lost). Highlights deleted since are skipped, not an error.
 */
export async function restoreTags(store: Store, restored: readonly TagsOfHighlights[], now: () => Date): Promise<{ highlights: number }> {
  let count = 0;
  for (const { articleId, highlights } of restored) {
    const lost = new Map(highlights.map((h) => [h.id, h.tags.map(tagName)]));
    count += await store.changeHighlights(articleId, (file) => {
      let n = 0;
      const at = now().toISOString();
      file.highlights = file.highlights.map((h): Highlight => {
        const tags = lost.get(h.id);
        if (!tags) return h;
        n++;
        return { ...h, tags: [...new Set([...h.tags, ...tags])], updatedAt: at };
      });
      return n;
    });
  }
  return { highlights: count };
}

/** The entries whose highlights carry `tag` or a tag nested under it. */
function withTag(entries: readonly IndexEntry[], tag: string): IndexEntry[] {
  return entries.filter((e) => e.unavailable === undefined && Object.keys(e.highlightTags).some((t) => isUnder(t, tag)));
}
