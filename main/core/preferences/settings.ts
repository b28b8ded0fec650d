import { z } from 'zod';
import { ReaderSettingsSchema } from '../../../shared/settings-schema.js';
import { DEFAULT_SETTINGS, type ReaderSettings as Settings } from '../../../shared/settings.js';
import type { Store } from '../store/index.js';
import { PreferenceFile } from './preference-file.js';

/** The format of `settings.json`. */
export const SETTINGS_FILE_VERSION = 1;

/** Settings as written: a field missing (written before it existed) reads as its default. */
const SettingsFileSchema = z.object({
  version: z.literal(SETTINGS_FILE_VERSION),
  settings: ReaderSettingsSchema.partial(),
});
type SettingsFile = z.infer<typeof SettingsFileSchema>;

/** The reader's settings: `settings.json` at the top of the library, so the app, a second window and a new profile share them. */
export class ReaderSettings {
  private readonly file: PreferenceFile<SettingsFile>;

  constructor(store: Store) {
    this.file = new PreferenceFile(
      store,
      'settings.json',
      SettingsFileSchema,
      () => ({ version: SETTINGS_FILE_VERSION, settings: {} }),
      'started afresh with the default text size, width and colours',
    );
  }

  async get(): Promise<Settings> {
    return { ...DEFAULT_SETTINGS, ...(await this.file.read()).settings };
  }

  /** Changes some settings (checked: a value out of range is refused, and nothing changes). */
  async change(patch: Partial<Settings>): Promise<Settings> {
    const checked = ReaderSettingsSchema.partial().parse(patch);
    await this.file.change(({ settings }) => ({ version: SETTINGS_FILE_VERSION, settings: { ...settings, ...checked } }));
    return this.get();
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
