import type { Color } from '../../shared/model.js';
import { COLORS as HIGHLIGHT_COLORS } from '../../shared/colors.js';
import { namedColor, onColorNames } from '../settings/color-names.js';

/** Space kept between a toolbar and the passage it belongs to, in pixels. */
const GAP = 8;
/** Below this distance from the top of the reading area the toolbar goes under the passage. */
const MIN_ROOM = 56;

/** A floating toolbar element, hidden until placed. */
export function createToolbar(className: string, label: string): HTMLElement {
  const toolbar = document.createElement('div');
  toolbar.className = `floating-toolbar ${className}`;
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', label);
  toolbar.hidden = true;
  // Keep the text selection when a toolbar button is pressed.
  toolbar.addEventListener('mousedown', (event) => event.preventDefault());
  return toolbar;
}

/** One swatch button per colour, in toolbar order, named with what the reader gave each colour to mean (and renamed when they change it). */
export function colorButtons(label: (color: Color) => string, onPick: (color: Color) => void): HTMLButtonElement[] {
  const buttons = HIGHLIGHT_COLORS.map((color) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `swatch-button swatch-${color}`;
    button.dataset.color = color;
    button.addEventListener('click', () => onPick(color));
    return button;
  });
  const name = () =>
    buttons.forEach((button, i) => {
      const color = HIGHLIGHT_COLORS[i]!;
      const said = `${label(color)}${namedColor(color).slice(color.length)}`;
      button.setAttribute('aria-label', said);
      button.title = `${said} — key ${i + 1}`;
    });
  name();
  onColorNames(name);
  return buttons;
}

/** A plain text button for a toolbar. */
export function textButton(text: string, label: string, onClick: () => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'toolbar-button';
  button.textContent = text;
  button.setAttribute('aria-label', label);
  button.addEventListener('click', onClick);
  return button;
}

/**
 * Places a toolbar centred above a passage's first line box (viewport
 * coordinates), inside `page`, or below it when there is no room above.
 */
export function placeToolbar(toolbar: HTMLElement, page: HTMLElement, scroller: HTMLElement, line: DOMRect): void {
  const pageBox = page.getBoundingClientRect();
  const room = line.top - scroller.getBoundingClientRect().top;
  const below = room < MIN_ROOM;
  toolbar.classList.toggle('below', below);
  toolbar.hidden = false;
  const top = below ? line.bottom - pageBox.top + GAP : line.top - pageBox.top - GAP;
  toolbar.style.top = `${Math.round(top)}px`;
  // Centred on the line, but never past the page's edges.
  const half = toolbar.offsetWidth / 2;
  const centre = line.left + line.width / 2 - pageBox.left;
  const left = Math.min(Math.max(centre, half + GAP), pageBox.width - half - GAP);
  toolbar.style.left = `${Math.round(left)}px`;
}
