import type { HighlightRow } from '../../shared/contract/schemas.js';

/**
 * A row's height in pixels, as all-highlights.css draws every row: padding,
 * three lines of quote, a line of note, a line of article, date and tags,
 * and the gap below. The windowed list places rows by it without measuring.
 */
export const ROW_HEIGHT = 14 + 3 * 24 + 20 + 18 + 14 + 8;

const days = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** When a highlight was made, as the reader's calendar says it. */
export const shownDay = (iso: string): string => days.format(new Date(iso));

const flat = (text: string) => text.replace(/\s+/gu, ' ').trim();

/**
 * One highlight: a button (the whole row, so the list's keys reach it) with
 * its colour, its quote, its note and where it is from; pressing it opens
 * the article on the passage.
 */
export function highlightRow(row: HighlightRow, open: (row: HighlightRow) => void): HTMLElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `all-highlight all-highlight-${row.color}${row.orphaned ? ' is-orphaned' : ''}`;
  button.dataset.highlightId = row.id;
  button.dataset.articleId = row.articleId;
  const quote = document.createElement('span');
  quote.className = 'all-highlight-quote';
  quote.textContent = flat(row.quote) + (row.quoteCut ? '…' : '');
  const note = document.createElement('span');
  note.className = 'all-highlight-note';
  note.textContent = row.note === '' ? '' : flat(row.note) + (row.noteCut ? '…' : '');
  const where = document.createElement('span');
  where.className = 'all-highlight-where';
  const title = document.createElement('span');
  title.className = 'all-highlight-article';
  title.textContent = row.articleTitle;
  // Which device changed it last: named only in a library more than one device changes (see all-highlights.ts).
  const changedOn = row.changedOn === undefined ? [] : [`changed on ${row.changedOn}`];
  const details = [shownDay(row.createdAt), ...changedOn, ...(row.orphaned ? ['orphaned'] : []), ...row.tags.map((t) => `#${t}`)].join(' · ');
  where.append(title, ` · ${details}`);
  button.append(quote, note, where);
  const said = [`${row.color} highlight`, row.orphaned ? 'orphaned' : '', `in “${row.articleTitle}”`, shownDay(row.createdAt), ...changedOn].filter(Boolean).join(', ');
  button.setAttribute('aria-label', `${flat(row.quote).slice(0, 200)} — ${said}${row.note ? `. Note: ${flat(row.note).slice(0, 200)}` : ''}`);
  button.title = 'Open the article at this passage';
  button.addEventListener('click', () => open(row));
  return button;
}

/** A row whose highlight is still being read. */
export function loadingRow(): HTMLElement {
  const row = document.createElement('div');
  row.className = 'all-highlight is-loading';
  row.setAttribute('aria-busy', 'true');
  row.textContent = 'Loading…';
  return row;
}
