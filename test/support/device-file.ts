import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every library a test opens (and every CLI or host it starts, which inherit
 * the environment) is on one device whose identity file is in a temp folder,
 * not the tester's own `~/.config/Marginalia/device.json`. Tests of two
 * devices give each its own file (or pass `device` to Library.open).
 */
if (!process.env.MARGINALIA_DEVICE_FILE) {
  process.env.MARGINALIA_DEVICE_FILE = join(mkdtempSync(join(tmpdir(), 'marginalia-device-')), 'device.json');
}
