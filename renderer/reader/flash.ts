import type { EditorView } from 'prosemirror-view';

/** How long a flash stays (its CSS animation fades it out within this). */
const FLASH_MS = 1600;

/**
 * Draws a brief glow over a passage of the page (document positions), to
 * show the reader where a search took them. The glow is boxes laid over the
 * text in the page, outside the document: nothing in the article changes,
 * and the boxes go when their animation ends.
 */
export function flashPassage(view: EditorView, page: HTMLElement, from: number, to: number): void {
  if (to <= from || to > view.state.doc.content.size) return;
  const start = view.domAtPos(from, 1);
  const end = view.domAtPos(to, -1);
  const range = document.createRange();
  try {
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
  } catch {
    return;
  }
  let boxes: HTMLElement[] = [];
  const draw = () => {
    const origin = page.getBoundingClientRect();
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0).slice(0, 50);
    while (boxes.length > rects.length) boxes.pop()!.remove();
    rects.forEach((rect, i) => {
      let box = boxes[i];
      if (!box) {
        box = document.createElement('div');
        box.className = 'passage-flash';
        box.setAttribute('aria-hidden', 'true');
        page.append(box);
        boxes.push(box);
      }
      box.style.top = `${rect.top - origin.top}px`;
      box.style.left = `${rect.left - origin.left}px`;
      box.style.width = `${rect.width}px`;
      box.style.height = `${rect.height}px`;
    });
  };
  draw();
  // The text may still move in the page while the flash lasts (a long book's parts laid out above it,
  // their stand-in heights replaced by real ones): the boxes follow it, a frame at a time.
  const started = performance.now();
  const follow = () => {
    if (boxes.length === 0) return;
    if (performance.now() - started >= FLASH_MS) {
      for (const box of boxes) box.remove();
      boxes = [];
      return;
    }
    draw();
    requestAnimationFrame(follow);
  };
  requestAnimationFrame(follow);
}
