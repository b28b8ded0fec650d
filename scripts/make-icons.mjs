// Renders assets/icon.svg to the PNG icons electron-builder packages:
// assets/icon.png (512×512, also converted by electron-builder for Windows
// and macOS) and assets/icons/<size>x<size>.png for the Linux icon theme.
// Uses Chromium through playwright-core, so no image tools are needed.
// Run by hand after editing the SVG: node scripts/make-icons.mjs
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = await readFile(path.join(root, 'assets/icon.svg'), 'utf8');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SIZES = [16, 32, 48, 64, 128, 256, 512];

const browser = await chromium.launch({ executablePath });
try {
  await mkdir(path.join(root, 'assets/icons'), { recursive: true });
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const sized = svg.replace(/width="512" height="512"/, `width="${size}" height="${size}"`);
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`);
    const outputs = [path.join(root, `assets/icons/${size}x${size}.png`)];
    if (size === 512) outputs.push(path.join(root, 'assets/icon.png'));
    for (const file of outputs) await page.screenshot({ path: file, omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`Wrote assets/icon.png and assets/icons/{${SIZES.join(',')}}.png`);
