import type { MarginaliaApi, Response } from '../../shared/contract/schemas.js';
import { isUnder, type LibraryView } from '../sidebar/library-view.js';
import type { Store } from './store.js';

/** A tag in use, with how many highlights and articles carry it. */
export type TagCount = Response<'listTagCounts'>[number];
/** What removing a tag took away: what restoring it puts back. */
export type TagRemoval = Response<'removeTag'>;

/** What the reader can do with tags across the library (part of Actions). */
export interface TagActions {
  listTagCounts(): Promise<TagCount[]>;
  /** Renames a tag (with the tags nested under it) everywhere, saying whether it merged into one in use; false when refused. */
  renameTag(from: string, to: string): Promise<boolean>;
  /** Removes a tag (with the tags nested under it) from every highlight; answers what restoreTags takes to undo it, or null. */
  removeTag(tag: string): Promise<TagRemoval | null>;
  restoreTags(removal: TagRemoval): Promise<void>;
}

/** "1 highlight", "3 highlights". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** What the tag actions need of the others. */
export interface TagActionDeps {
  api: MarginaliaApi;
  store: Store;
  report(error: unknown): void;
  /** Says what was done, in a notice. */
  tell(message: string): void;
  /** After tags changed across the library: the open article's highlights as they are now. */
  tagsChanged(): Promise<void>;
  setLibraryView(patch: Partial<LibraryView>): void;
}

/**
 * The actions on tags across the library: counting, renaming (merging
 * onto a tag in use), removing and putting back. A library filter on a tag
 * follows its rename, and goes with its removal.
 */
export function tagActions({ api, store, report, tell, tagsChanged, setLibraryView }: TagActionDeps): TagActions {
  return {
    async listTagCounts() {
      try {
        return await api.listTagCounts({});
      } catch (error) {
        report(error);
        return [];
      }
    },

    async renameTag(from, to) {
      try {
        const result = await api.renameTag({ from, to });
        const where = `${plural(result.highlights, 'highlight')} in ${plural(result.articles, 'article')}`;
        tell(result.merged ? `Merged #${from} into #${to}: ${where}.` : `Renamed #${from} to #${to} on ${where}.`);
        const { libraryView } = store.get();
        // A filter on the old name follows it to the new one.
        if (libraryView.tag !== null && isUnder(libraryView.tag, from)) setLibraryView({ tag: to + libraryView.tag.slice(from.length) });
        await tagsChanged();
        return true;
      } catch (error) {
        report(error);
        return false;
      }
    },

    async removeTag(tag) {
      try {
        const removal = await api.removeTag({ tag });
        const { libraryView } = store.get();
        if (libraryView.tag !== null && isUnder(libraryView.tag, tag)) setLibraryView({ tag: null });
        await tagsChanged();
        return removal;
      } catch (error) {
        report(error);
        return null;
      }
    },

    async restoreTags(removal) {
      try {
        await api.restoreTags({ restore: removal.removedFrom });
      } catch (error) {
        report(error);
      }
      await tagsChanged();
    },
  };
}
