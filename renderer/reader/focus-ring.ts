/**
 * The article's focus ring, only where the keyboard put the focus: Tab (or
 * Shift+Tab) into the article draws it; the focus handed back to the article
 * by Esc, a search result or a click does not (the browser's :focus-visible
 * would draw a ring around the whole article after Esc). Returns the disposer.
 */
export function mountFocusRing(article: HTMLElement): () => void {
  let tabbed = false;
  const onKeyDown = (event: KeyboardEvent) => {
    tabbed = event.key === 'Tab';
  };
  const onPointerDown = () => {
    tabbed = false;
  };
  const onFocus = () => article.classList.toggle('keyboard-focus', tabbed);
  const onBlur = () => article.classList.remove('keyboard-focus');
  document.addEventListener('keydown', onKeyDown, true);
  document.addEventListener('pointerdown', onPointerDown, true);
  article.addEventListener('focus', onFocus);
  article.addEventListener('blur', onBlur);
  return () => {
    document.removeEventListener('keydown', onKeyDown, true);
    document.removeEventListener('pointerdown', onPointerDown, true);
    article.removeEventListener('focus', onFocus);
    article.removeEventListener('blur', onBlur);
  };
}
