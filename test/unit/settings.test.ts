import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dispatch } from '../../main/core/dispatch.js';
import { coreHandlers } from '../../main/core/handlers.js';
import { DEFAULT_SETTINGS } from '../../shared/settings.js';
import { openTestLibrary } from '../support/library.js';
import { tempDir } from '../support/temp.js';
import { layoutOf } from '../support/store-layout.js';

describe("the reader's settings", () => {
  it('start as the defaults, are kept in the library across a restart, and a change keeps the other settings', async () => {
    const dataDir = await tempDir();
    const library = await openTestLibrary({ dataDir });
    expect(await library.settings.get()).toEqual(DEFAULT_SETTINGS);
    await library.settings.change({ fontSize: 23, theme: 'sepia' });
    expect(await library.settings.change({ typeface: 'sans' })).toEqual({ ...DEFAULT_SETTINGS, fontSize: 23, theme: 'sepia', typeface: 'sans' });
    await library.close();
    expect(JSON.parse(await readFile(join(layoutOf(dataDir).deviceDir, 'settings.json'), 'utf8'))).toEqual({ version: 1, settings: { fontSize: 23, theme: 'sepia', typeface: 'sans' } });

    const reopened = await openTestLibrary({ dataDir });
    expect(await reopened.settings.get()).toEqual({ ...DEFAULT_SETTINGS, fontSize: 23, theme: 'sepia', typeface: 'sans' });
  });

  it('a file from another version or damaged goes to quarantine, is reported, and the defaults apply', async () => {
    const dataDir = await tempDir();
    await (await openTestLibrary({ dataDir })).close(); // makes this device's folder in the library
    await writeFile(join(layoutOf(dataDir).deviceDir, 'settings.json'), JSON.stringify({ version: 9, settings: { fontSize: 40 } }));
    const library = await openTestLibrary({ dataDir });
    expect(await library.settings.get()).toEqual(DEFAULT_SETTINGS);
    expect((await library.recoveries()).map((r) => r.file)).toEqual([join(layoutOf(dataDir).deviceDir, 'settings.json')]);
  });

  it.each([
    ['a text size beyond the largest', { fontSize: 80 }],
    ['a column narrower than 45 characters', { lineWidth: 20 }],
    ['a theme that does not exist', { theme: 'neon' }],
    ['a setting that does not exist', { zoom: 2 }],
  ])('refuses %s through the contract, and nothing changes', async (_name, patch) => {
    const dataDir = await tempDir();
    const library = await openTestLibrary({ dataDir });
    const handlers = coreHandlers(library, { host: 'browser', version: 'test' } as never);
    const result = await dispatch(handlers, 'saveSettings', patch);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await library.settings.get()).toEqual(DEFAULT_SETTINGS);
  });
});
