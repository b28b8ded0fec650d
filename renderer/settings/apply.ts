import { COLORS } from '../../shared/colors.js';
import { setColorNames } from './color-names.js';
import { COLOR_NAME_LENGTH, DEFAULT_SETTINGS, FONT_SIZE, LINE_HEIGHT, LINE_WIDTH, type ReaderSettings } from '../../shared/settings.js';

/** The last settings shown, kept by the page only to draw the first frame with them (the library's are read right after). */
const FIRST_FRAME_KEY = 'marginalia:settings';

/**
 * Shows the page as the settings say: the theme on the root (the colours
 * follow it, see theme.css), and the text's size, column width (in
 * characters of its own size), typeface and line height as CSS variables
 * the reader's styles use.
 */
export function applySettings(settings: ReaderSettings, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = settings.theme;
  root.style.setProperty('--reading-size', `${settings.fontSize}px`);
  root.style.setProperty('--reading-width', String(settings.lineWidth));
  root.style.setProperty('--reading-font', settings.typeface === 'sans' ? 'var(--sans)' : 'var(--serif)');
  root.style.setProperty('--reading-line-height', String(settings.lineHeight));
  setColorNames(settings.colorNames);
  try {
    localStorage.setItem(FIRST_FRAME_KEY, JSON.stringify(settings));
  } catch {
    // Unavailable storage: the first frame of the next start is drawn with the defaults.
  }
}

/** The settings the page last showed (or the defaults), to draw the first frame before main answers. */
export function lastShownSettings(): ReaderSettings {
  let raw: Partial<Record<keyof ReaderSettings, unknown>> | null;
  try {
    raw = JSON.parse(localStorage.getItem(FIRST_FRAME_KEY) ?? 'null') as typeof raw;
  } catch {
    return DEFAULT_SETTINGS;
  }
  // Checked by hand: zod in the page would probe eval, which the page's CSP forbids (and reports).
  const within = (value: unknown, min: number, max: number) => typeof value === 'number' && value >= min && value <= max;
  const { fontSize, lineWidth, typeface, lineHeight, theme, colorNames } = raw ?? {};
  const names: ReaderSettings['colorNames'] = {};
  if (typeof colorNames === 'object' && colorNames !== null) {
    for (const color of COLORS) {
      const name = (colorNames as Record<string, unknown>)[color];
      if (typeof name === 'string' && name.length <= COLOR_NAME_LENGTH) names[color] = name;
    }
  }
  return {
    fontSize: within(fontSize, FONT_SIZE.min, FONT_SIZE.max) ? Math.round(fontSize as number) : DEFAULT_SETTINGS.fontSize,
    lineWidth: within(lineWidth, LINE_WIDTH.min, LINE_WIDTH.max) ? Math.round(lineWidth as number) : DEFAULT_SETTINGS.lineWidth,
    typeface: typeface === 'sans' || typeface === 'serif' ? typeface : DEFAULT_SETTINGS.typeface,
    lineHeight: within(lineHeight, LINE_HEIGHT.min, LINE_HEIGHT.max) ? (lineHeight as number) : DEFAULT_SETTINGS.lineHeight,
    theme: theme === 'light' || theme === 'dark' || theme === 'sepia' || theme === 'system' ? theme : DEFAULT_SETTINGS.theme,
    colorNames: names,
  };
}
