import { spawn, type ChildProcess } from 'node:child_process';
import { LOOPBACK_ONLY_OPTIONS, type InstanceSetup } from './syncthing-config.js';

/**
 * How long a start may take. Generous: on a loaded 2-core machine the first
 * start (database creation, TLS setup) has been seen to take several seconds.
 */
const START_TIMEOUT_MS = 90_000;
/** How long one REST call may take before it counts as a hang. */
const REST_TIMEOUT_MS = 30_000;
/** Log lines kept for error messages. */
const LOG_LINES_KEPT = 80;

/** Every Syncthing process started here and still running: none may outlive the test run. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) signalGroup(child, 'SIGKILL');
});

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal); // the group is gone already; the process itself may not be
  }
}

/** One device as another sees it in /rest/system/connections. */
interface Connection {
  connected: boolean;
  paused: boolean;
}

/** One real `syncthing serve` process with its own home, on loopback only. */
export class SyncthingInstance {
  private process: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private readonly log: string[] = [];

  constructor(
    /** A short name for messages ("A", "B"). */
    readonly name: string,
    private readonly setup: InstanceSetup,
  ) {}

  get deviceId(): string {
    return this.setup.deviceId;
  }

  /** Where other instances reach this one. */
  get syncAddress(): string {
    return `tcp://127.0.0.1:${this.setup.listenPort}`;
  }

  get home(): string {
    return this.setup.home;
  }

  /** Whether the process is running (false after `kill` until `start`). */
  get running(): boolean {
    return this.process !== undefined;
  }

  /** The last lines Syncthing printed, for a failure message. */
  recentLog(): string {
    return this.log.join('\n');
  }

  /** Starts the process and waits until its REST API answers and its config is loopback-only. */
  async start(): Promise<void> {
    if (this.process) throw new Error(`syncthing ${this.name} is already running`);
    // `serve` runs a monitor process that starts Syncthing as its child, even with --no-restart;
    // STMONITORED tells it it is that child already, so the process we signal is Syncthing itself.
    // Its own process group as well, so a kill reaches anything it may start.
    const child = spawn('syncthing', ['serve', `--home=${this.home}`, '--no-browser', '--no-restart', '--no-upgrade', '--logflags=3'], {
      env: { ...process.env, STMONITORED: 'yes', STNOUPGRADE: '1', STNODEFAULTFOLDER: '1', STNORESTART: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.process = child;
    running.add(child);
    const remember = (chunk: Buffer) => {
      this.log.push(...chunk.toString().split('\n').filter(Boolean));
      this.log.splice(0, Math.max(0, this.log.length - LOG_LINES_KEPT));
    };
    child.stdout!.on('data', remember);
    child.stderr!.on('data', remember);
    let exitedEarly = false;
    this.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        exitedEarly = true;
        this.log.push(`[process ended: ${signal ?? `exit code ${code}`}]`);
        running.delete(child);
        if (this.process === child) this.process = undefined;
        resolve();
      }),
    );
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (exitedEarly) throw new Error(`syncthing ${this.name} ended while starting:\n${this.recentLog()}`);
      const pong = await this.rest<{ ping?: string }>('GET', '/rest/system/ping').catch(() => undefined);
      if (pong?.ping === 'pong') break;
      if (Date.now() > deadline) throw new Error(`syncthing ${this.name} did not answer within ${START_TIMEOUT_MS / 1000} s:\n${this.recentLog()}`);
      await sleep(200);
    }
    await this.checkLoopbackOnly();
  }

  /** Ends the process with `signal` (SIGKILL: no chance to flush anything) and waits until it is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.process) return;
    signalGroup(this.process, signal);
    await this.exited;
  }

  /** Asks Syncthing to shut down cleanly; kills it if it has not ended within 10 s. */
  async stop(): Promise<void> {
    if (!this.process) return;
    signalGroup(this.process, 'SIGTERM');
    const ended = await Promise.race([this.exited.then(() => true), sleep(10_000).then(() => false)]);
    if (!ended) await this.kill('SIGKILL');
  }

  /**
   * Stops syncing with `other` (its entry in this instance's config is paused).
   * One side is enough to cut the link. After `resumeDevice` the link comes back
   * when Syncthing's connection loop next dials: measured 0.3–5 s here, once 15 s
   * (`SyncthingCluster.waitConnected` waits for it).
   */
  pauseDevice(other: SyncthingInstance): Promise<void> {
    return this.rest('PATCH', `/rest/config/devices/${other.deviceId}`, { paused: true });
  }

  resumeDevice(other: SyncthingInstance): Promise<void> {
    return this.rest('PATCH', `/rest/config/devices/${other.deviceId}`, { paused: false });
  }

  pauseFolder(folder: string): Promise<void> {
    return this.rest('PATCH', `/rest/config/folders/${encodeURIComponent(folder)}`, { paused: true });
  }

  resumeFolder(folder: string): Promise<void> {
    return this.rest('PATCH', `/rest/config/folders/${encodeURIComponent(folder)}`, { paused: false });
  }

  /** Scans the folder now (or only `sub` inside it) instead of waiting for the watcher; returns when the scan is done. */
  rescan(folder: string, sub?: string): Promise<void> {
    const query = new URLSearchParams({ folder, ...(sub !== undefined && { sub }) });
    return this.rest('POST', `/rest/db/scan?${query}`);
  }

  /** Whether this instance is connected to `other` right now. */
  async connectedTo(other: SyncthingInstance): Promise<boolean> {
    const { connections } = await this.rest<{ connections: Record<string, Connection> }>('GET', '/rest/system/connections');
    return connections[other.deviceId]?.connected === true;
  }

  /** Calls the REST API with this instance's API key; throws with the status and body on anything but 2xx. */
  async rest<T = void>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`http://127.0.0.1:${this.setup.guiPort}${path}`, {
      method,
      headers: { 'X-API-Key': this.setup.apiKey, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REST_TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`syncthing ${this.name}: ${method} ${path} answered ${response.status}: ${text.trim()}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Reads the running config back: a harness that leaked onto the network must fail loudly, not quietly. */
  private async checkLoopbackOnly(): Promise<void> {
    const options = await this.rest<Record<string, unknown>>('GET', '/rest/config/options');
    const wrong: [string, unknown][] = Object.entries(LOOPBACK_ONLY_OPTIONS).filter(([key, value]) => options[key] !== value);
    const listen = options.listenAddresses as string[];
    if (listen.length !== 1 || listen[0] !== this.syncAddress) wrong.push(['listenAddresses', JSON.stringify(listen)]);
    if (wrong.length) {
      await this.kill();
      throw new Error(`syncthing ${this.name} is not loopback-only: ${wrong.map(([k]) => `${k}=${JSON.stringify(options[k])}`).join(', ')}`);
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
