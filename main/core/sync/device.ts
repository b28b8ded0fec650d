import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { MarginaliaError } from '../../../shared/contract/errors.js';

/**
 * Which device wrote a record. Made once per installation, at random, and
 * kept where only this device reads it.
 *
 * Where it must NOT be kept: in the library folder. That folder is what
 * Syncthing, Dropbox or iCloud copy to the other devices; an id file in it
 * would arrive on the laptop from the desktop, and two devices sharing one
 * id would write the same journal file (`journal.<device>.jsonl`) and make
 * the same clock stamps — exactly the collisions the layout exists to avoid.
 *
 * Where it should be kept: the app's own data folder outside the library
 * (Electron's `app.getPath('userData')`, e.g. `~/.config/Marginalia/device.json`),
 * which no sync engine is pointed at; the CLI, which runs on the same device,
 * reads the same file. Tests pass a keeper in memory (`keptInMemory`).
 */
export type DeviceId = string & { readonly __device: true };

/** `d-` and 12 of [a-z0-9] (~62 bits): fixed length, no further dash, so names that carry it stay unambiguous. */
export const DeviceIdSchema = z
  .string()
  .regex(/^d-[a-z0-9]{12}$/, 'not a device id')
  .transform((s) => s as DeviceId);

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** 32 random bytes for 12 characters: only bytes below 252 (7 × 36) are used, so every character is equally likely. */
const UNBIASED_LIMIT = 252;

export function newDeviceId(): DeviceId {
  let id = 'd-';
  while (id.length < 14) {
    for (const b of randomBytes(32)) {
      if (b < UNBIASED_LIMIT && id.length < 14) id += ALPHABET[b % ALPHABET.length];
    }
  }
  return id as DeviceId;
}

/** What the device file holds. */
const DeviceFileSchema = z.object({
  version: z.literal(1),
  id: DeviceIdSchema,
  /** Set when the reader renamed the device; absent: the host name. */
  name: z.string().min(1).max(200).optional(),
});
type DeviceFile = z.infer<typeof DeviceFileSchema>;

/** Where the device file lives; the caller decides (a file in the app's data folder, or memory in tests). */
export interface DeviceKeeper {
  /** The file's text, or null when there is none yet. */
  read(): Promise<string | null>;
  /** Replaces the file's text durably (write to a temp file, fsync, rename). */
  write(text: string): Promise<void>;
}

/** This device as the library sees it. */
export interface Device {
  id: DeviceId;
  /** What the reader sees: the name they gave, or the host name. */
  name: string;
}

/**
 * This device's id and name: read from the keeper, or made and kept on first
 * use. A damaged file is not silently replaced (a new id would orphan this
 * device's journals in the library): it is reported with a message the
 * reader can act on.
 */
export async function thisDevice(keeper: DeviceKeeper, hostname: string): Promise<Device> {
  const text = await keeper.read();
  if (text === null) {
    const file: DeviceFile = { version: 1, id: newDeviceId() };
    await keeper.write(`${JSON.stringify(file)}\n`);
    return { id: file.id, name: deviceName(file, hostname) };
  }
  const parsed = DeviceFileSchema.safeParse(safeJSON(text));
  if (!parsed.success) {
    throw new MarginaliaError(
      'storage',
      'This device’s identity file is damaged, so Marginalia cannot tell which journals in the library are its own. Move the file away to start as a new device; nothing in the library is lost.',
    );
  }
  return { id: parsed.data.id, name: deviceName(parsed.data, hostname) };
}

/** Renames this device (what other devices show as "changed on …"); the id stays. */
export async function renameDevice(keeper: DeviceKeeper, name: string, hostname: string): Promise<Device> {
  const current = await thisDevice(keeper, hostname);
  const trimmed = name.trim();
  const file: DeviceFile = trimmed ? { version: 1, id: current.id, name: trimmed.slice(0, 200) } : { version: 1, id: current.id };
  await keeper.write(`${JSON.stringify(file)}\n`);
  return { id: current.id, name: deviceName(file, hostname) };
}

function deviceName(file: DeviceFile, hostname: string): string {
  return file.name ?? (hostname.trim() || 'This device');
}

/** A keeper in memory: for tests and for a CLI run that must not touch the app's data folder. */
export function keptInMemory(initial: string | null = null): DeviceKeeper & { text: string | null } {
  const keeper = {
    text: initial,
    read: async () => keeper.text,
    write: async (text: string) => {
      keeper.text = text;
    },
  };
  return keeper;
}

function safeJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
