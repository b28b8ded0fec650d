import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { unpackedPath } from '../../main/electron/unpacked.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readJson = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

interface Target {
  target: string;
}
type TargetList = (string | Target)[] | string | Target | undefined;
interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: string[];
  asar?: boolean;
  asarUnpack?: string[];
  electronFuses?: Record<string, boolean>;
  extraResources?: ({ from: string; to: string } | string)[];
  linux?: { target?: TargetList; icon?: string };
  mac?: { target?: TargetList; icon?: string };
  win?: { target?: TargetList; icon?: string };
}

const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

const targetNames = (targets: TargetList): string[] =>
  (Array.isArray(targets) ? targets : targets === undefined ? [] : [targets]).map((t) =>
    typeof t === 'string' ? t : t.target,
  );

describe('electron-builder.yml', () => {
  it('is valid against the installed electron-builder schema', () => {
    const scheme = readJson('node_modules/app-builder-lib/scheme.json');
    // The scheme declares JSON Schema draft-07, which is the default Ajv class.
    expect(scheme.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(scheme);
    const valid = validate(config);
    expect(valid, ajv.errorsText(validate.errors, { separator: '\n' })).toBe(true);
  });

  it('names the app and its identifier', () => {
    expect(config.appId).toBe('org.marginalia.app');
    expect(config.productName).toBe('Marginalia');
  });

  it('ships the sample article as an extra resource, where main.ts looks for it', () => {
    expect(config.extraResources).toContainEqual({
      from: 'assets/putin-obama-syria.txt',
      to: 'putin-obama-syria.txt',
    });
    const main = readFileSync(path.join(root, 'main/electron/main.ts'), 'utf8');
    expect(main).toContain("path.join(process.resourcesPath, 'putin-obama-syria.txt')");
  });

  it('packages the built app and leaves source maps out', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'package.json', '!**/*.map']));
  });

  it('builds an AppImage and a deb for Linux, a dmg for macOS and an NSIS installer for Windows', () => {
    expect(targetNames(config.linux?.target)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(targetNames(config.mac?.target)).toContain('dmg');
    expect(targetNames(config.win?.target)).toContain('nsis');
  });

  it('points every platform at icons that exist', () => {
    for (const icon of [config.linux?.icon, config.mac?.icon, config.win?.icon]) {
      expect(icon).toBeTruthy();
      expect(() => readFileSync(path.join(root, icon!, icon!.endsWith('.png') ? '' : '512x512.png'))).not.toThrow();
    }
  });
});

/**
 * The fuses the packaged binary must have, by Electron's own names
 * (@electron/fuses FuseV1Options), and why; docs/security.md explains each.
 */
const WANTED_FUSES: Record<string, boolean> = {
  RunAsNode: false, // ELECTRON_RUN_AS_NODE would make the app a plain Node
  EnableNodeCliInspectArguments: false, // no --inspect / SIGUSR1 debugger into main
  EnableNodeOptionsEnvironmentVariable: false, // NODE_OPTIONS=--require … is ignored
  EnableEmbeddedAsarIntegrityValidation: true, // app.asar must match its build-time hash
  OnlyLoadAppFromAsar: true, // no app/ folder beside the archive is ever loaded instead
  EnableCookieEncryption: true, // cookies on disk encrypted with the OS key store
  GrantFileProtocolExtraPrivileges: false, // we serve app://, never file://
};

describe('the Electron fuses electron-builder flips', () => {
  const require = createRequire(import.meta.url);
  // The @electron/fuses electron-builder itself loads, so the wire numbers are the ones it writes.
  const { FuseV1Options } = createRequire(require.resolve('app-builder-lib'))('@electron/fuses') as { FuseV1Options: Record<string, number> };
  const { PlatformPackager } = require('app-builder-lib') as {
    PlatformPackager: { prototype: { generateFuseConfig(fuses: unknown): Promise<Record<string, unknown>> } };
  };

  it('are each set to the wanted value, read through electron-builder\'s own translation to fuse wires', async () => {
    // generateFuseConfig is what electron-builder runs on `electronFuses` before writing the binary.
    const wires = await PlatformPackager.prototype.generateFuseConfig.call(null, config.electronFuses ?? {});
    const set = Object.fromEntries(
      Object.entries(FuseV1Options)
        .filter(([name]) => Number.isNaN(Number(name)))
        .filter(([, wire]) => wires[String(wire)] !== undefined)
        .map(([name, wire]) => [name, wires[String(wire)]]),
    );
    expect(set).toEqual(WANTED_FUSES);
  });

  it('still let main start the import worker, which is unpacked beside the archive', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('dist/main/import-worker.cjs');
    // main.ts starts unpackedPath(<its own folder>/import-worker.cjs).
    const inArchive = path.posix.join('/opt/Marginalia/resources/app.asar/dist/main', 'import-worker.cjs');
    expect(unpackedPath(inArchive, '/')).toBe('/opt/Marginalia/resources/app.asar.unpacked/dist/main/import-worker.cjs');
    expect(unpackedPath('C:\\Marginalia\\resources\\app.asar\\dist\\main\\import-worker.cjs', '\\')).toBe(
      'C:\\Marginalia\\resources\\app.asar.unpacked\\dist\\main\\import-worker.cjs',
    );
    expect(unpackedPath('/home/dev/marginalia/dist/main/import-worker.cjs', '/')).toBe('/home/dev/marginalia/dist/main/import-worker.cjs');
  });
});

describe('package.json', () => {
  const pkg = readJson('package.json') as {
    main?: string;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };

  it('keeps electron in devDependencies only, as electron-builder requires', () => {
    expect(pkg.devDependencies).toHaveProperty('electron');
    expect(pkg.dependencies ?? {}).not.toHaveProperty('electron');
  });

  it('starts the app from the bundled main process', () => {
    expect(pkg.main).toBe('dist/main/main.cjs');
  });
});
