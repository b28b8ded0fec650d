import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Options that keep a test instance on loopback: no global or local discovery,
 * no relays, no NAT traversal (which also stops STUN), no usage or crash
 * reports, no upgrades, no browser. The values are written into config.xml
 * before the first start, so not one packet leaves 127.0.0.1 even during startup.
 */
export const LOOPBACK_ONLY_OPTIONS = {
  globalAnnounceEnabled: false,
  localAnnounceEnabled: false,
  relaysEnabled: false,
  natEnabled: false,
  urAccepted: -1,
  crashReportingEnabled: false,
  autoUpgradeIntervalH: 0,
  startBrowser: false,
  announceLANAddresses: false,
  stunKeepaliveStartS: 0,
} as const;

/**
 * How often an instance redials a device it lost (default 60 s): short, so a
 * restarted or resumed device reconnects within a test's patience.
 */
const RECONNECT_INTERVAL_S = 2;

/** One instance's identity and addresses, fixed before it first starts. */
export interface InstanceSetup {
  home: string;
  deviceId: string;
  apiKey: string;
  guiPort: number;
  listenPort: number;
}

/** Ports handed out in this process, so two instances never get the same one. */
const handedOut = new Set<number>();

/** A TCP port on 127.0.0.1 that nothing listens on right now, never the same twice. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await unusedPort();
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
}

function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Generates keys and config in `home` with `syncthing generate`, then rewrites
 * the options for loopback-only use and the GUI for a known address and key.
 */
export async function prepareInstance(home: string, name: string): Promise<InstanceSetup> {
  await run('syncthing', ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing']);
  const [guiPort, listenPort] = [await freePort(), await freePort()];
  const apiKey = randomBytes(16).toString('hex');
  const path = join(home, 'config.xml');
  let xml = await readFile(path, 'utf8');
  const deviceId = /<device id="([A-Z0-9-]{63})"/.exec(xml)?.[1];
  if (!deviceId) throw new Error(`syncthing generate wrote no device id in ${path}`);
  const set = (tag: string, value: string | number | boolean) => {
    const pattern = new RegExp(`<${tag}>[^<]*</${tag}>`);
    if (!pattern.test(xml)) throw new Error(`config.xml of this syncthing version has no <${tag}>; the harness needs updating`);
    xml = xml.replace(pattern, `<${tag}>${value}</${tag}>`);
  };
  for (const [tag, value] of Object.entries(LOOPBACK_ONLY_OPTIONS)) set(tag, value);
  set('listenAddress', `tcp://127.0.0.1:${listenPort}`);
  set('reconnectionIntervalS', RECONNECT_INTERVAL_S);
  const gui = /<gui [^>]*>[\s\S]*?<\/gui>/;
  if (!gui.test(xml)) throw new Error(`config.xml of this syncthing version has no <gui>; the harness needs updating`);
  xml = xml.replace(gui, `<gui enabled="true" tls="false" debugging="false"><address>127.0.0.1:${guiPort}</address><apikey>${apiKey}</apikey></gui>`);
  xml = xml.replace(/(<device id="[A-Z0-9-]{63}" name=")[^"]*"/, `$1${name}"`);
  await writeFile(path, xml);
  return { home, deviceId, apiKey, guiPort, listenPort };
}
