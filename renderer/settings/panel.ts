import type { MarginaliaApi } from '../../shared/contract/schemas.js';
import { COLORS } from '../../shared/colors.js';
import { COLOR_NAME_LENGTH, DEFAULT_SETTINGS, FONT_SIZE, type ReaderSettings } from '../../shared/settings.js';
import { fieldset } from '../export-form.js';
import { applySettings, lastShownSettings } from './apply.js';
import { devicesSection } from './devices.js';
import './settings.css';

export interface SettingsPanel {
  open(): void;
  /** Text one step bigger (+1) or smaller (−1), or back to the default size (0): Ctrl/⌘ +, −, 0. */
  zoom(step: 1 | -1 | 0): void;
  /** Reads the devices again (another device's change arrived). */
  devicesChanged(): void;
  dispose(): void;
}

/** Line widths in characters of the text (an average character measured at 0.56em: layout.css). */
const WIDTHS: [number, string][] = [
  [45, 'Narrow (45 characters)'],
  [56, 'Medium (56 characters)'],
  [68, 'Wide (68 characters)'],
  [80, 'Very wide (80 characters)'],
];
const LINE_HEIGHTS: [number, string][] = [
  [1.4, 'Compact'],
  [1.65, 'Normal'],
  [1.9, 'Relaxed'],
];
const THEMES: [ReaderSettings['theme'], string][] = [
  ['system', 'As the system'],
  ['light', 'Light'],
  ['dark', 'Dark'],
  ['sepia', 'Sepia'],
];

function select<T extends string | number>(name: string, label: string, options: [T, string][]): HTMLSelectElement {
  const menu = document.createElement('select');
  menu.name = name;
  menu.setAttribute('aria-label', label);
  for (const [value, text] of options) menu.append(new Option(text, String(value)));
  return menu;
}

/**
 * Reading settings (View ▸ Reading Settings…, Ctrl/⌘+, or the "Aa" button):
 * text size, line width, typeface, line height and theme, shown at once as
 * they change and kept in the library (main's settings.json). Ctrl/⌘ +, −
 * and 0 change the text size from anywhere. The page is drawn with the last
 * settings it showed until main answers, so a start does not flash the defaults.
 */
export function mountSettingsPanel(
  api: Pick<MarginaliaApi, 'getSettings' | 'saveSettings' | 'devices' | 'renameDevice'>,
  failed: (error: unknown) => void,
  devicesFailed: (error: unknown) => void = failed,
): SettingsPanel {
  let settings = lastShownSettings();
  applySettings(settings);

  const dialog = document.createElement('dialog');
  dialog.className = 'settings-dialog';
  dialog.setAttribute('aria-labelledby', 'settings-title');
  const form = document.createElement('form');
  form.method = 'dialog';
  const title = document.createElement('h2');
  title.id = 'settings-title';
  title.textContent = 'Reading settings';

  const size = document.createElement('input');
  size.type = 'range';
  size.name = 'fontSize';
  size.min = String(FONT_SIZE.min);
  size.max = String(FONT_SIZE.max);
  size.step = String(FONT_SIZE.step);
  size.setAttribute('aria-label', 'Text size');
  const sizeShown = document.createElement('output');
  sizeShown.className = 'settings-size';
  const sizeSet = fieldset('Text size');
  sizeSet.append(size, sizeShown);

  const width = select('lineWidth', 'Line width', WIDTHS);
  const widthSet = fieldset('Line width');
  widthSet.append(width);

  const typeface = document.createElement('div');
  typeface.className = 'settings-typefaces';
  typeface.setAttribute('role', 'radiogroup');
  typeface.setAttribute('aria-label', 'Typeface');
  for (const [value, label] of [['serif', 'Serif'], ['sans', 'Sans serif']] as const) {
    const choice = document.createElement('label');
    choice.className = `settings-typeface settings-typeface-${value}`;
    const radio = document.createElement('input');
    radio.type = 'radio';
    radio.name = 'typeface';
    radio.value = value;
    choice.append(radio, ` ${label}`);
    typeface.append(choice);
  }
  const typefaceSet = fieldset('Typeface');
  typefaceSet.append(typeface);

  const lineHeight = select('lineHeight', 'Line height', LINE_HEIGHTS);
  const lineHeightSet = fieldset('Line height');
  lineHeightSet.append(lineHeight);

  const theme = select('theme', 'Theme', THEMES);
  const themeSet = fieldset('Theme');
  themeSet.append(theme);

  // What each colour means to the reader: shown in the toolbars, lists, filters and exports.
  const names = document.createElement('div');
  names.className = 'settings-color-names';
  const nameFields = COLORS.map((color) => {
    const row = document.createElement('label');
    row.className = 'settings-color-name';
    const swatch = document.createElement('span');
    swatch.className = `swatch swatch-${color}`;
    swatch.setAttribute('aria-hidden', 'true');
    const field = document.createElement('input');
    field.type = 'text';
    field.name = `colorName-${color}`;
    field.maxLength = COLOR_NAME_LENGTH;
    field.placeholder = `${color[0]!.toUpperCase()}${color.slice(1)} means…`;
    field.setAttribute('aria-label', `What ${color} means`);
    field.autocomplete = 'off';
    row.append(swatch, field);
    names.append(row);
    return field;
  });
  const namesSet = fieldset('Colours mean');
  namesSet.append(names);

  const buttons = document.createElement('div');
  buttons.className = 'export-buttons';
  const done = document.createElement('button');
  done.type = 'submit';
  done.className = 'button';
  done.textContent = 'Done';
  buttons.append(done);
  // Which device this is, and which others changed the library (a library synced between devices: README).
  const devices = devicesSection(api, devicesFailed);
  form.append(title, sizeSet, widthSet, typefaceSet, lineHeightSet, themeSet, namesSet, devices.element, buttons);
  dialog.append(form);
  document.body.append(dialog);

  /** A value of a menu nearest to `value` (a setting written by another build may be between two). */
  const nearest = (menu: HTMLSelectElement, value: number) =>
    [...menu.options].map((o) => o.value).sort((a, b) => Math.abs(Number(a) - value) - Math.abs(Number(b) - value))[0]!;

  const show = () => {
    size.value = String(settings.fontSize);
    sizeShown.textContent = `${settings.fontSize} px`;
    width.value = nearest(width, settings.lineWidth);
    lineHeight.value = nearest(lineHeight, settings.lineHeight);
    theme.value = settings.theme;
    for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="typeface"]')) radio.checked = radio.value === settings.typeface;
    COLORS.forEach((color, i) => {
      const field = nameFields[i]!;
      if (document.activeElement !== field) field.value = settings.colorNames[color] ?? '';
    });
  };

  let asked = 0;
  /** Shows a change at once and keeps it in the library; main's answer is what stays. */
  const change = (patch: Partial<ReaderSettings>) => {
    settings = { ...settings, ...patch };
    applySettings(settings);
    show();
    const ask = ++asked;
    api.saveSettings(patch).then(
      (saved) => {
        if (ask !== asked) return;
        settings = saved;
        applySettings(settings);
        show();
      },
      failed,
    );
  };

  size.addEventListener('input', () => change({ fontSize: Number(size.value) }));
  width.addEventListener('change', () => change({ lineWidth: Number(width.value) }));
  lineHeight.addEventListener('change', () => change({ lineHeight: Number(lineHeight.value) }));
  theme.addEventListener('change', () => change({ theme: theme.value as ReaderSettings['theme'] }));
  let naming: ReturnType<typeof setTimeout> | undefined;
  names.addEventListener('input', () => {
    // Saved when typing pauses; shown in the toolbars and lists at once.
    const colorNames: ReaderSettings['colorNames'] = {};
    COLORS.forEach((color, i) => {
      const name = nameFields[i]!.value.trim();
      if (name) colorNames[color] = name;
    });
    clearTimeout(naming);
    naming = setTimeout(() => change({ colorNames }), 300);
  });
  typeface.addEventListener('change', (event) => change({ typeface: (event.target as HTMLInputElement).value as ReaderSettings['typeface'] }));

  const zoom = (step: 1 | -1 | 0) => {
    const next = step === 0 ? DEFAULT_SETTINGS.fontSize : Math.min(FONT_SIZE.max, Math.max(FONT_SIZE.min, settings.fontSize + step * FONT_SIZE.step));
    if (next !== settings.fontSize) change({ fontSize: next });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.altKey || !(event.ctrlKey || event.metaKey)) return;
    if (event.key === ',') {
      event.preventDefault();
      panel.open();
    } else if (event.key === '=' || event.key === '+') {
      event.preventDefault();
      zoom(1);
    } else if (event.key === '-' || event.key === '_') {
      event.preventDefault();
      zoom(-1);
    } else if (event.key === '0') {
      event.preventDefault();
      zoom(0);
    }
  };
  document.addEventListener('keydown', onKeyDown);

  void api.getSettings({}).then((stored) => {
    settings = stored;
    applySettings(settings);
    show();
  }, failed);
  show();

  const panel: SettingsPanel = {
    open() {
      show();
      void devices.refresh();
      if (!dialog.open) dialog.showModal();
      size.focus();
    },
    zoom,
    devicesChanged() {
      if (dialog.open) void devices.refresh();
    },
    dispose() {
      document.removeEventListener('keydown', onKeyDown);
      dialog.remove();
    },
  };
  return panel;
}
