import type { Response } from '../shared/contract/schemas.js';
import { importAddressProblem, isImportableAddress } from '../shared/contract/import-address.js';
import { importMessage, redirectMessage } from '../shared/import-message.js';
import { isTyping } from './keys.js';
import './import-address.css';
import { dialogButtons } from './dialog-buttons.js';

type AddressImport = Response<'importAddress'>;

/** What the dialog needs from the app: main's import, and showing what it brought in. */
export interface ImportAddressHooks {
  /** Fetches the page and imports it (both in main). */
  importAddress(url: string): Promise<AddressImport>;
  /** Opens the article imported and tells the reader `message` (where redirects went, what the import did). */
  imported(result: AddressImport, message: string): Promise<void>;
}

/**
 * File ▸ Import from Address… (Ctrl/⌘+Shift+O, or the button beside
 * Import…): a dialog with the address, "Fetching…" while main fetches it,
 * and what went wrong in one line. A link pasted into the library (not into
 * a text field) opens it and starts at once: pasting is the asking.
 * Returns the function that opens the dialog (and starts, given an
 * address), and the disposer.
 */
export function mountImportAddress(importButton: HTMLElement, library: HTMLElement, hooks: ImportAddressHooks): { open(url?: string): void; dispose(): void } {
  const dialog = document.createElement('dialog');
  dialog.className = 'import-address-dialog';
  dialog.setAttribute('aria-labelledby', 'import-address-title');
  const form = document.createElement('form');
  form.noValidate = true; // our own one-line message, not the browser's bubble
  const title = document.createElement('h2');
  title.id = 'import-address-title';
  title.textContent = 'Import from address';
  const hint = document.createElement('p');
  hint.className = 'export-hint';
  hint.textContent = 'The page is fetched now, once, without cookies; then it is yours offline. Web pages, text, Markdown and EPUB books.';
  const label = document.createElement('label');
  label.htmlFor = 'import-address-url';
  label.textContent = 'Web address';
  const field = document.createElement('input');
  field.type = 'url';
  field.id = 'import-address-url';
  field.name = 'url';
  field.className = 'import-address-field';
  field.placeholder = 'https://…';
  field.autocomplete = 'off';
  field.spellcheck = false;
  const status = document.createElement('p');
  status.className = 'import-address-status';
  status.setAttribute('role', 'status');
  const buttons = dialogButtons(dialog, 'Import');
  const submit = buttons.querySelector<HTMLButtonElement>('button[type=submit]')!;
  form.append(title, hint, label, field, status, buttons);
  dialog.append(form);
  document.body.append(dialog);

  const say = (message: string, error = false) => {
    status.textContent = message;
    status.classList.toggle('is-error', error);
  };
  let fetching = false;
  const start = async () => {
    const url = field.value.trim();
    const problem = importAddressProblem(url);
    if (problem) return say(problem, true);
    fetching = true;
    submit.disabled = true;
    say(`Fetching ${url}…`);
    try {
      const result = await hooks.importAddress(url);
      // Closed if still open; an import the reader walked away from is still shown, as a file's is.
      dialog.close();
      const message = [redirectMessage(new URL(url).href, result.redirects), importMessage(result), ...result.warnings].filter(Boolean).join(' ');
      await hooks.imported(result, message);
    } catch (error) {
      say((error as Error).message, true);
    } finally {
      fetching = false;
      submit.disabled = false;
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!fetching) void start();
  });

  const open = (url?: string) => {
    if (!dialog.open) dialog.showModal();
    if (fetching) return;
    say('');
    if (url === undefined) {
      field.select();
      return;
    }
    field.value = url;
    void start();
  };

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button';
  button.id = 'import-address-button';
  // Short beside Import… (two buttons a row in the sidebar); its name says it whole.
  button.textContent = 'From address…';
  button.setAttribute('aria-label', 'Import from address…');
  button.title = 'Import the page at a web address (Ctrl+Shift+O, or paste a link into the library)';
  const onClick = () => open();
  button.addEventListener('click', onClick);
  importButton.after(button);

  // A paste in the library (on a row, or on its empty space clicked last), never in a text field.
  let pointerInLibrary = false;
  const onPointerDown = (event: PointerEvent) => {
    pointerInLibrary = event.target instanceof Node && library.contains(event.target);
  };
  const onPaste = (event: ClipboardEvent) => {
    const target = event.target instanceof Node ? event.target : null;
    const inLibrary = target !== null && (library.contains(target) || (target === document.body && pointerInLibrary));
    if (!inLibrary || isTyping(event.target) || dialog.open) return;
    const text = event.clipboardData?.getData('text/plain').trim() ?? '';
    if (!isImportableAddress(text)) return;
    event.preventDefault();
    open(text);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const command = (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey;
    if (!command || event.defaultPrevented || event.key.toLowerCase() !== 'o') return;
    event.preventDefault();
    open();
  };
  document.addEventListener('pointerdown', onPointerDown, true);
  document.addEventListener('paste', onPaste);
  document.addEventListener('keydown', onKeyDown);

  return {
    open,
    dispose() {
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('paste', onPaste);
      document.removeEventListener('keydown', onKeyDown);
      button.remove();
      dialog.remove();
    },
  };
}
