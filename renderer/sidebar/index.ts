/**
 * The library's part of the sidebar: the articles (ordered, filtered,
 * renamed, chosen, deleted), the tags across the library and the trash, as
 * three tabs. The list of the open article's highlights is its own module
 * (highlight-list.ts).
 */
import type { Actions } from '../app/actions.js';
import type { Store } from '../app/store.js';
import type { ExportSelection } from '../../shared/contract/schemas.js';
import type { Highlight } from '../../shared/model.js';
import { mountExportSelected } from './export-selected.js';
import { highlightTagsOfArticles } from './highlight-tags.js';
import { mountLibrary } from './library.js';
import { mountLibraryTabs, type LibraryTab } from './library-tabs.js';
import { savedView } from './saved-view.js';
import { mountTagPane } from './tag-pane.js';
import { mountTrash } from './trash.js';
import { undoNotices } from './undo-notice.js';

export { mountHighlightList } from './highlight-list.js';
export { DEFAULT_VIEW } from './library-view.js';

/** What the library sidebar needs from the rest of the reader. */
export interface LibrarySidebarOptions {
  store: Store;
  actions: Actions;
  /** Reads an article's highlights (for the tag filter: see highlight-tags.ts). */
  readHighlights(articleId: string): Promise<Highlight[]>;
  /** Where notices offering Undo go. */
  notices: HTMLElement;
  /** Shows every highlight carrying a tag (or one nested under it), across the library: what a click in the tag pane does. */
  showHighlightsTagged(tag: string): void;
}

export interface LibrarySidebar {
  /** Shows the articles carrying a tag (or one nested under it): what a click on a tag chip does. */
  showTag(tag: string): void;
  /** Opens the export dialog for a selection, titled `title`. */
  exportSelection(selection: ExportSelection, title: string): void;
  dispose(): void;
}

const byId = (id: string): HTMLElement => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no #${id}.`);
  return element;
};

export function mountLibrarySidebar({ store, actions, readHighlights, notices, showHighlightsTagged }: LibrarySidebarOptions): LibrarySidebar {
  const offerUndo = undoNotices(notices);
  const highlightTags = highlightTagsOfArticles(readHighlights);
  store.update({ libraryView: savedView.get() });

  const exportSelected = mountExportSelected((selection, preset) => actions.exportToFolder(selection, preset));
  const stopLibrary = mountLibrary(
    {
      scroller: byId('library-scroll'),
      list: byId('library'),
      controls: byId('library-controls'),
      status: byId('library-status'),
      selection: byId('library-selection'),
    },
    store,
    { highlightTags },
    {
      open: (id) => void actions.openArticle(id),
      rename: (id, title) => actions.renameArticle(id, title),
      async trash(ids, next) {
        const open = store.get().article?.id ?? null;
        const titles = new Map(store.get().library.map((a) => [a.id, a.title]));
        const trashed = await actions.trashArticles(ids, next);
        if (trashed.length === 0) return;
        const what = trashed.length === 1 ? `“${titles.get(trashed[0]!) ?? 'the article'}”` : `${trashed.length} articles`;
        offerUndo(`Moved ${what} to the trash.`, () => actions.restoreArticles(trashed, open !== null && trashed.includes(open) ? open : null));
      },
      exportArticles: (ids) =>
        exportSelected.open({ articleIds: ids }, ids.length === 1 ? 'Export the selected article to a folder' : `Export ${ids.length} selected articles to a folder`),
      setView: (patch) => actions.setLibraryView(patch),
    },
  );

  const tagPane = mountTagPane(byId('tags-scroll'), byId('tag-tree'), {
    counts: () => actions.listTagCounts(),
    filteredBy: () => store.get().libraryView.tag,
    showHighlights: showHighlightsTagged,
    showArticles: (tag) => showTag(tag),
    rename: (from, to) => actions.renameTag(from, to),
    async remove(tag) {
      const removal = await actions.removeTag(tag);
      if (!removal) return;
      const highlights = removal.removedFrom.reduce((n, article) => n + article.highlights.length, 0);
      offerUndo(`Removed #${tag} from ${highlights} ${highlights === 1 ? 'highlight' : 'highlights'}.`, () => actions.restoreTags(removal));
    },
  });

  const trash = mountTrash(
    { bar: byId('trash-bar'), scroller: byId('trash-scroll'), list: byId('trash-list') },
    {
      list: () => actions.listTrash(),
      restore: (id) => actions.restoreArticles([id]),
      empty: () => actions.emptyTrash(),
    },
  );

  const panels = new Map<LibraryTab, { tab: HTMLElement; panel: HTMLElement }>([
    ['articles', { tab: byId('tab-articles'), panel: byId('articles-panel') }],
    ['tags', { tab: byId('tab-tags'), panel: byId('tags-panel') }],
    ['trash', { tab: byId('tab-trash'), panel: byId('trash-panel') }],
  ]);
  const tabs = mountLibraryTabs(panels, (tab) => {
    if (tab === 'tags') void tagPane.refresh();
    else if (tab === 'trash') void trash.refresh();
  });

  function showTag(tag: string) {
    actions.setLibraryView({ tag });
    tabs.show('articles');
  }

  const stop = store.subscribe((state, previous) => {
    if (state.libraryView !== previous.libraryView) {
      savedView.set(state.libraryView);
      if (state.libraryView.tag !== previous.libraryView.tag) tagPane.markFiltered();
    }
    // Tags change with highlights (here or across the library): the pane, when shown, follows.
    const tagsMayDiffer = state.highlights !== previous.highlights || state.library !== previous.library || state.tagRevision !== previous.tagRevision;
    if (tagsMayDiffer && tabs.current() === 'tags') void tagPane.refresh();
  });

  return {
    showTag,
    exportSelection: (selection, title) => exportSelected.open(selection, title),
    dispose() {
      stop();
      stopLibrary();
      tagPane.dispose();
      trash.dispose();
      tabs.dispose();
      exportSelected.dispose();
    },
  };
}
