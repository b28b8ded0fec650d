/**
 * Every keyboard shortcut of the reader, in one list: what the "?" dialog
 * shows and the README repeats. `keys` are written as the dialog shows them
 * (Ctrl stands for ⌘ on a Mac).
 */
export const SHORTCUTS: readonly { group: string; keys: string; does: string }[] = [
  { group: 'Reading', keys: 'j / k', does: 'Next / previous highlight' },
  { group: 'Reading', keys: 'Ctrl+F', does: 'Find in the article (Enter / Shift+Enter: next / previous)' },
  { group: 'Reading', keys: 'Ctrl+K or /', does: 'Search the library' },
  { group: 'Reading', keys: 'Ctrl+Shift+H', does: 'All highlights' },
  { group: 'Reading', keys: 'Ctrl+,', does: 'Reading settings' },
  { group: 'Reading', keys: 'Ctrl+= / Ctrl+- / Ctrl+0', does: 'Bigger / smaller / default text' },
  { group: 'Highlighting', keys: 'h', does: 'Highlight the selection (last colour used)' },
  { group: 'Highlighting', keys: '1 – 5', does: 'Highlight the selection in a colour, or recolour the active highlight' },
  { group: 'Highlighting', keys: 'Enter or n', does: 'Write a note on the active highlight' },
  { group: 'Highlighting', keys: 't', does: 'Tag the active highlight' },
  { group: 'Highlighting', keys: 'c', does: 'Copy the active highlight as a quote' },
  { group: 'Highlighting', keys: 'Delete', does: 'Delete the active highlight' },
  { group: 'Highlighting', keys: 'Ctrl+Z / Ctrl+Shift+Z', does: 'Undo / redo the last change (highlights, notes, tags, deletions)' },
  { group: 'Highlighting', keys: 'Esc', does: 'Close, clear the selection and the active highlight' },
  { group: 'Library', keys: 'Ctrl+O', does: 'Import a file' },
  { group: 'Library', keys: 'Ctrl+Shift+O', does: 'Import the page at a web address (or paste a link into the library)' },
  { group: 'Library', keys: 'Ctrl+E', does: 'Export the article as Markdown' },
  { group: 'Library', keys: 'Ctrl+Shift+E', does: 'Export to a folder' },
  { group: 'Library', keys: 'F2 / Delete', does: 'Rename / delete the focused article' },
  { group: 'Library', keys: '?', does: 'These shortcuts' },
];
