/** How long a notice offering Undo stays: long enough to read it and change one's mind. */
const UNDO_LIFETIME_MS = 10_000;

/** Shows what was just done with an Undo button; `undo` runs at most once. */
export type OfferUndo = (message: string, undo: () => void | Promise<void>) => void;

/**
 * Notices that say what was done and offer to undo it, in the window's
 * notice corner (drawn as its other notices are). They fade after a while;
 * the change itself stays undoable elsewhere (the Trash view, or tagging again).
 */
export function undoNotices(container: HTMLElement): OfferUndo {
  return (message, undo) => {
    const notice = document.createElement('div');
    notice.className = 'notice notice-info notice-undo';
    notice.setAttribute('role', 'status');
    const text = document.createElement('span');
    text.className = 'notice-text';
    text.textContent = message;
    const again = document.createElement('button');
    again.type = 'button';
    again.className = 'notice-action';
    again.textContent = 'Undo';
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'notice-close';
    close.setAttribute('aria-label', 'Dismiss notice');
    close.textContent = '×';
    const timer = setTimeout(() => notice.remove(), UNDO_LIFETIME_MS);
    const dismiss = () => {
      clearTimeout(timer);
      notice.remove();
    };
    close.addEventListener('click', dismiss);
    again.addEventListener('click', () => {
      dismiss();
      void undo();
    });
    notice.append(text, again, close);
    container.append(notice);
  };
}
