import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileArgument } from '../../main/core/paths.js';
import { defaultLibraryDir, findElectronBinary, resolveDataDir } from '../../main/launch.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'marginalia-launch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the library folder', () => {
  it('comes from --data-dir first, then MARGINALIA_DATA_DIR, then the per-user default', () => {
    const env = { MARGINALIA_DATA_DIR: '/env/lib' };
    expect(resolveDataDir(['--data-dir', '/arg/lib'], env, '/default')).toBe(path.resolve('/arg/lib'));
    expect(resolveDataDir(['--data-dir=/arg/lib'], env, '/default')).toBe(path.resolve('/arg/lib'));
    expect(resolveDataDir([], env, '/default')).toBe(path.resolve('/env/lib'));
    expect(resolveDataDir([], {}, '/default')).toBe(path.resolve('/default'));
  });

  it('is made absolute, so a relative --data-dir means the same to every process', () => {
    expect(resolveDataDir(['--data-dir', 'lib'], {}, '/default')).toBe(path.resolve('lib'));
  });

  it("matches Electron's userData/library on each platform", () => {
    expect(defaultLibraryDir('linux', {}, '/home/ada')).toBe('/home/ada/.config/Marginalia/library');
    expect(defaultLibraryDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ada')).toBe('/xdg/Marginalia/library');
    expect(defaultLibraryDir('darwin', {}, '/Users/ada')).toBe('/Users/ada/Library/Application Support/Marginalia/library');
    expect(defaultLibraryDir('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada')).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Marginalia\\library',
    );
  });
});

describe('finding the Electron binary', () => {
  const pkg = path.join(work, 'electron');
  mkdirSync(pkg, { recursive: true });

  it('finds nothing when the download never happened (no path.txt)', () => {
    expect(findElectronBinary(pkg, {})).toBeUndefined();
  });

  it('finds nothing when path.txt names a binary that is missing', () => {
    writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    expect(findElectronBinary(pkg, {})).toBeUndefined();
  });

  it('finds the binary path.txt names under dist/', () => {
    mkdirSync(path.join(pkg, 'dist'), { recursive: true });
    writeFileSync(path.join(pkg, 'dist', 'electron'), '');
    expect(findElectronBinary(pkg, {})).toBe(path.join(pkg, 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const override = path.join(work, 'override');
    mkdirSync(override, { recursive: true });
    expect(findElectronBinary(pkg, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBeUndefined();
    writeFileSync(path.join(override, 'electron'), '');
    expect(findElectronBinary(pkg, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBe(path.join(override, 'electron'));
  });
});

describe('the file a launch asks to open', () => {
  it('is the last existing file, ignoring switches and the --data-dir value', () => {
    const article = path.join(work, 'article.md');
    writeFileSync(article, '# Title');
    const dataDirFile = path.join(work, 'not-a-document');
    writeFileSync(dataDirFile, '');
    expect(fileArgument(['--inspect=0', '--data-dir', dataDirFile, article])).toBe(article);
    expect(fileArgument(['--data-dir', dataDirFile])).toBeUndefined();
    expect(fileArgument([work, path.join(work, 'missing.txt')])).toBeUndefined();
  });
});
