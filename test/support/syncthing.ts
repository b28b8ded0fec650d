import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareInstance } from './syncthing-config.js';
import { SyncthingInstance, sleep } from './syncthing-instance.js';

export { SyncthingInstance } from './syncthing-instance.js';

/**
 * Folder timings for tests: a short full rescan as the fallback, the file
 * watcher on with the smallest delay this Syncthing takes (whole seconds).
 */
const RESCAN_INTERVAL_S = 5;
const WATCHER_DELAY_S = 1;
/** How often, and how many times in a row, `waitInSync` must see every device settled. */
const SETTLE_POLL_MS = 150;
const SETTLED_POLLS_NEEDED = 2;

/** The installed Syncthing's version line, or undefined where the binary is absent. */
export function syncthingVersion(): string | undefined {
  try {
    return execFileSync('syncthing', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/**
 * A device's entry in another's config, reached at `address`: its loopback address, or
 * `dynamic`, which with discovery off finds no address (that side never dials, only answers).
 */
function deviceEntry(device: SyncthingInstance, address: string) {
  return { deviceID: device.deviceId, name: device.name, addresses: [address], autoAcceptFolders: false };
}

/** What /rest/db/status says of a folder (the fields the harness reads). */
interface FolderStatus {
  state: string;
  needTotalItems: number;
  pullErrors: number;
  globalFiles: number;
  globalDirectories: number;
  globalDeleted: number;
  globalBytes: number;
}

/** Two or more paired Syncthing instances on loopback, each with a fresh home. */
export class SyncthingCluster {
  private readonly folderPaths = new Map<string, string[]>();

  private constructor(
    private readonly root: string,
    readonly devices: SyncthingInstance[],
  ) {}

  /**
   * Starts `count` instances (named A, B, …) and pairs each with every other
   * through the REST API, at the others' loopback addresses; returns once all are connected.
   */
  static async start(count = 2): Promise<SyncthingCluster> {
    const root = await mkdtemp(join(tmpdir(), 'marginalia-syncthing-'));
    const devices: SyncthingInstance[] = [];
    const cluster = new SyncthingCluster(root, devices);
    try {
      for (let i = 0; i < count; i++) {
        const name = String.fromCharCode(65 + i);
        const home = join(root, name, 'home');
        await mkdir(home, { recursive: true });
        devices.push(new SyncthingInstance(name, await prepareInstance(home, `marginalia-test-${name}`)));
      }
      // One at a time: two first starts at once are slow on two cores.
      for (const device of devices) await device.start();
      // Of each pair only the first dials (the second knows no address for it). When both dial,
      // they meet in two crossing connections, and now and then one of them stalls in the hello
      // for Syncthing's 20 s timeout; a dial to a side that does not know the dialer yet is
      // refused and retried only seconds later. So the second learns of the first, then the first dials.
      const pairs = devices.flatMap((first, i) => devices.slice(i + 1).map((second) => [first, second] as const));
      for (const [first, second] of pairs) {
        await second.rest('POST', '/rest/config/devices', deviceEntry(first, 'dynamic'));
        await first.rest('POST', '/rest/config/devices', deviceEntry(second, second.syncAddress));
      }
      await cluster.waitConnected();
      // Now both may dial, so a restarted device reconnects at once instead of at the peer's next redial (~15 s).
      for (const [first, second] of pairs) await second.rest('PATCH', `/rest/config/devices/${first.deviceId}`, { addresses: [first.syncAddress] });
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** The device named `name` ("A", "B", …). */
  device(name: string): SyncthingInstance {
    const device = this.devices.find((d) => d.name === name);
    if (!device) throw new Error(`no syncthing device ${name}; there are ${this.devices.map((d) => d.name).join(', ')}`);
    return device;
  }

  /**
   * Shares folder `id` among all devices, send-receive, each in a fresh folder
   * of its own (or at `paths[i]` when given: `pathOf` tells which).
   */
  async shareFolder(id: string, paths?: string[]): Promise<void> {
    const folderPaths = this.devices.map((d, i) => paths?.[i] ?? join(this.root, d.name, 'folders', id));
    for (const [i, device] of this.devices.entries()) {
      const path = folderPaths[i]!;
      await mkdir(path, { recursive: true });
      await device.rest('POST', '/rest/config/folders', {
        id,
        label: id,
        path,
        type: 'sendreceive',
        devices: this.devices.map((d) => ({ deviceID: d.deviceId })),
        rescanIntervalS: RESCAN_INTERVAL_S,
        fsWatcherEnabled: true,
        fsWatcherDelayS: WATCHER_DELAY_S,
      });
    }
    this.folderPaths.set(id, folderPaths);
    await this.waitInSync(id);
  }

  /** Where `device` keeps shared folder `id`. */
  pathOf(device: SyncthingInstance, id: string): string {
    const path = this.folderPaths.get(id)?.[this.devices.indexOf(device)];
    if (path === undefined) throw new Error(`folder ${id} is not shared with ${device.name}`);
    return path;
  }

  /** Waits until every device is connected to every other. */
  async waitConnected(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const missing: string[] = [];
      for (const device of this.devices) {
        for (const other of this.devices.filter((d) => d !== device)) {
          if (!(await device.connectedTo(other))) missing.push(`${device.name}→${other.name}`);
        }
      }
      if (!missing.length) return;
      if (Date.now() > deadline) throw new Error(`syncthing devices not connected after ${timeoutMs / 1000} s: ${missing.join(', ')}\n${this.logs()}`);
      await sleep(250);
    }
  }

  /**
   * Waits until folder `id` is the same everywhere: every device connected to
   * every other, idle, needing nothing, seeing every other at 100 % completion,
   * and all agreeing on the global file set; seen so on consecutive polls.
   * A change not yet noticed by a watcher is not waited for: `rescan` first when that matters.
   */
  async waitInSync(id: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let settledPolls = 0;
    for (;;) {
      const problems = await this.syncProblems(id);
      settledPolls = problems.length ? 0 : settledPolls + 1;
      if (settledPolls >= SETTLED_POLLS_NEEDED) return;
      if (Date.now() > deadline) throw new Error(`folder ${id} not in sync after ${timeoutMs / 1000} s: ${problems.join('; ')}\n${this.logs()}`);
      await sleep(SETTLE_POLL_MS);
    }
  }

  /** Scans folder `id` on every device now, then waits for it to be in sync. */
  async rescanAndWait(id: string, timeoutMs?: number): Promise<void> {
    for (const device of this.devices) await device.rescan(id);
    await this.waitInSync(id, timeoutMs);
  }

  /** Ends every instance and removes their homes and folders (the given `paths` of `shareFolder` are the caller's). */
  async stop(): Promise<void> {
    await Promise.all(this.devices.map((d) => d.stop().catch(() => d.kill())));
    await rm(this.root, { recursive: true, force: true });
  }

  /** What keeps folder `id` from being in sync right now (empty: nothing). */
  private async syncProblems(id: string): Promise<string[]> {
    const problems: string[] = [];
    const globals = new Set<string>();
    const folder = encodeURIComponent(id);
    for (const device of this.devices) {
      if (!device.running) {
        problems.push(`${device.name} is not running`);
        continue;
      }
      const status = await device.rest<FolderStatus>('GET', `/rest/db/status?folder=${folder}`);
      if (status.state !== 'idle') problems.push(`${device.name} is ${status.state}`);
      if (status.needTotalItems) problems.push(`${device.name} needs ${status.needTotalItems} items`);
      if (status.pullErrors) problems.push(`${device.name} has ${status.pullErrors} pull errors: ${await this.folderErrors(device, id)}`);
      globals.add(`${status.globalFiles}/${status.globalDirectories}/${status.globalDeleted}/${status.globalBytes}`);
      for (const other of this.devices.filter((d) => d !== device)) {
        if (!(await device.connectedTo(other))) {
          problems.push(`${device.name} is not connected to ${other.name}`);
          continue;
        }
        const seen = await device.rest<{ completion: number; needItems: number; needDeletes: number }>(
          'GET',
          `/rest/db/completion?folder=${folder}&device=${other.deviceId}`,
        );
        if (seen.completion !== 100 || seen.needItems || seen.needDeletes) problems.push(`${device.name} sees ${other.name} at ${seen.completion.toFixed(1)} %`);
      }
    }
    if (globals.size > 1) problems.push(`devices disagree on the global files (files/dirs/deleted/bytes): ${[...globals].join(' vs ')}`);
    return problems;
  }

  private async folderErrors(device: SyncthingInstance, id: string): Promise<string> {
    const { errors } = await device.rest<{ errors: { path: string; error: string }[] | null }>('GET', `/rest/folder/errors?folder=${encodeURIComponent(id)}`);
    return (errors ?? []).map((e) => `${e.path}: ${e.error}`).join(', ');
  }

  private logs(): string {
    return this.devices.map((d) => `--- syncthing ${d.name} ---\n${d.recentLog()}`).join('\n');
  }
}
