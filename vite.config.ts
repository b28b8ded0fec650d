import { defineConfig } from 'vite';

/**
 * Builds the renderer into dist/renderer. Relative asset URLs (`base: './'`)
 * let the same build load from app://marginalia/ in Electron and from
 * http://127.0.0.1:<port>/ in browser mode. Nothing is inlined, because the
 * page's CSP allows scripts and styles from 'self' only.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'chrome120',
  },
});
