const SVG = 'http://www.w3.org/2000/svg';

/** 16×16 outlines, drawn with the text colour. */
const PATHS = {
  pencil: 'M11.5 2.5l2 2L6 12H4v-2l7.5-7.5zM10 4l2 2',
  trash: 'M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 8.5h5.6l.7-8.5M7 7v4M9 7v4',
  restore: 'M3.5 8a4.5 4.5 0 1 0 1.4-3.3M3.5 2.5v2.7h2.7',
  articles: 'M4 2.5h5.5L12 5v8.5H4zM9.5 2.5V5H12M6 8h4M6 10.5h4',
} as const;

/** A small icon for a button whose name is in its aria-label (the icon itself is hidden from screen readers). */
export function icon(name: keyof typeof PATHS): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '14');
  svg.setAttribute('height', '14');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', PATHS[name]);
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '1.3');
  path.setAttribute('stroke-linecap', 'round');
  path.setAttribute('stroke-linejoin', 'round');
  svg.append(path);
  return svg;
}

/** A row's small action button (Rename, Trash, Restore…): its icon, what it does (its aria-label) and its tooltip. */
export function rowAction(className: string, name: keyof typeof PATHS, label: string, tooltip: string, onClick: () => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `row-action ${className}`;
  button.setAttribute('aria-label', label);
  button.title = tooltip;
  button.append(icon(name));
  button.addEventListener('click', onClick);
  return button;
}
