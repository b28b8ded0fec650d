import { LOGSEQ } from './logseq.js';
import { OBSIDIAN } from './obsidian.js';
import { PLAIN } from './plain.js';

/** The layouts Marginalia ships (docs/templates.md shows each). */
export const PRESETS = { plain: PLAIN, obsidian: OBSIDIAN, logseq: LOGSEQ } as const;
export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

/** The layout used when none is chosen: Obsidian-flavoured Markdown, as exports always were. */
export const DEFAULT_PRESET: PresetName = 'obsidian';
