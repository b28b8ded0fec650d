import type { Highlight } from '../../shared/model.js';
import { noteView } from './note-view.js';

/** A day and a time, in the reader's own way of writing them. */
const when = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/**
 * The notes another device wrote at the same time as the one shown (two
 * devices changed the note without seeing each other's change, see
 * main/core/sync/merge.ts): each under "Also written on NAME", with a button
 * that keeps it; a last button keeps the note shown. Either settles the
 * conflict on every device. Null when there is none.
 */
export function noteConflictsView(highlight: Highlight, keep: (note: string) => void): HTMLElement | null {
  const conflicts = highlight.noteConflicts ?? [];
  if (conflicts.length === 0) return null;
  const box = document.createElement('div');
  box.className = 'note-conflicts';
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', 'Notes written at the same time on other devices');
  for (const conflict of conflicts) {
    const item = document.createElement('div');
    item.className = 'note-conflict';
    const label = document.createElement('p');
    label.className = 'note-conflict-label';
    label.textContent = `Also written on ${conflict.device}, ${when.format(new Date(conflict.changedAt))}:`;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'note-conflict-keep';
    button.textContent = 'Keep this note';
    button.addEventListener('click', () => keep(conflict.note));
    item.append(label, noteView(conflict.note), button);
    box.append(item);
  }
  const mine = document.createElement('button');
  mine.type = 'button';
  mine.className = 'note-conflict-keep';
  mine.textContent = conflicts.length === 1 ? 'Keep the note above' : 'Keep the note at the top';
  mine.addEventListener('click', () => keep(highlight.note));
  box.append(mine);
  return box;
}
