/** Space kept between a card brought on screen and the reading area's edge, in pixels. */
const EDGE = 12;

/**
 * Scrolls the reading area, as little as it takes, so that an element is on
 * screen (its top first, when it is taller than the area). Nothing moves when
 * it already is.
 */
export function bringOnScreen(element: HTMLElement, scroller: HTMLElement): void {
  const box = element.getBoundingClientRect();
  const area = scroller.getBoundingClientRect();
  const top = Math.max(area.top, 0) + EDGE;
  const bottom = Math.min(area.bottom, window.innerHeight) - EDGE;
  if (box.top < top) scroller.scrollTop -= top - box.top;
  else if (box.bottom > bottom) scroller.scrollTop += Math.min(box.bottom - bottom, box.top - top);
}
