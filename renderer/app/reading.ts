import type { MarginaliaApi } from '../../shared/contract/schemas.js';
import type { CodePointOffset } from '../../shared/offsets.js';
import type { Store } from './store.js';

/**
 * Saves where the reader is in an article (main keeps it in the library's
 * reading.json), and shows the article as just read in the library list
 * (its "Last read" order). A place that cannot be saved is not worth a
 * notice: the next pause in scrolling saves it again.
 */
export function readingSaver(api: Pick<MarginaliaApi, 'saveReading'>, store: Store) {
  return async (articleId: string, place: { start: CodePointOffset; end: CodePointOffset } | null): Promise<void> => {
    try {
      const { readAt } = await api.saveReading({ articleId, ...(place && { place }) });
      const { library } = store.get();
      if (library.some((s) => s.id === articleId && s.readAt !== readAt)) {
        store.update({ library: library.map((s) => (s.id === articleId ? { ...s, readAt } : s)) });
      }
    } catch (error) {
      console.warn('[marginalia] the reading place was not saved:', (error as Error).message);
    }
  };
}
