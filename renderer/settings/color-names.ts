import type { Color } from '../../shared/colors.js';
import { colorLabel, type ColorNames } from '../../shared/settings.js';

/**
 * The names the reader gave the colours (Settings), for every part of the
 * page that names a colour: the toolbars, the side list, the filters. Set
 * with the settings (apply.ts); parts that show them listen for changes.
 */
let names: ColorNames = {};
const listeners = new Set<() => void>();

export function setColorNames(next: ColorNames): void {
  if (JSON.stringify(next) === JSON.stringify(names)) return;
  names = { ...next };
  for (const listener of [...listeners]) listener();
}

/** "Yellow (key idea)", or "Yellow" when the reader gave it no name. */
export const namedColor = (color: Color): string => colorLabel(color, names);

/** Calls `listener` whenever the names change; returns the function that stops it. */
export function onColorNames(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
