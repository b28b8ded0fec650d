import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import type { Highlight } from '../../shared/model.js';
import { runCli, type CliResult } from './cli.js';
import { SyncthingCluster, type SyncthingInstance } from './syncthing.js';

/** The id of the shared folder that is the library on every side. */
export const LIBRARY_FOLDER = 'library';

/**
 * One device of a synced library: a Syncthing instance, the library folder
 * it keeps in sync, and the CLI run as that device (its own device file,
 * outside the library, as the app keeps it in its own data folder).
 */
export interface LibraryDevice {
  name: string;
  syncthing: SyncthingInstance;
  dataDir: string;
  deviceFile: string;
  /** Runs the real CLI on this side's library, as this device. */
  cli(...args: string[]): Promise<CliResult>;
  /** `highlights ARTICLE_ID --json` on this side; fails the test with the CLI's message when it does not exit 0. */
  highlights(articleId: string): Promise<Highlight[]>;
}

/** A CLI run that must succeed; returns its trimmed stdout. */
export async function acknowledged(run: Promise<CliResult>, what: string): Promise<string> {
  const result = await run;
  expect(result.code, `${what}: exit ${result.code}\n${result.stderr}`).toBe(0);
  return result.stdout.trim();
}

/**
 * Two (or more) Syncthing devices sharing one library folder, each with a
 * CLI that acts as its own Marginalia device. `stop` ends Syncthing and
 * removes every folder made here.
 */
export class SyncedLibraries {
  private constructor(
    readonly cluster: SyncthingCluster,
    readonly devices: LibraryDevice[],
    private readonly deviceFiles: string,
  ) {}

  static async start(count = 2): Promise<SyncedLibraries> {
    const cluster = await SyncthingCluster.start(count);
    const deviceFiles = await mkdtemp(join(tmpdir(), 'marginalia-device-files-'));
    try {
      await cluster.shareFolder(LIBRARY_FOLDER);
      const devices = cluster.devices.map((syncthing): LibraryDevice => {
        const dataDir = cluster.pathOf(syncthing, LIBRARY_FOLDER);
        const deviceFile = join(deviceFiles, `${syncthing.name}.device.json`);
        const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], { env: { MARGINALIA_DEVICE_FILE: deviceFile }, hangAfterMs: 60_000 });
        return {
          name: syncthing.name,
          syncthing,
          dataDir,
          deviceFile,
          cli,
          highlights: async (articleId) => JSON.parse(await acknowledged(cli('highlights', articleId, '--json'), `${syncthing.name}: highlights`)) as Highlight[],
        };
      });
      return new SyncedLibraries(cluster, devices, deviceFiles);
    } catch (error) {
      await cluster.stop();
      await rm(deviceFiles, { recursive: true, force: true });
      throw error;
    }
  }

  device(name: string): LibraryDevice {
    const device = this.devices.find((d) => d.name === name);
    if (!device) throw new Error(`no device ${name}`);
    return device;
  }

  /** Scans the library on every side and waits until Syncthing has carried every change everywhere. */
  settle(timeoutMs = 30_000): Promise<void> {
    return this.cluster.rescanAndWait(LIBRARY_FOLDER, timeoutMs);
  }

  /** Cuts the link between A and B from A's side (B keeps dialing, A refuses), and waits until it is down. */
  async cut(a: LibraryDevice, b: LibraryDevice): Promise<void> {
    await a.syncthing.pauseDevice(b.syncthing);
    await expect.poll(() => a.syncthing.connectedTo(b.syncthing), { timeout: 10_000, message: `${a.name} still connected to ${b.name} 10 s after pausing it` }).toBe(false);
  }

  /** Lets A dial B again and waits until every device is connected. */
  async reconnect(a: LibraryDevice, b: LibraryDevice): Promise<void> {
    await a.syncthing.resumeDevice(b.syncthing);
    await this.cluster.waitConnected(30_000);
  }

  async stop(): Promise<void> {
    await this.cluster.stop();
    await rm(this.deviceFiles, { recursive: true, force: true });
  }
}

/** Every file under `dir` (paths relative to it), Syncthing's own `.stfolder` left out; none when `dir` is absent. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .filter((p) => !p.startsWith('.stfolder'))
    .sort();
}
