import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CLOCK_AHEAD_WARNING_MS, DeviceIdSchema, type Device, type DeviceId } from '../sync/index.js';
import { writeFileDurably } from './durable-file.js';
import type { Layout } from './layout.js';

/** A device that writes to this library, as this device knows it. */
export interface SeenDevice {
  id: DeviceId;
  name: string;
  thisDevice: boolean;
  /** When it last opened the library (its own clock; written at most once a day). */
  lastSeenAt?: string;
  /**
   * How far ahead of this device's clock its own was, when over
   * CLOCK_AHEAD_WARNING_MS: it wrote changes dated that far in the future.
   * Ordering is not harmed (see sync/hlc.ts), but its times are wrong, and
   * its changes win over ones made here meanwhile: the reader is told.
   */
  clockAheadMs?: number;
}

/** How stale "last seen" may get before opening the library writes it again. */
const NOTE_REFRESH_MS = 24 * 3600_000;

/** `devices/<id>/device.json`: what a device tells the others of itself; written by that device only. */
const DeviceNoteSchema = z.object({
  version: z.literal(1),
  id: DeviceIdSchema,
  name: z.string().min(1).max(200),
  seenAt: z.string().datetime(),
});

/**
 * The names of the devices that write to a library. Each device writes its
 * own name into its own folder of the library (so the sync engine carries it
 * to the others, and no two devices write one file); a device whose note has
 * not arrived yet is shown by its id.
 */
export class DeviceNames {
  private known = new Map<string, SeenDevice>();
  /** The largest lead of each device's clock seen (over the warning limit only). */
  private readonly ahead = new Map<DeviceId, number>();

  constructor(
    private readonly layout: Layout,
    private device: Device,
    /** Told when a listing finds a device new or renamed (what was shown with its old name is stale). */
    private readonly onRenamed: () => void = () => {},
  ) {}

  /**
   * Writes this device's note (at open, and when it is renamed): only when
   * its name changed or it was last written over a day ago, so that opening
   * the library (each CLI run) neither waits for a disk flush nor gives the
   * sync engine a file to carry.
   */
  async announce(device: Device = this.device): Promise<void> {
    this.device = device;
    const kept = await readFile(this.layout.deviceFile, 'utf8')
      .then((text) => DeviceNoteSchema.safeParse(JSON.parse(text)))
      .catch(() => null);
    if (kept?.success && kept.data.name === device.name && Date.now() - Date.parse(kept.data.seenAt) < NOTE_REFRESH_MS) return;
    const note = { version: 1, id: device.id, name: device.name, seenAt: new Date().toISOString() };
    await writeFileDurably(this.layout.deviceFile, `${JSON.stringify(note)}\n`, { tempDir: this.layout.tempDir });
  }

  /** Every device with a folder in the library, this one first, then by name. */
  async list(): Promise<SeenDevice[]> {
    const seen: SeenDevice[] = [];
    const names = await readdir(this.layout.devicesDir).catch(() => [] as string[]);
    for (const name of names) {
      const id = DeviceIdSchema.safeParse(name);
      if (!id.success) continue;
      const note = await readFile(join(this.layout.devicesDir, name, 'device.json'), 'utf8')
        .then((text) => DeviceNoteSchema.safeParse(JSON.parse(text)))
        .catch(() => null);
      const thisOne = id.data === this.device.id;
      seen.push({
        id: id.data,
        name: thisOne ? this.device.name : note?.success ? note.data.name : `Device ${id.data.slice(2, 8)}`,
        thisDevice: thisOne,
        ...(note?.success && { lastSeenAt: note.data.seenAt }),
        ...(this.ahead.has(id.data) && { clockAheadMs: Math.round(this.ahead.get(id.data)!) }),
      });
    }
    if (!seen.some((d) => d.thisDevice)) seen.push({ id: this.device.id, name: this.device.name, thisDevice: true });
    seen.sort((a, b) => Number(b.thisDevice) - Number(a.thisDevice) || a.name.localeCompare(b.name));
    const renamed = seen.some((d) => this.known.get(d.id)?.name !== d.name);
    this.known = new Map(seen.map((d) => [d.id, d]));
    if (renamed) this.onRenamed();
    return seen;
  }

  /** Notes each device that wrote a change dated over CLOCK_AHEAD_WARNING_MS after `now` (this device's clock). */
  checkClocks(latestWrite: ReadonlyMap<DeviceId, number>, now: number): void {
    for (const [device, written] of latestWrite) {
      const ahead = written - now;
      if (device !== this.device.id && ahead > CLOCK_AHEAD_WARNING_MS && ahead > (this.ahead.get(device) ?? 0)) this.ahead.set(device, ahead);
    }
  }

  /** A device's name as of the last listing, without reading anything (its id's start when not known yet). */
  nameNow(id: DeviceId): string {
    return this.known.get(id)?.name ?? `Device ${id.slice(2, 8)}`;
  }

  /** A device's name, from the last listing (its id's start when not known yet). */
  async nameOf(id: DeviceId): Promise<string> {
    if (!this.known.has(id)) await this.list();
    return this.known.get(id)?.name ?? `Device ${id.slice(2, 8)}`;
  }
}
