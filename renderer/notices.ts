/** How much a notice matters: errors stay until dismissed, information fades. */
export type NoticeLevel = 'info' | 'error';

const INFO_LIFETIME_MS = 6000;

/** A notice that stays while work runs: its message follows the work's stage. */
export interface Progress {
  update(message: string): void;
  done(): void;
}

/** Work quicker than this shows no progress notice at all, so nothing flashes. */
const PROGRESS_DELAY_MS = 250;

/** Non-blocking messages in a corner of the window. */
export interface Notices {
  show(level: NoticeLevel, message: string): void;
  /** A progress notice (an indeterminate bar), shown once the work has taken a moment. */
  progress(message: string): Progress;
}

export function createNotices(container: HTMLElement): Notices {
  return {
    show(level, message) {
      const { notice, text } = noticeElement(`notice notice-${level}`, level === 'error' ? 'alert' : 'status', message);
      notice.append(text, closeButton(() => notice.remove()));
      container.append(notice);
      if (level === 'info') setTimeout(() => notice.remove(), INFO_LIFETIME_MS);
    },
    progress(message) {
      const { notice, text } = noticeElement('notice notice-progress', 'status', message);
      notice.setAttribute('aria-busy', 'true');
      const bar = document.createElement('progress');
      bar.className = 'notice-bar';
      bar.setAttribute('aria-label', 'Working');
      notice.append(text, bar);
      const timer = setTimeout(() => container.append(notice), PROGRESS_DELAY_MS);
      return {
        update(next) {
          text.textContent = next;
        },
        done() {
          clearTimeout(timer);
          notice.remove();
        },
      };
    },
  };
}

/** A notice box and its message, not yet in the page (its buttons, if any, are added after the message). */
export function noticeElement(className: string, role: 'status' | 'alert', message: string): { notice: HTMLDivElement; text: HTMLSpanElement } {
  const notice = document.createElement('div');
  notice.className = className;
  notice.setAttribute('role', role);
  const text = document.createElement('span');
  text.className = 'notice-text';
  text.textContent = message;
  return { notice, text };
}

/** A notice's × button. */
export function closeButton(onClick: () => void): HTMLButtonElement {
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'notice-close';
  close.setAttribute('aria-label', 'Dismiss notice');
  close.textContent = '×';
  close.addEventListener('click', onClick);
  return close;
}
