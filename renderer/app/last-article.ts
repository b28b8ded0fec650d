const KEY = 'marginalia:last-article';

/** The article the reader had open last time, remembered across launches. */
export const lastArticle = {
  get(): string | null {
    try {
      return localStorage.getItem(KEY);
    } catch {
      return null;
    }
  },
  set(articleId: string): void {
    try {
      localStorage.setItem(KEY, articleId);
    } catch {
      // Storage may be unavailable; the reader then starts on the newest article.
    }
  },
};
