import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mimeTypeOf, resolveAppFile } from '../../main/electron/app-files.js';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  isAllowedNavigation,
  isExternalLink,
  isTrustedSenderUrl,
  secureWebPreferences,
} from '../../main/electron/security-policy.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const source = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** The CSP as directive → sources. */
const directives = new Map(
  CONTENT_SECURITY_POLICY.split(';')
    .map((d) => d.trim().split(/\s+/))
    .filter((parts) => parts[0])
    .map(([name, ...values]) => [name!, values]),
);

describe('window webPreferences', () => {
  it('isolate and sandbox the page with no Node access anywhere', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      preload: '/app/preload.cjs',
    });
  });
});

describe('Content-Security-Policy', () => {
  it('denies everything by default', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
  });

  it('allows scripts and styles only from the app itself, never inline or eval', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval/);
  });

  it('allows no plugins, frames, forms, base rewrites or remote hosts', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/\*|https?:|blob:|filesystem:/);
  });
});

describe('navigation', () => {
  it('stays on the app scheme', () => {
    expect(isAllowedNavigation(APP_ENTRY_URL)).toBe(true);
    expect(isAllowedNavigation('app://marginalia/index.html#article')).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://marginalia/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'app://evil/index.html',
    'app://marginalia.evil/index.html',
    'app://marginalia@evil/index.html',
    'app://user:pass@marginalia/index.html',
    'chrome://settings',
    'about:blank',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it('trusts IPC only from frames showing app pages', () => {
    expect(isTrustedSenderUrl(APP_ENTRY_URL)).toBe(true);
    expect(isTrustedSenderUrl(undefined)).toBe(false);
    expect(isTrustedSenderUrl('about:blank')).toBe(false);
    expect(isTrustedSenderUrl('https://marginalia/')).toBe(false);
  });

  it('offers only web and mail links to the system browser', () => {
    expect(isExternalLink('https://example.com/a')).toBe(true);
    expect(isExternalLink('mailto:someone@example.com')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'app://marginalia/x']) {
      expect(isExternalLink(url)).toBe(false);
    }
  });
});

describe('app scheme files', () => {
  const dir = path.join(root, 'dist', 'renderer');

  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveAppFile(dir, 'app://marginalia/index.html')).toBe(path.join(dir, 'index.html'));
    expect(resolveAppFile(dir, 'app://marginalia/')).toBe(path.join(dir, 'index.html'));
    expect(resolveAppFile(dir, 'app://marginalia/assets/index-abc.js?v=1')).toBe(path.join(dir, 'assets', 'index-abc.js'));
  });

  it.each([
    'app://marginalia/../../etc/passwd',
    'app://marginalia/%2e%2e/%2e%2e/etc/passwd',
    'app://marginalia/assets/..%2f..%2f..%2fpackage.json',
    'app://marginalia/..%5c..%5cpackage.json',
    'app://marginalia/index.html%00.png',
    'app://marginalia/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('never serves %s from outside the folder', (url) => {
    // Either refused outright or clamped inside the folder (where it is a 404).
    const file = resolveAppFile(dir, url);
    if (file !== undefined) expect(file.startsWith(dir + path.sep)).toBe(true);
  });

  it('labels the files Vite emits with their content types', () => {
    expect(mimeTypeOf('index.html')).toMatch(/^text\/html/);
    expect(mimeTypeOf('a.JS')).toMatch(/^text\/javascript/);
    expect(mimeTypeOf('a.css')).toMatch(/^text\/css/);
    expect(mimeTypeOf('a.woff2')).toBe('font/woff2');
    expect(mimeTypeOf('a.unknown')).toBe('application/octet-stream');
  });
});

describe('the Electron shell source', () => {
  const window = source('main/electron/window.ts');
  const protocol = source('main/electron/protocol.ts');
  const preload = source('main/electron/preload.ts');
  const main = source('main/electron/main.ts');

  it('builds every window with the secure webPreferences', () => {
    expect(window).toMatch(/webPreferences:\s*secureWebPreferences\(/);
    expect(window).not.toMatch(/nodeIntegration\s*:\s*true|contextIsolation\s*:\s*false|sandbox\s*:\s*false/);
  });

  it('guards navigation, pop-ups, webviews and permissions', () => {
    expect(window).toContain("'will-navigate'");
    expect(window).toContain("'will-redirect'");
    expect(window).toContain("'will-attach-webview'");
    expect(window).toMatch(/setWindowOpenHandler\([\s\S]*?action: 'deny'/);
    expect(window).toMatch(/setPermissionRequestHandler\([\s\S]*?callback\(false\)/);
    expect(window).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
    // Applied to every web contents, not only the main window's.
    expect(main).toMatch(/'web-contents-created'[\s\S]*?guardWebContents/);
    expect(main).toContain('app.enableSandbox()');
  });

  it('sends the CSP with every app-scheme response', () => {
    expect(protocol).toContain("'Content-Security-Policy': CONTENT_SECURITY_POLICY");
  });

  it('never hands ipcRenderer itself to the page', () => {
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(preload).toMatch(/exposeInMainWorld\('marginalia', api\)/);
    // The preload's only value import from the contract is the schema-free operations list.
    expect(preload).not.toMatch(/^import \{[^}]*\} from '\.\.\/\.\.\/shared\/contract\/(index|schemas)\.js'/m);
  });
});
