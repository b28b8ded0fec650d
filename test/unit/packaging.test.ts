import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

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
