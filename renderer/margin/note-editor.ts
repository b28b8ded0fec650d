/** How a note edit ended. */
export type NoteEditorOutcome = { saved: true; note: string } | { saved: false };

/**
 * A textarea for a highlight's note. Ctrl/Cmd+Enter or leaving the field
 * saves; Esc cancels. `onDone` is called exactly once.
 */
export function createNoteEditor(note: string, onDone: (outcome: NoteEditorOutcome) => void): HTMLTextAreaElement {
  const textarea = document.createElement('textarea');
  textarea.className = 'note-editor';
  textarea.value = note;
  textarea.rows = Math.min(12, Math.max(3, note.split('\n').length + 1));
  textarea.placeholder = 'Write a note…';
  textarea.setAttribute('aria-label', 'Note (Ctrl+Enter to save, Esc to cancel)');
  let done = false;
  const finish = (outcome: NoteEditorOutcome) => {
    if (done) return;
    done = true;
    onDone(outcome);
  };
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      finish({ saved: true, note: textarea.value });
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      finish({ saved: false });
    }
  });
  textarea.addEventListener('blur', () => finish({ saved: true, note: textarea.value }));
  return textarea;
}
