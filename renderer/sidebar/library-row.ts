import type { ArticleSummary } from '../../shared/model.js';
import { articleDetails } from './article-details.js';
import { rowAction } from './icons.js';

/** How a row is drawn besides its article. */
export interface RowState {
  /** The article open in the reader. */
  current: boolean;
  /** Chosen for a batch action. */
  selected: boolean;
  /** Its title is being edited. */
  renaming: boolean;
}

/** What a row's controls do. */
export interface RowHooks {
  /** A click on the article (open it, or choose it with Ctrl/⌘ or Shift). */
  click(articleId: string, event: MouseEvent): void;
  rename(articleId: string): void;
  trash(articleId: string): void;
  /** The title typed (Enter, or leaving the field), or null when renaming was cancelled (Esc, or nothing changed). */
  renamed(articleId: string, title: string | null): void;
}

/** A row of the library: the article (a button that opens it) with Rename and Trash beside it, or the field that renames it. */
export function articleRow(summary: ArticleSummary, state: RowState, hooks: RowHooks): HTMLElement {
  if (summary.unavailable !== undefined) return unavailableArticle(summary, summary.unavailable);
  const row = document.createElement('div');
  row.className = `library-row${state.selected ? ' is-selected' : ''}`;
  row.dataset.articleId = summary.id;
  if (state.renaming) {
    row.classList.add('is-renaming');
    row.append(renameForm(summary, hooks));
    return row;
  }
  // The article's button comes first: the list's keys move the focus to a row's first control.
  row.append(articleButton(summary, state, hooks), rowActions(summary, hooks));
  return row;
}

function articleButton(summary: ArticleSummary, state: RowState, hooks: RowHooks): HTMLElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'library-item';
  button.dataset.articleId = summary.id;
  if (state.current) button.setAttribute('aria-current', 'true');
  const text = document.createElement('span');
  text.className = 'library-text';
  text.append(titleOf(summary));
  const details = articleDetails(summary);
  if (details) {
    const line = document.createElement('span');
    line.className = 'library-details';
    line.textContent = details;
    line.title = details;
    text.append(line);
  }
  button.append(text, countOf(summary.highlightCount, summary.highlightCount === 1 ? '1 highlight' : `${summary.highlightCount} highlights`));
  if (state.selected) {
    const said = document.createElement('span');
    said.className = 'visually-hidden';
    said.textContent = ' (selected)';
    button.append(said);
  }
  button.addEventListener('click', (event) => hooks.click(summary.id, event));
  return button;
}

function rowActions(summary: ArticleSummary, hooks: RowHooks): HTMLElement {
  const actions = document.createElement('span');
  actions.className = 'library-row-actions';
  actions.append(
    rowAction('library-rename', 'pencil', `Rename “${summary.title}”`, 'Rename (F2)', () => hooks.rename(summary.id)),
    rowAction('library-trash', 'trash', `Move “${summary.title}” to the trash`, 'Move to the trash (Delete)', () => hooks.trash(summary.id)),
  );
  return actions;
}

/** The title in a field: Enter saves, Esc cancels, leaving the field saves what was typed. */
function renameForm(summary: ArticleSummary, hooks: RowHooks): HTMLElement {
  const form = document.createElement('form');
  form.className = 'library-rename';
  const input = document.createElement('input');
  input.type = 'text';
  input.className = 'library-rename-input';
  input.value = summary.title;
  input.maxLength = 1000;
  input.spellcheck = false;
  input.setAttribute('aria-label', 'Title of the article (Enter saves, Esc cancels)');
  let done = false;
  const finish = (title: string | null) => {
    if (done) return;
    done = true;
    const typed = title?.trim() ?? '';
    hooks.renamed(summary.id, typed && typed !== summary.title ? typed : null);
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    finish(input.value);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    finish(null);
  });
  input.addEventListener('blur', () => finish(input.value));
  form.append(input);
  const details = articleDetails(summary);
  if (details) {
    const line = document.createElement('span');
    line.className = 'library-details';
    line.textContent = details;
    form.append(line);
  }
  return form;
}

/** Not a button: there is nothing to open. The reason is in the text, for every reader. */
function unavailableArticle(summary: ArticleSummary, reason: string): HTMLElement {
  const entry = document.createElement('div');
  entry.className = 'library-item library-item-unavailable';
  entry.dataset.articleId = summary.id;
  entry.setAttribute('aria-disabled', 'true');
  // Reachable with the list's arrow keys, like the rows around it.
  entry.tabIndex = -1;
  const why = document.createElement('span');
  why.className = 'library-unavailable';
  why.textContent = `Cannot be opened: ${reason}.`;
  why.title = why.textContent;
  const text = document.createElement('span');
  text.className = 'library-text';
  text.append(titleOf(summary), why);
  entry.append(text, countOf(summary.highlightCount, summary.highlightCount === 1 ? '1 highlight kept' : `${summary.highlightCount} highlights kept`));
  return entry;
}

function countOf(count: number, said: string): HTMLElement {
  const badge = document.createElement('span');
  badge.className = 'library-count';
  badge.textContent = String(count);
  badge.setAttribute('aria-label', said);
  badge.title = said;
  return badge;
}

function titleOf(summary: ArticleSummary): HTMLElement {
  const title = document.createElement('span');
  title.className = 'library-title';
  title.textContent = summary.title;
  // One line in the list; the whole title on hover.
  title.title = summary.title;
  return title;
}
