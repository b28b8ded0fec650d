import { homedir, hostname } from 'node:os';
import path from 'node:path';
import { defaultLibraryDir } from '../paths.js';
import { readFileIfExists, writeFileDurably } from '../store/durable-file.js';
import { thisDevice, type Device, type DeviceKeeper } from './device.js';

/**
 * Where this device keeps its identity: `MARGINALIA_DEVICE_FILE` if set,
 * else `device.json` in the per-user app folder (`~/.config/Marginalia/`,
 * `~/Library/Application Support/Marginalia/`, `%APPDATA%\Marginalia\`),
 * beside the default library folder but never inside any library: a sync
 * engine copies the library to the other devices, and must not copy this.
 */
export function deviceFilePath(env: Readonly<Record<string, string | undefined>> = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.MARGINALIA_DEVICE_FILE) return env.MARGINALIA_DEVICE_FILE;
  const paths = platform === 'win32' ? path.win32 : path.posix;
  return paths.join(paths.dirname(defaultLibraryDir(platform, env, home)), 'device.json');
}

/** A keeper of the device file at `path`, written durably. */
export function fileKeeper(path: string): DeviceKeeper {
  return {
    read: () => readFileIfExists(path),
    write: (text) => writeFileDurably(path, text, { mode: 0o600 }),
  };
}

/** This device, as its device file says (made on first use). */
export function deviceOfThisMachine(): Promise<Device> {
  return thisDevice(fileKeeper(deviceFilePath()), hostname());
}
