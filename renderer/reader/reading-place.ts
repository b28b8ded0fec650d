import type { CodePointOffset } from '../../shared/offsets.js';
import type { Store } from '../app/store.js';
import type { Reader } from './view.js';

/** Scrolling pauses this long before the place is saved. */
const SAVE_PAUSE_MS = 800;

type Place = { start: CodePointOffset; end: CodePointOffset };

/**
 * Keeps where the reader is in the open article: when scrolling pauses (and
 * when the window is hidden or closed), the passage at the top of the
 * reading area is saved for the article (see main's reading.json), and the
 * progress bar shows how far through it the reader is. Returns the disposer.
 */
export function trackReadingPlace(
  reader: Reader,
  scroller: HTMLElement,
  store: Store,
  progress: HTMLElement,
  save: (articleId: string, place: Place | null) => void,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The article whose place waits to be saved. */
  let pending: string | null = null;
  /** The place last seen on screen (each frame that scrolled): what is saved, also once another article is open. */
  let latest: { id: string; place: Place | null } | null = null;

  /** Notes the place on screen; false when it is not known yet (a long book's parts are still coming in). */
  const see = (): boolean => {
    const id = store.get().article?.id;
    if (!id) return true;
    const place = reader.passageAtTop();
    if (place === undefined) return false;
    latest = { id, place };
    return true;
  };
  const saveNow = () => {
    clearTimeout(timer);
    timer = undefined;
    const id = pending;
    pending = null;
    if (id === null) return;
    if (store.get().article?.id === id && !see()) {
      // Not in the page yet: asked again after another pause.
      schedule();
      return;
    }
    if (latest?.id === id) save(id, latest.place);
  };
  const schedule = () => {
    const id = store.get().article?.id;
    if (!id) return;
    pending = id;
    clearTimeout(timer);
    timer = setTimeout(saveNow, SAVE_PAUSE_MS);
  };

  let framed = false;
  const showProgress = () => {
    framed = false;
    see();
    const room = scroller.scrollHeight - scroller.clientHeight;
    const done = room <= 0 ? (store.get().article ? 1 : 0) : Math.min(1, Math.max(0, scroller.scrollTop / room));
    const percent = Math.round(done * 100);
    progress.style.setProperty('--progress', String(done));
    progress.setAttribute('aria-valuenow', String(percent));
    progress.title = `${percent}% read`;
  };
  const onScroll = () => {
    schedule();
    if (!framed) {
      framed = true;
      requestAnimationFrame(showProgress);
    }
  };
  scroller.addEventListener('scroll', onScroll, { passive: true });
  // Leaving the window or the app: the place is saved now, not after the pause.
  const onHidden = () => {
    if (document.visibilityState === 'hidden' && pending !== null) saveNow();
  };
  document.addEventListener('visibilitychange', onHidden);
  window.addEventListener('pagehide', saveNow);

  const stop = store.subscribe((state, previous) => {
    if (state.article?.id === previous.article?.id) return;
    // The article being left is saved where it was last seen; the one opened is read from now (saved at once,
    // so that "Last read" knows it even if the window closes before any scrolling).
    if (pending !== null && pending === previous.article?.id) saveNow();
    if (state.article) {
      pending = state.article.id;
      saveNow();
    }
    requestAnimationFrame(showProgress);
  });
  return () => {
    stop();
    clearTimeout(timer);
    scroller.removeEventListener('scroll', onScroll);
    document.removeEventListener('visibilitychange', onHidden);
    window.removeEventListener('pagehide', saveNow);
  };
}
