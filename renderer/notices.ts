/** How much a notice matters: errors stay until dismissed, information fades. */
export type NoticeLevel = 'info' | 'error';

const INFO_LIFETIME_MS = 6000;

/** Non-blocking messages in a corner of the window. */
export interface Notices {
  show(level: NoticeLevel, message: string): void;
}

export function createNotices(container: HTMLElement): Notices {
  return {
    show(level, message) {
      const notice = document.createElement('div');
      notice.className = `notice notice-${level}`;
      notice.setAttribute('role', level === 'error' ? 'alert' : 'status');
      const text = document.createElement('span');
      text.className = 'notice-text';
      text.textContent = message;
      const close = document.createElement('button');
      close.type = 'button';
      close.className = 'notice-close';
      close.setAttribute('aria-label', 'Dismiss notice');
      close.textContent = '×';
      close.addEventListener('click', () => notice.remove());
      notice.append(text, close);
      container.append(notice);
      if (level === 'info') setTimeout(() => notice.remove(), INFO_LIFETIME_MS);
    },
  };
}
