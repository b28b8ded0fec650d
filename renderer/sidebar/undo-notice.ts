import { closeButton, noticeElement } from '../notices.js';

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
    const { notice, text } = noticeElement('notice notice-info notice-undo', 'status', message);
    const again = document.createElement('button');
    again.type = 'button';
    again.className = 'notice-action';
    again.textContent = 'Undo';
    const timer = setTimeout(() => notice.remove(), UNDO_LIFETIME_MS);
    const dismiss = () => {
      clearTimeout(timer);
      notice.remove();
    };
    const close = closeButton(dismiss);
    again.addEventListener('click', () => {
      dismiss();
      void undo();
    });
    notice.append(text, again, close);
    container.append(notice);
  };
}
