/** What Shift+key extends the selection by. */
const STEPS: Record<string, { direction: 'forward' | 'backward'; granularity: string; wordGranularity?: string }> = {
  ArrowRight: { direction: 'forward', granularity: 'character', wordGranularity: 'word' },
  ArrowLeft: { direction: 'backward', granularity: 'character', wordGranularity: 'word' },
  ArrowDown: { direction: 'forward', granularity: 'line', wordGranularity: 'paragraph' },
  ArrowUp: { direction: 'backward', granularity: 'line', wordGranularity: 'paragraph' },
  End: { direction: 'forward', granularity: 'lineboundary' },
  Home: { direction: 'backward', granularity: 'lineboundary' },
};

/**
 * Lets the keyboard select text in the read-only article, which browsers do
 * not do by themselves outside editable content: Shift+arrows (with Ctrl or
 * Alt: by word or paragraph) and Shift+Home/End extend the selection from
 * where the reader clicked, or from the start of the first visible paragraph.
 * Returns the disposer.
 */
export function mountKeyboardSelection(article: HTMLElement, scroller: HTMLElement): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    const step = STEPS[event.key];
    if (!step || !event.shiftKey || event.metaKey) return;
    const selection = document.getSelection();
    if (!selection) return;
    if (selection.rangeCount === 0 || !article.contains(selection.anchorNode)) {
      const start = firstVisibleText(article, scroller);
      if (!start) return;
      selection.collapse(start, 0);
    }
    const byWord = (event.ctrlKey || event.altKey) && step.wordGranularity;
    selection.modify('extend', step.direction, byWord ? step.wordGranularity! : step.granularity);
    event.preventDefault();
  };
  article.addEventListener('keydown', onKeyDown);
  return () => article.removeEventListener('keydown', onKeyDown);
}

function firstVisibleText(article: HTMLElement, scroller: HTMLElement): Text | null {
  const top = scroller.getBoundingClientRect().top;
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  let first: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (!node.data.trim()) continue;
    first ??= node;
    if ((node.parentElement?.getBoundingClientRect().bottom ?? 0) > top) return node;
  }
  return first;
}
