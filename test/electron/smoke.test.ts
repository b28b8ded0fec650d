import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../shared/contract/operations.js';
import { electronBinary } from '../../main/launch.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const executablePath = electronBinary();

if (!executablePath) {
  console.warn(
    'Electron binary not installed on this machine (node_modules/electron/dist missing); skipping real-Electron smoke test',
  );
}

describe.skipIf(!executablePath)('the real Electron app', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'marginalia-electron-'));
    app = await _electron.launch({
      executablePath: executablePath!,
      args: [path.join(root, 'dist/main/main.cjs'), '--data-dir', dataDir],
      cwd: root,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens on the sample article', async () => {
    await page.getByText('Putin Says He And Obama Took Step Forward On Syria').first().waitFor({ timeout: 30_000 });
  });

  it('serves the page from the app scheme', () => {
    expect(page.url()).toBe('app://marginalia/index.html');
  });

  it('gives the page exactly one bridge function per contract operation, and nothing of Node', async () => {
    const exposed = await page.evaluate(() => {
      const bridge = (window as unknown as { marginalia: Record<string, unknown> }).marginalia;
      return {
        functions: Object.keys(bridge).filter((key) => typeof bridge[key] === 'function').sort(),
        keys: Object.keys(bridge).length,
        hasRequire: typeof (window as unknown as { require?: unknown }).require !== 'undefined',
        hasProcess: typeof (window as unknown as { process?: unknown }).process !== 'undefined',
      };
    });
    expect(exposed.functions).toEqual([...OPERATIONS, 'onEvent'].sort());
    expect(exposed.keys).toBe(OPERATIONS.length + 1);
    expect(exposed.hasRequire).toBe(false);
    expect(exposed.hasProcess).toBe(false);
  });

  it('answers a contract call with a Result from the real core', async () => {
    const info = await page.evaluate(() =>
      (window as unknown as { marginalia: { getAppInfo(r: object): Promise<unknown> } }).marginalia.getAppInfo({}),
    );
    expect(info).toMatchObject({ ok: true, value: { host: 'electron', dataDir } });
  });
});
