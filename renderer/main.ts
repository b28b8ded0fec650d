/**
 * Starts the reader: connects to main, builds the store, the article view,
 * the margin and the sidebar, and wires keys and events between them.
 */
import type { AppEvent } from '../shared/contract/schemas.js';
import type { Color } from '../shared/model.js';
import { createActions } from './app/actions.js';
import { createStore } from './app/store.js';
import { readingSaver } from './app/reading.js';
import { connectApi } from './bridge/index.js';
import { mountImport } from './import-files.js';
import { mountImportAddress } from './import-address.js';
import { isTyping, mountKeys } from './keys.js';
import { undoActions } from './app/undo.js';
import { undoNotices } from './sidebar/undo-notice.js';
import { mountShortcutsDialog } from './shortcuts-dialog.js';
import { mountExportDialog } from './export-dialog.js';
import { mountFindBar } from './reader/find-bar.js';
import { mountSearchPanel, type SearchResult } from './search/search-panel.js';
import { mountAllHighlights } from './all-highlights/view.js';
import { mountSettingsPanel } from './settings/panel.js';
import { mountMargin } from './margin/notes.js';
import { createNotices } from './notices.js';
import { createRecoveryNotices } from './recoveries.js';
import { mountHighlightToolbar } from './reader/highlight-toolbar.js';
import { mountKeyboardSelection } from './reader/keyboard-selection.js';
import { clearTextSelection, selectedPassage } from './reader/selection.js';
import { mountSelectionToolbar } from './reader/selection-toolbar.js';
import { createReader } from './reader/view.js';
import { trackReadingPlace } from './reader/reading-place.js';
import { stepThroughHighlights } from './reader/step.js';
import { anchorPosition } from './reader/anchors.js';
import { mountSidebarDrawer } from './sidebar/drawer.js';
import { mountFocusRing } from './reader/focus-ring.js';
import { DEFAULT_VIEW, mountHighlightList, mountLibrarySidebar } from './sidebar/index.js';
import { mountContents } from './sidebar/contents.js';
import { mountTabs } from './sidebar/library-tabs.js';
import { followOutsideChanges } from './app/outside-changes.js';

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no #${id}.`);
  return element as T;
};

const api = connectApi();
const notices = createNotices(byId('notices'));
// First: the page is drawn with the reader's text size, width and colours from its first frame.
const settings = mountSettingsPanel(
  api,
  (error) => notices.show('error', `The reading settings could not be saved: ${(error as Error).message}`),
  (error) => notices.show('error', `This device's name could not be read or saved: ${(error as Error).message}`),
);
byId('settings-button').addEventListener('click', () => settings.open());
const store = createStore({
  library: [],
  article: null,
  place: null,
  highlights: [],
  activeHighlightId: null,
  lastColor: 'yellow',
  editing: null,
  reattaching: null,
  libraryView: DEFAULT_VIEW,
  tagRevision: 0,
});
const actions = createActions(api, store, notices);
const recoveries = createRecoveryNotices(api, notices);
const page = byId('page');
const scroller = byId('reader-scroll');
const reader = createReader(byId('reader'), scroller);

// The reader follows the store: a new article, then its highlights. It subscribes
// first, so the margin and the lists below always see the new placement.
store.subscribe((state, previous) => {
  // Reading files is when the store finds damaged ones.
  if (state.article !== previous.article || state.highlights !== previous.highlights) void recoveries.check();
  if (state.article !== previous.article) {
    page.hidden = state.article === null;
    document.title = state.article ? `${state.article.title} — Marginalia` : 'Marginalia';
  }
  // The same article renamed: the window's title changes and the reader keeps its place (the heading is
  // the article's imported text, which highlights are anchored in, so it stays as imported).
  const renamed = state.article?.id === previous.article?.id && state.article?.document === previous.article?.document;
  if (state.article !== previous.article && state.article && !renamed) {
    reader.open(state.article, state.highlights, state.activeHighlightId);
    // Where the reader left it: that passage at the top of the reading area.
    if (state.place) reader.showPassage(state.place.start, state.place.end, { flash: false, at: 'top' });
    contents.show(reader.article());
  } else if (state.article === null && previous.article !== null) {
    // Every article listed was deleted: nothing to show, nothing to list.
    reader.showHighlights([], null);
  } else if (state.highlights !== previous.highlights || state.activeHighlightId !== previous.activeHighlightId) {
    reader.showHighlights(state.highlights, state.activeHighlightId);
  }
});

// The open article's part of the sidebar: its highlights, and its contents (headings).
const contents = mountContents(byId('contents-panel'), byId('contents'), reader, scroller);
mountTabs(
  ['highlights', 'contents'] as const,
  new Map([
    ['highlights', { tab: byId('tab-highlights'), panel: byId('highlight-list') }],
    ['contents', { tab: byId('tab-contents'), panel: byId('contents-panel') }],
  ] as const),
  (tab) => tab === 'contents' && contents.shown(),
);

const highlightSelection = (color: Color): boolean => {
  const passage = selectedPassage(reader.view);
  if (!passage) return false;
  clearTextSelection();
  if (store.get().reattaching) void actions.reattachHighlight(passage.start, passage.end);
  else void actions.createHighlight(passage, color);
  return true;
};

const dismiss = () => {
  clearTextSelection();
  store.update({ editing: null, activeHighlightId: null, reattaching: null });
};

const undo = undoActions(api, store, actions, (level, message) => notices.show(level, message));
const offerUndo = undoNotices(byId('notices'));
/** Deletes a highlight at once (no confirmation), saying so with an Undo. */
const deleteHighlight = async (id: string) => {
  const had = store.get().highlights.find((h) => h.id === id);
  await actions.deleteHighlight(id);
  if (had && !store.get().highlights.some((h) => h.id === id)) offerUndo(had.note.trim() ? 'Deleted the highlight and its note.' : 'Deleted the highlight.', () => undo.undo());
};

const library = mountLibrarySidebar({
  store,
  actions,
  readHighlights: async (articleId) => (await api.getArticle({ articleId })).highlights,
  notices: byId('notices'),
  showHighlightsTagged: (tag) => allHighlights.open({ tag }),
});
// In a narrow window the sidebar is a drawer behind a Library toggle.
mountSidebarDrawer(byId('app'), store);

reader.onClick((highlightId) => actions.activate(highlightId));
reader.onLink((href) => {
  if (!href.startsWith('#')) return void actions.openLink(href);
  // A link of the article's own (its contents): there, within the article.
  const pos = anchorPosition(reader.article(), href);
  if (pos === null) notices.show('info', `This link goes to a part of the page that is not in the article (${href}).`);
  else reader.scrollToPosition(pos);
});
mountKeyboardSelection(reader.view.dom, scroller);
mountFocusRing(reader.view.dom);
const saveReading = readingSaver(api, store);
trackReadingPlace(reader, scroller, store, byId('reading-progress'), (articleId, place) => void saveReading(articleId, place));
mountSelectionToolbar(page, scroller, reader, highlightSelection);
mountHighlightToolbar(page, scroller, reader, store, {
  recolor: (id, color) => void actions.recolorHighlight(id, color),
  editNote: (id) => actions.edit({ highlightId: id, kind: 'note' }),
  editTags: (id) => actions.edit({ highlightId: id, kind: 'tags' }),
  copy: (id) => void actions.copyQuote(id),
  remove: (id) => void deleteHighlight(id),
});
mountMargin(byId('margin'), reader, store, {
  activate: (id) => actions.activate(id),
  editNote: (id) => actions.edit({ highlightId: id, kind: 'note' }),
  closeEditor: () => actions.edit(null),
  saveNote: (id, note) => void actions.saveNote(id, note),
  saveTags: (id, tags) => void actions.saveTags(id, tags),
  knownTags: () => actions.listTags(),
  showTag: (tag) => library.showTag(tag),
  openLink: (href) => void actions.openLink(href),
});
mountHighlightList(
  byId('highlight-list'),
  reader,
  store,
  (id) => {
    actions.activate(id);
    reader.scrollTo(id);
  },
  (id) => {
    store.update({ reattaching: id, activeHighlightId: null, editing: null });
    notices.show('info', 'Select the passage this note belongs to, then press h or click a colour. Esc cancels.');
  },
  (tag) => library.showTag(tag),
);
const importer = mountImport(
  byId('import-button'),
  byId<HTMLInputElement>('import-input'),
  byId('drop-overlay'),
  (file) => actions.importFile(file),
);
const addressImport = mountImportAddress(byId('import-button'), byId('library-heading').closest('section') ?? byId('app'), {
  importAddress: (url) => api.importAddress({ url }),
  imported: async (result, message) => {
    await actions.refreshLibrary();
    await actions.openArticle(result.summary.id);
    notices.show('info', message);
  },
});
byId('export-button').addEventListener('click', () => void actions.exportMarkdown());
const exportDialog = mountExportDialog({
  openArticleId: () => store.get().article?.id,
  knownTags: () => actions.listTags(),
  exportToFolder: (selection, preset) => actions.exportToFolder(selection, preset),
});
byId('export-folder-button').addEventListener('click', () => void exportDialog.open());
const shortcuts = mountShortcutsDialog();
const step = stepThroughHighlights(reader, store, (id) => actions.activate(id));
mountKeys(store, {
  highlightSelection: (color) => highlightSelection(color ?? store.get().lastColor),
  recolor: (id, color) => void actions.recolorHighlight(id, color),
  editNote: (id) => actions.edit({ highlightId: id, kind: 'note' }),
  editTags: (id) => actions.edit({ highlightId: id, kind: 'tags' }),
  copyQuote: (id) => void actions.copyQuote(id),
  deleteHighlight: (id) => void deleteHighlight(id),
  step,
  showShortcuts: () => shortcuts.open(),
  importFile: () => importer.pickFile(),
  exportMarkdown: () => void actions.exportMarkdown(),
  exportToFolder: () => void exportDialog.open(),
  undo: () => void undo.undo(),
  redo: () => void undo.redo(),
  dismiss,
});

const findBar = mountFindBar(byId('app'), reader, scroller, store);

/** Goes where a search result is: its article, at the word found or on the highlight, flashed. */
const goToResult = async (result: SearchResult) => {
  if (store.get().article?.id !== result.articleId) await actions.openArticle(result.articleId);
  if (store.get().article?.id !== result.articleId) return; // it could not be opened (a notice says why)
  if (result.kind === 'highlight') {
    actions.activate(result.highlightId);
    reader.scrollTo(result.highlightId);
    reader.flashHighlight(result.highlightId);
  } else if (result.match) {
    reader.showPassage(result.match.start, result.match.end);
  }
  reader.view.dom.focus({ preventScroll: true });
};
const search = mountSearchPanel(document.body, api, (result) => void goToResult(result));
const allHighlights = mountAllHighlights(byId('all-highlights'), api, {
  behind: scroller,
  tags: () => actions.listTagCounts(),
  openArticle: () => {
    const article = store.get().article;
    return article ? { id: article.id, title: article.title } : null;
  },
  go: (row) => void goToResult({ kind: 'highlight', articleId: row.articleId, highlightId: row.id }),
  exportFiltered: (filter, title) => library.exportSelection({ highlights: filter }, title),
  failed: (error) => notices.show('error', `The highlights could not be listed: ${(error as Error).message}`),
});
byId('all-highlights-button').addEventListener('click', () => allHighlights.open());
// What the view lists changes with the library: it follows while shown.
store.subscribe((state, previous) => {
  if (state.library !== previous.library || state.highlights !== previous.highlights || state.tagRevision !== previous.tagRevision) allHighlights.refresh();
});

/** A menu command main sent. */
const runCommand = (command: Extract<AppEvent, { type: 'command' }>['command']) => {
  if (command === 'export-markdown') void actions.exportMarkdown();
  else if (command === 'export-folder') void exportDialog.open();
  else if (command === 'import') importer.pickFile();
  else if (command === 'import-address') addressImport.open();
  else if (command === 'find-in-article') findBar.open();
  else if (command === 'search-library') search.open();
  else if (command === 'all-highlights') allHighlights.open();
  else if (command === 'settings') settings.open();
  else if (command === 'undo' || command === 'redo') {
    // The menu's Undo in a field undoes the typing, as fields do.
    if (isTyping(document.activeElement)) document.execCommand(command);
    else void undo[command]();
  }
  else if (command === 'text-bigger') settings.zoom(1);
  else if (command === 'text-smaller') settings.zoom(-1);
  else if (command === 'text-reset') settings.zoom(0);
};

api.onEvent((event: AppEvent) => {
  switch (event.type) {
    case 'library-changed':
      void actions.refreshLibrary().then(() => {
        if (event.openArticleId) return actions.openArticle(event.openArticleId);
      });
      break;
    case 'command':
      runCommand(event.command);
      break;
    case 'notice':
      notices.show(event.level, event.message);
      break;
  }
});

// Another device's changes (through a sync engine) and the CLI's, shown as they arrive.
followOutsideChanges({
  api,
  store,
  actions,
  shown: () => settings.devicesChanged(),
  openArticleGone: (title) => notices.show('info', `“${title}” was deleted on another device: it is in the Trash, and stays on screen until you open another article.`),
});

void actions.openFirstArticle().then(() => recoveries.check());
