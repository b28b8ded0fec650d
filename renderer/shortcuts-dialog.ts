import { SHORTCUTS } from './shortcuts.js';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The "?" dialog: every shortcut, by what it is for. Returns the function that opens it. */
export function mountShortcutsDialog(): { open(): void } {
  const dialog = document.createElement('dialog');
  dialog.className = 'shortcuts-dialog settings-dialog';
  dialog.setAttribute('aria-labelledby', 'shortcuts-title');
  const title = document.createElement('h2');
  title.id = 'shortcuts-title';
  title.textContent = 'Keyboard shortcuts';
  dialog.append(title);
  for (const group of [...new Set(SHORTCUTS.map((s) => s.group))]) {
    const heading = document.createElement('h3');
    heading.textContent = group;
    const list = document.createElement('dl');
    list.className = 'shortcuts-list';
    for (const shortcut of SHORTCUTS.filter((s) => s.group === group)) {
      const keys = document.createElement('dt');
      const kbd = document.createElement('kbd');
      kbd.textContent = isMac ? shortcut.keys.replaceAll('Ctrl+', '⌘') : shortcut.keys;
      keys.append(kbd);
      const does = document.createElement('dd');
      does.textContent = shortcut.does;
      list.append(keys, does);
    }
    dialog.append(heading, list);
  }
  const form = document.createElement('form');
  form.method = 'dialog';
  form.className = 'export-buttons';
  const close = document.createElement('button');
  close.className = 'button';
  close.textContent = 'Close';
  form.append(close);
  dialog.append(form);
  document.body.append(dialog);
  return {
    open() {
      if (!dialog.open) dialog.showModal();
      close.focus();
    },
  };
}
